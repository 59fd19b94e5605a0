"""Format `greenhouse`: one job of the Greenhouse Job Board API to a Listing.

Reads (GET /v1/boards/{board}/jobs?content=true): id, title, absolute_url, company_name,
content (HTML escaped once more, as Greenhouse sends it), location.name, offices[].location,
departments[].name, first_published (else updated_at), metadata[] (custom fields: employment
type, pay as a currency_range, duration, hours, deadline, recognised by their names), and
pay_input_ranges[] (min_cents, max_cents, currency_type, title) from the job endpoint with
pay_transparency=true. Not mapped: internal_job_id, requisition_id, data_compliance.
"""

from __future__ import annotations

import html
import re
from typing import Any

from normalize.draft import Draft, finish
from normalize.fields.dates import parse_date
from normalize.fields.duration import parse_duration_weeks
from normalize.fields.employment import parse_employment_types
from normalize.fields.hours import hours_from_value
from normalize.fields.urls import absolute_url
from normalize.formats._ats import (
    add_place,
    category_hint,
    job_object,
    new_draft,
    period_in_words,
    range_pay,
    sections_source,
    set_description,
)
from normalize.formats._cache import cached_pay_text
from normalize.schema import Listing, Pay, RawListing

# Custom field (metadata) names that carry a Listing field.
_EMPLOYMENT = re.compile(r"\b(?:employment|job\s*type|commitment|position\s*type|contract\s*type)\b",
                         re.I)
_PAY = re.compile(r"\b(?:salary|pay|compensation|wages?|stipend|rate)\b", re.I)
_DURATION = re.compile(r"\b(?:duration|length|term)\b", re.I)
_HOURS = re.compile(r"\bhours\b", re.I)
_DEADLINE = re.compile(r"\b(?:deadline|closing|apply\s+by|close\s+date)\b", re.I)
# The entities that escaping HTML once more writes (html.escape and the like), "&amp;" last,
# and an "&" that starts anything else.
_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"),
            ("&amp;", "&"))
_OTHER_ENTITY_RE = re.compile(r"&(?!lt;|gt;|quot;|#39;|#x27;|amp;)")
# An "&" that is not "&lt;", "&gt;" or "&amp;", the only entities most escaped content has.
_RARE_ENTITY_RE = re.compile(r"&(?!lt;|gt;|amp;)")


def to_listing(raw: RawListing) -> Listing:
    p = job_object(raw)
    url = absolute_url(p.get("absolute_url"), raw.url)
    d = new_draft(raw, p.get("id"), p.get("title"), url, p.get("company_name"))
    d.apply_url = url  # the application form is on the posting page
    set_description(d, _sections(p))
    location = p.get("location")
    add_place(d, location.get("name") if isinstance(location, dict) else location,
              what="location.name")
    for office in _objects(p.get("offices")):
        add_place(d, office.get("location") or office.get("name"), what="offices")
    d.posted_at = d.read("posted_at", parse_date, p.get("first_published") or p.get("updated_at"),
                         what="first_published")
    _read_metadata(d, _objects(p.get("metadata")))
    d.pay = _pay_range(d, _objects(p.get("pay_input_ranges"))) or d.pay
    category_hint(d, *(dep.get("name") for dep in _objects(p.get("departments"))))
    return finish(d)


def _sections(p: dict[str, Any]) -> list[tuple[str | None, Any]]:
    content = p.get("content")
    return [(None, _unescape(content) if isinstance(content, str) else None)]


description_source = sections_source(_sections)


def _unescape(content: str) -> str:
    """html.unescape(content). When every "&" starts one of _ESCAPES, replacing them in turn gives
    the same text at half the cost (html.unescape calls Python once per entity: ~40 µs on 3 KB).
    Content with only the three common entities skips the other replaces (~1.4 µs each on 3 KB)."""
    if _RARE_ENTITY_RE.search(content) is None:
        return content.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    if _OTHER_ENTITY_RE.search(content):
        return html.unescape(content)
    for entity, char in _ESCAPES:
        content = content.replace(entity, char)
    return content


def _objects(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _read_metadata(d: Draft, fields: list[dict[str, Any]]) -> None:
    """Custom fields, by name: the first field that reads wins for each Listing field."""
    for field in fields:
        name, value = field.get("name") or "", field.get("value")
        if not isinstance(name, str) or value in (None, "", []):
            continue
        what = f"metadata {name!r}"
        if field.get("value_type") == "currency_range" or _PAY.search(name):
            d.pay = d.pay or _metadata_pay(d, name, value, what)
        elif _EMPLOYMENT.search(name) and not d.employment_types:
            d.employment_types = d.read("employment_types", parse_employment_types, value,
                                        what=what) or []
        elif _DEADLINE.search(name) and not d.deadline:
            d.deadline = d.read("deadline", parse_date, value, what=what)
        elif _HOURS.search(name) and not d.hours_per_week:
            d.hours_per_week = d.read("hours_per_week", hours_from_value, value, what=what)
        elif _DURATION.search(name) and not d.duration_weeks:
            d.duration_weeks = d.read("duration_weeks", parse_duration_weeks, str(value), what=what)


def _metadata_pay(d: Draft, name: str, value: Any, what: str) -> Pay | None:
    """A pay custom field: a currency_range {"min_value", "max_value", "unit": currency},
    its period named by the field ("Hourly Rate"), or text ("$20/hour")."""
    if isinstance(value, dict):
        return d.read("pay", _currency_range, value, what=what, label=name)
    return d.read("pay", cached_pay_text, str(value), what=what, quiet=True)


def _currency_range(value: dict[str, Any], *, label: str) -> Pay | None:
    return range_pay(value.get("min_value"), value.get("max_value"), value.get("unit"),
                     period_in_words(label), guess_year=True)


def _pay_range(d: Draft, ranges: list[dict[str, Any]]) -> Pay | None:
    """The first readable pay_input_range."""
    for item in ranges:
        pay = d.read("pay", _input_range, item, what="pay_input_ranges")
        if pay is not None:
            return pay
    return None


def _input_range(item: dict[str, Any]) -> Pay | None:
    """Cents to units; the period from the range's title or blurb ("Hourly Pay"), else yearly
    for a salary-sized amount."""
    lo, hi = item.get("min_cents"), item.get("max_cents")
    return range_pay(lo / 100 if isinstance(lo, (int, float)) else None,
                     hi / 100 if isinstance(hi, (int, float)) else None,
                     item.get("currency_type"),
                     period_in_words(item.get("title"), item.get("blurb"), item.get("description")),
                     guess_year=True)
