"""A listing (its index document) -> schema.org JobPosting JSON-LD, and that JSON made safe to
embed in an HTML <script> element. Pure functions.

The mapping keeps what a board re-ingesting the page needs: employmentType, baseSalary as a
MonetaryAmount whose QuantitativeValue has unitText (HOUR, DAY, WEEK, MONTH, YEAR, or PROJECT,
which schema.org's free-text unitText allows though Google's list stops at YEAR), validThrough,
jobLocationType TELECOMMUTE with applicantLocationRequirements for remote work, identifier,
jobLocation, hiringOrganization, datePosted, jobStartDate, skills and description (sanitized).
Hours go into `workHours` ("10-15 hours per week"). schema.org has no property for how many
weeks a gig lasts; `jobDuration` ("2-4 weeks") is the name boards that carry it use, and the one
Stint's own JSON-LD reader (normalize/formats/jsonld.py) reads. Every other source of the same
posting goes into `sameAs`.
"""

from __future__ import annotations

from typing import Any

import orjson

from search_api.sanitize import clean_html, safe_url

CONTEXT = "https://schema.org"
IDENTIFIER_NAME = "Stint"


def _range_text(values: dict[str, Any] | None, unit: str) -> str | None:
    values = values or {}
    low, high = values.get("min"), values.get("max")
    if low is None and high is None:
        return None

    def fmt(x: float) -> str:
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    if low is not None and high is not None and low != high:
        return f"{fmt(low)}-{fmt(high)} {unit}"
    return f"{fmt(low if low is not None else high)} {unit}"


def work_hours(doc: dict[str, Any]) -> str | None:
    """'10-15 hours per week', or None."""
    return _range_text(doc.get("hours_per_week"), "hours per week")


def job_duration(doc: dict[str, Any]) -> str | None:
    """'2-4 weeks', or None."""
    return _range_text(doc.get("duration_weeks"), "weeks")


def base_salary(pay: dict[str, Any] | None) -> dict[str, Any] | None:
    pay = pay or {}
    low, high = pay.get("min"), pay.get("max")
    if low is None and high is None:
        return None
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    if pay.get("period"):
        value["unitText"] = pay["period"]
    salary: dict[str, Any] = {"@type": "MonetaryAmount", "value": value}
    if pay.get("currency"):
        salary["currency"] = pay["currency"]
    return salary


def _place(location: dict[str, Any]) -> dict[str, Any] | None:
    address = {"@type": "PostalAddress"}
    for key, field in (("addressLocality", "city"), ("addressRegion", "region"),
                       ("addressCountry", "country")):
        if location.get(field):
            address[key] = location[field]
    if len(address) == 1:
        return None
    return {"@type": "Place", "address": address}


def _organization(org: dict[str, Any] | None) -> dict[str, Any] | None:
    org = org or {}
    if not org.get("name"):
        return None
    result: dict[str, Any] = {"@type": "Organization", "name": org["name"]}
    if org.get("domain"):
        result["sameAs"] = f"https://{org['domain']}"
    return result


def source_urls(doc: dict[str, Any]) -> list[str]:
    """Every http(s) URL the posting is published at: its own, then each other source's."""
    urls = [doc.get("url")]
    for source in doc.get("sources") or []:
        urls.append(source.get("url") if isinstance(source, dict) else source)
    seen: list[str] = []
    for url in map(safe_url, urls):
        if url and url not in seen:
            seen.append(url)
    return seen


def job_posting(doc: dict[str, Any]) -> dict[str, Any]:
    """The JobPosting for one listing document; keys whose value is unknown are left out."""
    urls = source_urls(doc)
    remote = doc.get("arrangement") == "remote"
    places = [p for p in (_place(loc) for loc in doc.get("locations") or []) if p]
    posting: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": IDENTIFIER_NAME,
                       "value": doc.get("cluster_id") or doc["id"]},
        "title": doc.get("title"),
        "description": clean_html(doc.get("description_html")) or doc.get("description_text"),
        "datePosted": doc.get("posted_at"),
        "validThrough": doc.get("deadline"),
        "jobStartDate": doc.get("start_date"),
        "employmentType": doc.get("employment_types") or None,
        "hiringOrganization": _organization(doc.get("organization")),
        "jobLocation": places or None,
        "jobLocationType": "TELECOMMUTE" if remote else None,
        "applicantLocationRequirements": (
            [{"@type": "Country", "name": region} for region in doc.get("remote_regions") or []]
            or None) if remote else None,
        "baseSalary": base_salary(doc.get("pay")),
        "workHours": work_hours(doc),
        "jobDuration": job_duration(doc),
        "skills": ", ".join(doc.get("skills") or []) or None,
        "url": urls[0] if urls else None,
        "sameAs": urls[1:] or None,
    }
    apply_url = safe_url(doc.get("apply_url"))
    if apply_url:
        posting["potentialAction"] = {"@type": "ApplyAction",
                                      "target": {"@type": "EntryPoint", "urlTemplate": apply_url}}
    return {key: value for key, value in posting.items() if value is not None}


def script_json(data: Any) -> str:
    """JSON for inside <script type="application/ld+json">: `<`, `>` and `&` become \\u
    escapes, so no `</script>` or `<!--` can end the element early; JSON parsers read the
    same data back."""
    text = orjson.dumps(data).decode()
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
