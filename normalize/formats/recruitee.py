"""Format `recruitee`: one offer of the Recruitee offers API to a Listing.

Reads (GET /api/offers/): id, title, company_name, careers_url, careers_apply_url,
description, requirements, locations[] ({city, state, state_name, country, country_code});
else city, state_name, country_code, location), remote / hybrid / on_site, employment_type_code,
min_hours / max_hours (per week), salary{min, max, period, currency}, published_at (else
created_at), close_at (the deadline), department and category_code (for the category).
Not mapped: slug, tags, education_code, experience_code, translations.
"""

from __future__ import annotations

from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.numbers import parse_number
from normalize.fields.pay import dollar_for, normalize_period
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
    add_place,
    address,
    category_hint,
    items,
    job_object,
    new_draft,
    range_pay,
    sections_source,
    set_description,
)
from normalize.schema import Listing, Pay, Range, RawListing

# employment_type_code values -> schema.org employment types.
_EMPLOYMENT = {
    "fulltime": ["FULL_TIME"], "fulltime_permanent": ["FULL_TIME"],
    "fulltime_fixed_term": ["FULL_TIME", "TEMPORARY"], "parttime": ["PART_TIME"],
    "parttime_permanent": ["PART_TIME"], "parttime_fixed_term": ["PART_TIME", "TEMPORARY"],
    "internship": ["INTERN"], "traineeship": ["INTERN"], "apprenticeship": ["INTERN"],
    "freelance": ["CONTRACTOR"], "contract": ["CONTRACTOR"], "temporary": ["TEMPORARY"],
    "volunteer": ["VOLUNTEER"], "seasonal": ["TEMPORARY"],
}
MAX_WEEKLY_HOURS = 80


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    url = absolute_url(p.get("careers_url"), raw.url)
    d = new_draft(raw, p.get("id") or p.get("slug"), p.get("title"), url, p.get("company_name"))
    d.apply_url = absolute_url(p.get("careers_apply_url"), raw.url) or url
    set_description(d, _sections(p))
    _read_places(d, p)
    code = str(p.get("employment_type_code") or "").strip().lower()
    d.employment_types = list(_EMPLOYMENT.get(code, []))
    if code and not d.employment_types:
        d.warnings.append(f"employment_types: unknown employment_type_code {code!r}")
    d.hours_per_week = _hours(p.get("min_hours"), p.get("max_hours"))
    country = next((loc.country for loc in d.locations if loc.country), None)
    d.pay = d.read("pay", _salary, p.get("salary"), what="salary", dollar=dollar_for(country))
    d.posted_at = d.read("posted_at", parse_date, p.get("published_at") or p.get("created_at"),
                         what="published_at")
    d.deadline = d.read("deadline", parse_date, p.get("close_at"), what="close_at")
    category_hint(d, p.get("department"), str(p.get("category_code") or "").replace("_", " "))
    return finish(d)


def _sections(p: dict[str, Any]) -> list[tuple[str | None, Any]]:
    return [(None, p.get("description")), ("Requirements", p.get("requirements"))]


description_source = sections_source(_sections)


def _read_places(d: Draft, p: dict[str, Any]) -> None:
    if p.get("remote") is True:
        d.arrangement = "remote"
    elif p.get("hybrid") is True:
        d.arrangement = "hybrid"
    elif p.get("on_site") is True:
        d.arrangement = "onsite"
    places = [loc for loc in items(p.get("locations")) if isinstance(loc, dict)]
    for loc in places:
        add_place(d, None, address(loc.get("city"), loc.get("state_name") or loc.get("state"),
                                   loc.get("country_code") or loc.get("country")), what="locations")
    if not places:
        add_place(d, p.get("location"), address(p.get("city"), p.get("state_name"),
                                                p.get("country_code") or p.get("country")),
                  what="location")


def _hours(lo: Any, hi: Any) -> Range | None:
    """min_hours / max_hours per week; zeros and nonsense mean "not given"."""
    low, high = parse_number(lo), parse_number(hi)
    low = low if low and 0 < low <= MAX_WEEKLY_HOURS else None
    high = high if high and 0 < high <= MAX_WEEKLY_HOURS else None
    if low is None and high is None:
        return None
    return Range(min=low, max=high or low)  # "0 to 10 hours" is up to 10


def _salary(value: Any, *, dollar: str) -> Pay | None:
    if not isinstance(value, dict):
        return None
    return range_pay(value.get("min"), value.get("max"), value.get("currency"),
                     normalize_period(value.get("period")), dollar=dollar)
