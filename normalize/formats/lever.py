"""Format `lever`: one posting of the Lever Postings API to a Listing.

Reads (GET /v0/postings/{site}?mode=json): id, text (the title), hostedUrl, applyUrl,
description (else descriptionPlain), lists[] ({text: heading, content: <li> items}),
additional, salaryDescription, categories{location, allLocations, commitment, team,
department}, workplaceType, country (ISO code), salaryRange{min, max, currency, interval},
createdAt (ms epoch). The company is the Lever site (the board), which is all the API says.
Not mapped: categories.level, opening/descriptionBody (parts of description), tags.
"""

from __future__ import annotations

from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.employment import parse_employment_types
from normalize.fields.pay import dollar_for
from normalize.fields.places import country_code
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
    add_location,
    add_place,
    arrangement,
    category_hint,
    items,
    job_object,
    new_draft,
    range_pay,
    sections_source,
    set_description,
)
from normalize.schema import Listing, Location, Pay, RawListing

# salaryRange.interval -> (period, factor to that period's amount).
_INTERVALS = {
    "per-hour-wage": ("HOUR", 1.0),
    "per-day-wage": ("DAY", 1.0),
    "per-week-salary": ("WEEK", 1.0),
    "bi-week-salary": ("WEEK", 0.5),
    "semi-month-salary": ("MONTH", 2.0),
    "per-month-salary": ("MONTH", 1.0),
    "bi-month-salary": ("MONTH", 0.5),
    "per-year-salary": ("YEAR", 1.0),
    "one-time": ("PROJECT", 1.0),
}


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    url = absolute_url(p.get("hostedUrl"), raw.url)
    d = new_draft(raw, p.get("id"), p.get("text"), url)
    d.apply_url = absolute_url(p.get("applyUrl"), raw.url) or url
    set_description(d, _sections(p))
    categories = p.get("categories") if isinstance(p.get("categories"), dict) else {}
    _read_places(d, p, categories)
    d.employment_types = d.read("employment_types", parse_employment_types,
                                categories.get("commitment"), what="categories.commitment") or []
    country = next((loc.country for loc in d.locations if loc.country), None)
    d.pay = d.read("pay", _salary, p.get("salaryRange"), what="salaryRange",
                   dollar=dollar_for(country))
    d.posted_at = d.read("posted_at", parse_date, p.get("createdAt"), what="createdAt")
    category_hint(d, categories.get("team"), categories.get("department"))
    return finish(d)


def _sections(p: dict[str, Any]) -> list[tuple[str | None, Any]]:
    sections: list[tuple[str | None, Any]] = [(None, p.get("description") or
                                               p.get("descriptionPlain"))]
    for item in items(p.get("lists")):
        if isinstance(item, dict) and isinstance(item.get("content"), str):
            sections.append((item.get("text"), f"<ul>{item['content']}</ul>"))
    return [*sections, (None, p.get("additional")), (None, p.get("salaryDescription"))]


description_source = sections_source(_sections)


def _read_places(d: Draft, p: dict[str, Any], categories: dict[str, Any]) -> None:
    """allLocations (else location) as text; `country` fills a place that lacks one and, for
    a remote posting without places, says where applicants may live."""
    d.arrangement = arrangement(p.get("workplaceType"))
    texts = categories.get("allLocations")
    texts = texts if isinstance(texts, list) and texts else [categories.get("location")]
    for text in texts:
        add_place(d, text, what="categories.location")
    code = d.read("locations", country_code, p.get("country"), what="country")
    if not code:
        return
    d.locations = [loc if loc.country else loc.model_copy(update={"country": code})
                   for loc in d.locations]
    remote = d.arrangement == "remote" or (d.remote_hint and not d.hybrid_hint)
    if remote and not d.remote_regions:
        d.remote_regions.append(code)
    elif not remote and not d.locations:
        add_location(d, Location(country=code, raw=p.get("country")))


def _salary(value: Any, *, dollar: str) -> Pay | None:
    if not isinstance(value, dict):
        return None
    period, factor = _INTERVALS.get(str(value.get("interval") or "").lower(), (None, 1.0))
    lo, hi = value.get("min"), value.get("max")
    return range_pay(lo * factor if isinstance(lo, (int, float)) else lo,
                     hi * factor if isinstance(hi, (int, float)) else hi,
                     value.get("currency"), period, dollar=dollar, guess_year=period is None)
