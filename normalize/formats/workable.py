"""Format `workable`: one job of the Workable careers-widget API to a Listing.

Reads (GET /api/v1/widget/accounts/{slug}?details=true): shortcode (the id), title, url (else
shortlink), application_url, description, requirements, benefits, locations[] ({city, region,
country, countryCode, hidden}; else city, state, country), telecommuting (remote),
employment_type, experience ("Internship" is an internship), published_on (else created_at),
department, function and industry (for the category); the company is the account's `name`
(from `_board`, as the API names it once per account). Not mapped: code, education.
"""

from __future__ import annotations

from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.employment import parse_employment_types
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
    add_place,
    address,
    category_hint,
    items,
    job_object,
    new_draft,
    sections_source,
    set_description,
)
from normalize.schema import Listing, RawListing


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    url = absolute_url(p.get("url") or p.get("shortlink"), raw.url)
    d = new_draft(raw, p.get("shortcode") or p.get("id"), p.get("title"), url)
    d.apply_url = absolute_url(p.get("application_url"), raw.url) or url
    set_description(d, _sections(p))
    _read_places(d, p)
    types = d.read("employment_types", parse_employment_types, p.get("employment_type"),
                   what="employment_type") or []
    if str(p.get("experience") or "").strip().lower() == "internship" and "INTERN" not in types:
        types.insert(0, "INTERN")
    d.employment_types = types
    d.posted_at = d.read("posted_at", parse_date, p.get("published_on") or p.get("created_at"),
                         what="published_on")
    category_hint(d, p.get("department"), p.get("function"), p.get("industry"))
    return finish(d)


def _sections(p: dict[str, Any]) -> list[tuple[str | None, Any]]:
    return [(None, p.get("description")), ("Requirements", p.get("requirements")),
            ("Benefits", p.get("benefits"))]


description_source = sections_source(_sections)


def _read_places(d: Draft, p: dict[str, Any]) -> None:
    if p.get("telecommuting") is True:
        d.arrangement = "remote"
    places = [loc for loc in items(p.get("locations"))
              if isinstance(loc, dict) and not loc.get("hidden")]
    for loc in places:
        add_place(d, None, address(loc.get("city"), loc.get("region"),
                                   loc.get("countryCode") or loc.get("country")), what="locations")
    if not places:
        add_place(d, None, address(p.get("city"), p.get("state"), p.get("country")),
                  what="city/state/country")
