"""A listing (its index document) -> schema.org JobPosting JSON-LD, and that JSON made safe to
embed in an HTML <script> element. Pure functions.

The mapping keeps what a board re-ingesting the page needs: employmentType, baseSalary,
validThrough, jobLocationType, identifier, jobLocation, hiringOrganization, datePosted,
jobStartDate, skills and description (sanitized); every other source of the same posting goes
into `sameAs`. What Google's JobPosting checks ask for:

- baseSalary's unitText is only HOUR, DAY, WEEK, MONTH or YEAR. A fee for the whole project
  is given as its hourly equivalent (unit HOUR) where Stint knows one, else as a MonetaryAmount
  without a unit; the fee itself is said in the description.
- A remote posting (jobLocationType TELECOMMUTE) names where applicants may live
  (applicantLocationRequirements: the remote regions, else the posting's countries) or has a
  jobLocation; with neither, it is not marked TELECOMMUTE (the description still says remote).
- schema.org has no property for how many weeks a gig lasts: the duration is said in the
  description ("Duration: 2-4 weeks."), where Stint's own reader finds it in prose. Hours go
  into `workHours` ("10-15 hours per week"), which is a schema.org text property.
"""

from __future__ import annotations

import html
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


SALARY_UNITS = ("HOUR", "DAY", "WEEK", "MONTH", "YEAR")  # Google's unitText values


def _amount(low: Any, high: Any) -> dict[str, Any]:
    value: dict[str, Any] = {"@type": "QuantitativeValue"}
    if low is not None and high is not None and low != high:
        value.update(minValue=low, maxValue=high)
    else:
        value["value"] = low if low is not None else high
    return value


def base_salary(pay: dict[str, Any] | None) -> dict[str, Any] | None:
    pay = pay or {}
    low, high, period = pay.get("min"), pay.get("max"), pay.get("period")
    if low is None and high is None:
        return None
    if period in SALARY_UNITS:
        value = {**_amount(low, high), "unitText": period}
    elif pay.get("hourly_min") is not None or pay.get("hourly_max") is not None:
        value = {**_amount(pay.get("hourly_min"), pay.get("hourly_max")), "unitText": "HOUR"}
    else:  # a project fee (or no period) with no hourly equivalent: an amount without a unit
        value = _amount(low, high)
    salary: dict[str, Any] = {"@type": "MonetaryAmount", "value": value}
    if pay.get("currency"):
        salary["currency"] = pay["currency"]
    return salary


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def terms_text(doc: dict[str, Any]) -> str | None:
    """What JSON-LD has no valid property for, in words: 'Duration: 2-4 weeks. Pay: 500 EUR
    for the whole project.'"""
    parts = []
    duration = job_duration(doc)
    if duration:
        parts.append(f"Duration: {duration}.")
    pay = doc.get("pay") or {}
    low, high = pay.get("min"), pay.get("max")
    if pay.get("period") not in SALARY_UNITS and (low is not None or high is not None):
        amount = (f"{_money(low)}-{_money(high)}" if low is not None and high is not None
                  and low != high else _money(low if low is not None else high))
        currency = f" {pay['currency']}" if pay.get("currency") else ""
        per = " for the whole project" if pay.get("period") == "PROJECT" else ""
        parts.append(f"Pay: {amount}{currency}{per}.")
    return " ".join(parts) or None


def _where_applicants_live(doc: dict[str, Any]) -> list[dict[str, Any]] | None:
    regions = doc.get("remote_regions") or doc.get("countries") or []
    return [{"@type": "Country" if len(str(r)) == 2 else "AdministrativeArea", "name": r}
            for r in regions] or None


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
    places = [p for p in (_place(loc) for loc in doc.get("locations") or []) if p]
    applicants = _where_applicants_live(doc) if doc.get("arrangement") == "remote" else None
    remote = doc.get("arrangement") == "remote" and bool(applicants or places)
    description = clean_html(doc.get("description_html")) or html.escape(
        doc.get("description_text") or "")
    terms = terms_text(doc)
    if terms:
        description = f"{description}<p>{html.escape(terms)}</p>"
    posting: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "JobPosting",
        "identifier": {"@type": "PropertyValue", "name": IDENTIFIER_NAME,
                       "value": doc.get("cluster_id") or doc["id"]},
        "title": doc.get("title"),
        "description": description or None,
        "datePosted": doc.get("posted_at"),
        "validThrough": doc.get("deadline"),
        "jobStartDate": doc.get("start_date"),
        "employmentType": doc.get("employment_types") or None,
        "hiringOrganization": _organization(doc.get("organization")),
        "jobLocation": places or None,
        "jobLocationType": "TELECOMMUTE" if remote else None,
        "applicantLocationRequirements": applicants if remote else None,
        "baseSalary": base_salary(doc.get("pay")),
        "workHours": work_hours(doc),
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
