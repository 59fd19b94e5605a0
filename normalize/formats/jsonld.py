"""Format `jsonld`: a schema.org JobPosting object (from JSON-LD or microdata) to a Listing.

The payload is the JobPosting itself, as normalize.extract finds it in a page. Each property is
read by the field parsers in normalize/fields through `Draft.read`, so an unreadable property
leaves its field empty and a warning; then `finish` fills gaps from the description text.
"""

from __future__ import annotations

from typing import Any

from normalize.draft import Draft, finish, short_repr
from normalize.errors import NormalizeError
from normalize.fields.dates import parse_date
from normalize.fields.duration import parse_duration_weeks
from normalize.fields.employment import parse_employment_types
from normalize.fields.hours import hours_from_value
from normalize.fields.pay import dollar_for, pay_from_salary
from normalize.fields.places import country_code, place_from_job_location
from normalize.fields.taxonomy import categorize, skills_from_value
from normalize.fields.text import clean_inline, sanitize_html, text_to_html, to_text
from normalize.fields.urls import absolute_url, organization_domain
from normalize.schema import Listing, Organization, RawListing, listing_id

# Prose properties besides `description`: shown when there is no description, scanned always.
_PROSE = ("responsibilities", "qualifications", "experienceRequirements",
          "educationRequirements", "skills", "incentiveCompensation", "jobBenefits")
_APPLY_KEYS = ("applyUrl", "applicationUrl", "apply_url", "applyLink")


def to_listing(raw: RawListing) -> Listing:
    """Map one JobPosting payload; NormalizeError if it is not an object or has no title."""
    p = raw.payload
    if not isinstance(p, dict):
        raise NormalizeError(f"jsonld: payload is {type(p).__name__}, not a JobPosting object")
    title = clean_inline(_first_text(p.get("title")) or _first_text(p.get("name")))
    if not title:
        raise NormalizeError("jsonld: JobPosting has no title")
    url = absolute_url(_first_text(p.get("url")), raw.url) or raw.url
    d = Draft(
        source=raw.source,
        kind=raw.kind,
        id=listing_id(raw.source, _native_key(p) or url),
        url=url,
        title=title,
        fetched_at=raw.fetched_at,
        audience=raw.audience,
    )
    d.apply_url = _apply_url(p, url, raw.url)
    d.organization = (
        d.read("organization", _organization, p.get("hiringOrganization"),
               what="hiringOrganization") or Organization()
    )
    _read_description(d, p)
    _read_places(d, p)
    _read_terms(d, p, fetched_at=raw.fetched_at)
    return finish(d)


def _first_text(value: Any) -> str | None:
    """The first string in a value that may be a string, a list, or a {"name"/"@value"} object."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "")), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value") or value.get("name")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _native_key(p: dict[str, Any]) -> str | None:
    """The posting's own id: identifier as a string, a PropertyValue's value, or the first."""
    ident = p.get("identifier")
    if isinstance(ident, list):
        ident = next((i for i in ident if i not in (None, "")), None)
    if isinstance(ident, dict):
        ident = ident.get("value") if ident.get("value") not in (None, "") else ident.get("@id")
    if isinstance(ident, bool) or ident is None:
        return None
    key = str(ident).strip()
    return key or None


def _apply_url(p: dict[str, Any], url: str, base: str) -> str | None:
    for key in _APPLY_KEYS:
        value = p.get(key)
        found = absolute_url(_first_text(value), base) if value is not None else None
        if found:
            return found
    return url if p.get("directApply") in (True, "true", "True") else None


def _organization(value: Any) -> Organization | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, str):
        name = clean_inline(value)
        return Organization(name=name) if name else None
    if not isinstance(value, dict):
        return None
    name = clean_inline(_first_text(value.get("name")) or _first_text(value.get("legalName")))
    same_as = value.get("sameAs")
    urls = [*(same_as if isinstance(same_as, list) else [same_as]), value.get("url")]
    domain = organization_domain(urls)
    return Organization(name=name or None, domain=domain) if name or domain else None


def description_source(raw: RawListing) -> Any:
    """The HTML to_listing sanitizes (see normalize.normalize_many)."""
    return _description(raw.payload)[0] if isinstance(raw.payload, dict) else None


def _description(p: dict[str, Any]) -> tuple[Any, str]:
    """The description to sanitize, and the other prose (qualifications...) as text."""
    description = p.get("description")
    if isinstance(description, list):
        description = "\n\n".join(x for x in description if isinstance(x, str))
    prose = [_prose(p[key]) for key in _PROSE if p.get(key) is not None]  # most are absent
    extra_text = "\n".join(x for x in prose if x)
    if not (isinstance(description, str) and description.strip()) and extra_text:
        description = "".join(text_to_html(x) for x in prose if x)
    return description, extra_text


def _read_description(d: Draft, p: dict[str, Any]) -> None:
    description, d.extra_text = _description(p)
    safe = d.read("description_html", sanitize_html, description, what="description")
    d.description_html = safe or ""
    d.description_text = d.read("description_text", to_text, safe, what="description") or ""


def _prose(value: Any) -> str:
    """Text of a prose property: a string, a list, or objects such as
    EducationalOccupationalCredential (credentialCategory) and OccupationalExperienceRequirements."""
    items = value if isinstance(value, list) else [value]
    parts = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("description") or item.get("credentialCategory") or item.get("name")
        if isinstance(item, str) and item.strip():
            parts.append(to_text(sanitize_html(item)))
    return "\n".join(parts)


def _read_places(d: Draft, p: dict[str, Any]) -> None:
    types = p.get("jobLocationType")
    types = types if isinstance(types, list) else [types]
    if any(isinstance(t, str) and t.strip().upper() in ("TELECOMMUTE", "REMOTE") for t in types):
        d.arrangement = "remote"
    job_location = p.get("jobLocation")
    items = job_location if isinstance(job_location, list) else [job_location]
    for item in items:
        place = d.read("locations", place_from_job_location, item, what="jobLocation")
        if place is not None:
            if place.location is None and not place.remote and not place.hybrid:
                d.warnings.append(f"locations: could not read jobLocation {short_repr(item)}")
            d.add_place(place)
    requirements = p.get("applicantLocationRequirements")
    items = requirements if isinstance(requirements, list) else [requirements]
    for item in items:
        code = d.read("remote_regions", country_code, item, what="applicantLocationRequirements")
        if code and code not in d.remote_regions:
            d.remote_regions.append(code)


def _read_terms(d: Draft, p: dict[str, Any], *, fetched_at: str | None) -> None:
    """Employment type, pay, dates, duration, hours, category and skills."""
    d.employment_types = (
        d.read("employment_types", parse_employment_types, p.get("employmentType"),
               what="employmentType") or []
    )
    country = next((loc.country for loc in d.locations if loc.country), None)
    d.pay = d.read("pay", pay_from_salary, p.get("baseSalary"), what="baseSalary",
                   dollar=dollar_for(country))
    for name, key, prefer in (("posted_at", "datePosted", "past"),
                              ("deadline", "validThrough", "future"),
                              ("start_date", "jobStartDate", "future")):
        setattr(d, name, d.read(name, parse_date, p.get(key), what=key, base=fetched_at,
                                prefer=prefer))
    duration = p.get("jobDuration") or p.get("duration")
    d.duration_weeks = d.read("duration_weeks", parse_duration_weeks, duration, what="jobDuration")
    d.hours_per_week = d.read("hours_per_week", hours_from_value, p.get("workHours"),
                              what="workHours")
    occupation = " ".join(
        x for x in (_first_text(p.get("occupationalCategory")), _first_text(p.get("industry"))) if x
    )
    d.category = d.read("category", categorize, occupation, what="occupationalCategory", quiet=True)
    d.skills = d.read("skills", skills_from_value, p.get("skills"), what="skills", quiet=True) or []
