"""Format `ashby`: one job of the Ashby posting API to a Listing.

Reads (GET /posting-api/job-board/{org}?includeCompensation=true): id, title, jobUrl, applyUrl,
descriptionHtml (else descriptionPlain), employmentType (FullTime, PartTime, Intern, Contract,
Temporary), workplaceType (Remote, Hybrid, OnSite; else isRemote), address.postalAddress and
location, secondaryLocations[] (address.postalAddress, location), publishedAt, department and
team, and compensation: the "Salary" entries of summaryComponents (else of compensationTiers)
with minValue, maxValue, currencyCode and interval ("1 HOUR", "1 YEAR"...), else the
compensationTierSummary text. The company is the Ashby organization (the board).
Not mapped: equity, bonus and commission components; shouldDisplayCompensationOnJobPostings
(Ashby sends compensation only when it is true).
"""

from __future__ import annotations

import re
from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.employment import parse_employment_types
from normalize.fields.pay import dollar_for
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
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
from normalize.formats._cache import cached_pay_text
from normalize.schema import Listing, Pay, RawListing

_BASE_PAY = {"salary", "hourly", "stipend"}  # compensationType values that are the pay itself
_INTERVAL_RE = re.compile(r"^\s*(\d+)?\s*([A-Za-z_]+)\s*$")
_UNITS = {"HOUR": "HOUR", "DAY": "DAY", "WEEK": "WEEK", "MONTH": "MONTH", "YEAR": "YEAR",
          "TIME": "PROJECT", "ONE_TIME": "PROJECT"}


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    url = absolute_url(p.get("jobUrl"), raw.url)
    d = new_draft(raw, p.get("id"), p.get("title"), url)
    d.apply_url = absolute_url(p.get("applyUrl"), raw.url) or url
    set_description(d, _sections(p))
    _read_places(d, p)
    d.employment_types = d.read("employment_types", parse_employment_types,
                                p.get("employmentType"), what="employmentType") or []
    country = next((loc.country for loc in d.locations if loc.country), None)
    d.pay = d.read("pay", _compensation, p.get("compensation"), what="compensation",
                   quiet=True, dollar=dollar_for(country))
    d.posted_at = d.read("posted_at", parse_date, p.get("publishedAt"), what="publishedAt")
    category_hint(d, p.get("department"), p.get("team"))
    return finish(d)


def _sections(p: dict[str, Any]) -> list[tuple[str | None, Any]]:
    return [(None, p.get("descriptionHtml") or p.get("descriptionPlain"))]


description_source = sections_source(_sections)


def _postal(value: Any) -> dict[str, Any] | None:
    """address.postalAddress of a job or of a secondary location."""
    if isinstance(value, dict) and isinstance(value.get("postalAddress"), dict):
        return value["postalAddress"]
    return None


def _read_places(d: Draft, p: dict[str, Any]) -> None:
    """workplaceType, else isRemote: true is remote; false is not remote whatever the location
    text says (boards write "Remote" there for jobs they flag as not remote), so hybrid when a
    text says hybrid, else onsite."""
    d.arrangement = arrangement(p.get("workplaceType"))
    if d.arrangement is None and p.get("isRemote") is True:
        d.arrangement = "remote"
    add_place(d, p.get("location"), _postal(p.get("address")), what="location")
    for item in items(p.get("secondaryLocations")):
        if isinstance(item, dict):
            add_place(d, item.get("location"), _postal(item.get("address")),
                      what="secondaryLocations")
    if d.arrangement is None and p.get("isRemote") is False:
        d.arrangement = "hybrid" if d.hybrid_hint else "onsite"
        d.remote_regions.clear()


def _compensation(value: Any, *, dollar: str) -> Pay | None:
    if not isinstance(value, dict):
        return None
    components = list(items(value.get("summaryComponents")))
    for tier in items(value.get("compensationTiers")):
        if isinstance(tier, dict):
            components += items(tier.get("components"))
    for c in components:
        if isinstance(c, dict) and str(c.get("compensationType", "")).lower() in _BASE_PAY:
            pay = range_pay(c.get("minValue"), c.get("maxValue"), c.get("currencyCode"),
                            _period(c.get("interval")), dollar=dollar)
            if pay is not None:
                return pay
    summary = value.get("compensationTierSummary") or value.get("scrapeableCompensationSalarySummary")
    return cached_pay_text(summary, dollar=dollar)


def _period(interval: Any) -> str | None:
    """ "1 HOUR" -> HOUR; "NONE", or an interval of several units, has no period."""
    m = _INTERVAL_RE.match(interval) if isinstance(interval, str) else None
    if not m or (m[1] and m[1] != "1"):
        return None
    return _UNITS.get(m[2].upper())
