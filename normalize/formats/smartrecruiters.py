"""Format `smartrecruiters`: one posting of the SmartRecruiters Posting API to a Listing.

Reads (the summary from GET /v1/companies/{company}/postings, updated with the detail from
.../postings/{id}): id, name (the title), company{identifier, name}, postingUrl, applyUrl,
jobAd.sections{companyDescription, jobDescription, qualifications, additionalInformation}
({title, text} each), location{city, region, country (ISO code), remote, hybrid,
fullLocation}, typeOfEmployment{id, label}, experienceLevel (id "internship" is an
internship), releasedDate, function, industry and department labels (for the category).
Not mapped: customField[], refNumber, creator, language, the compensation the public API
does not carry (pay is read from the text).
"""

from __future__ import annotations

from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.employment import parse_employment_types
from normalize.fields.places import country_code
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
    add_place,
    address,
    category_hint,
    job_object,
    new_draft,
    sections_source,
    set_description,
)
from normalize.schema import Listing, RawListing

_SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
PUBLIC_SITE = "https://jobs.smartrecruiters.com"


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    company = p.get("company") if isinstance(p.get("company"), dict) else {}
    url = absolute_url(p.get("postingUrl"), raw.url) or _public_url(company, p.get("id"))
    d = new_draft(raw, p.get("id"), p.get("name"), url, company.get("name"))
    d.apply_url = absolute_url(p.get("applyUrl"), raw.url) or url
    set_description(d, _sections(p.get("jobAd")))
    _read_place(d, p.get("location") if isinstance(p.get("location"), dict) else {})
    _read_employment(d, p)
    d.posted_at = d.read("posted_at", parse_date, p.get("releasedDate"), what="releasedDate")
    category_hint(d, p.get("function"), p.get("department"), p.get("industry"))
    return finish(d)


def _job_sections(p: dict[str, Any]) -> list[tuple[Any, Any]]:
    return _sections(p.get("jobAd"))


def _sections(job_ad: Any) -> list[tuple[Any, Any]]:
    """jobAd.sections in the order the posting page shows them, as (title, text)."""
    sections = job_ad.get("sections") if isinstance(job_ad, dict) else None
    if not isinstance(sections, dict):
        return []
    found = (sections.get(key) for key in _SECTIONS)
    return [(s.get("title"), s.get("text")) for s in found if isinstance(s, dict)]


description_source = sections_source(_job_sections)


def _public_url(company: dict[str, Any], native_id: Any) -> str | None:
    """The posting's page when the payload has no postingUrl (a summary only)."""
    ident = company.get("identifier")
    if isinstance(ident, str) and ident and native_id not in (None, ""):
        return f"{PUBLIC_SITE}/{ident}/{native_id}"
    return None


def _read_place(d: Draft, loc: dict[str, Any]) -> None:
    if loc.get("remote") is True:
        d.arrangement = "remote"
    elif loc.get("hybrid") is True:
        d.arrangement = "hybrid"
    structured = address(loc.get("city"), loc.get("region"), loc.get("country"))
    add_place(d, loc.get("fullLocation"), structured if loc.get("city") or loc.get("region")
              else None, what="location")
    code = d.read("locations", country_code, loc.get("country"), what="location.country")
    if code and d.arrangement == "remote" and code not in d.remote_regions:
        d.remote_regions.append(code)
    if code and not d.locations and d.arrangement != "remote":
        add_place(d, None, address(country=code), what="location.country")


def _read_employment(d: Draft, p: dict[str, Any]) -> None:
    kind = p.get("typeOfEmployment") if isinstance(p.get("typeOfEmployment"), dict) else {}
    types = d.read("employment_types", parse_employment_types,
                   kind.get("label") or kind.get("id"), what="typeOfEmployment") or []
    level = p.get("experienceLevel") if isinstance(p.get("experienceLevel"), dict) else {}
    if str(level.get("id", "")).lower() == "internship" and "INTERN" not in types:
        types.insert(0, "INTERN")
    d.employment_types = types

