"""Format `html`: what a source's CSS / XPath selectors matched on a page, to a Listing.

The payload (crawlers/kinds/html.py) is {"fields": {name: [strings]}, "list_fields": {...}}:
each configured field's matches in document order, as element HTML or as the text / attribute
strings a ::text or ::attr() selector gave. A detail page's `fields` win over what the list
item said (`list_fields`). Every value is read by the shared field parsers in normalize/fields.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from normalize.draft import Draft, finish
from normalize.errors import NormalizeError
from normalize.fields.dates import find_date, parse_date
from normalize.fields.duration import parse_duration_weeks
from normalize.fields.employment import employment_types_from_text, parse_employment_types
from normalize.fields.hours import parse_hours_per_week
from normalize.fields.pay import dollar_for
from normalize.fields.places import parse_place_text
from normalize.fields.taxonomy import categorize
from normalize.fields.text import clean_inline, sanitize_html, to_text
from normalize.fields.urls import absolute_url
from normalize.formats._cache import cached_pay_text
from normalize.schema import Listing, Organization, RawListing, listing_id

_HREF_RE = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
# "Posted: 3 March 2026", "Apply by - 2026-03-31": a short label before the date itself.
_LABEL_RE = re.compile(r"^[^\d:]{1,30}?(?::|\s[-–—]\s|\bby\b|\bon\b)\s*", re.I)


def to_listing(raw: RawListing) -> Listing:
    """Map one posting's selector matches; NormalizeError if nothing gives it a title."""
    p = raw.payload
    if not isinstance(p, dict) or not isinstance(p.get("fields", {}), dict):
        raise NormalizeError("html: payload is not {'fields': {...}}")
    values = _Values(p.get("fields") or {}, p.get("list_fields") or {})
    title = clean_inline(values.first("title"))
    if not title:
        raise NormalizeError("html: no title (the title selector matched nothing)")
    url = absolute_url(link_target(values.first("url")), raw.url) or raw.url
    native = clean_inline(values.first("id"))
    # A list item without a link of its own shares the page URL with its neighbours.
    key = native or (url if url != raw.url or "url" in values else f"{raw.url}#{title}")
    name = clean_inline(values.first("organization"))
    d = Draft(source=raw.source, kind=raw.kind, id=listing_id(raw.source, key), url=url,
              title=title, fetched_at=raw.fetched_at, audience=raw.audience,  # organization given:
              # the default costs one
              organization=Organization(name=name) if name else Organization())
    d.apply_url = absolute_url(link_target(values.first("apply_url")), url)
    safe = d.read("description_html", sanitize_html, "".join(values.all("description")),
                  what="description")
    d.description_html = safe or ""
    d.description_text = d.read("description_text", to_text, safe, what="description") or ""
    for text in values.texts("location"):
        place = d.read("locations", parse_place_text, text, what="location")
        if place is not None:
            d.add_place(place)
    _read_terms(d, values)
    return finish(d)


def description_source(raw: RawListing) -> str | None:
    """The HTML to_listing sanitizes (see normalize.normalize_many)."""
    p = raw.payload
    if not isinstance(p, dict) or not isinstance(p.get("fields", {}), dict):
        return None
    return "".join(_Values(p.get("fields") or {}, p.get("list_fields") or {}).all("description"))


class _Values:
    """A posting's fields: the detail page's matches first, the list item's when it has none."""

    def __init__(self, fields: dict[str, Any], listed: dict[str, Any]):
        self.fields, self.listed = fields, listed

    def __contains__(self, name: str) -> bool:
        return bool(self.all(name))

    def all(self, name: str) -> list[str]:
        for table in (self.fields, self.listed):
            found = table.get(name)
            if found is None:  # most fields are not configured: the common case, made cheap
                continue
            found = found if isinstance(found, list) else [found]
            found = [v for v in found if isinstance(v, str) and v.strip()]
            if found:
                return found
        return []

    def first(self, name: str) -> str | None:
        found = self.all(name)
        return found[0] if found else None

    def texts(self, name: str) -> list[str]:
        """Each match as one line of text, empty ones dropped, repeats once."""
        texts = [clean_inline(v) for v in self.all(name)]
        return list(dict.fromkeys(t for t in texts if t))

    def text(self, name: str) -> str:
        return " ".join(self.texts(name))


def link_target(value: str | None) -> str | None:
    """A URL from an attribute string, or the href of a matched element's HTML."""
    if not value:
        return None
    value = value.strip()
    if value.startswith("<"):
        m = _HREF_RE.search(value)
        return html_lib.unescape(next(g for g in m.groups() if g is not None)) if m else None
    return value


def date_text(text: str, *, base: str | None = None, prefer: str = "past") -> str | None:
    """A date from a page's text: as is (labels such as "Posted" or "Apply by:" included), else
    after a label ("Deadline - ..."), else the first date phrase in it. `prefer`: the side of
    `base` a year-less date is on ("past" for a posting date, "future" for a deadline)."""
    found = parse_date(text, base=base, prefer=prefer)
    if found is None and _LABEL_RE.match(text):
        found = parse_date(_LABEL_RE.sub("", text, count=1), base=base, prefer=prefer)
    if found is None:
        found = find_date(text, base=base, prefer=prefer)
    return found


def _read_terms(d: Draft, values: _Values) -> None:
    types = values.texts("employment_type")
    d.employment_types = (
        d.read("employment_types", parse_employment_types, types,
               what="employment_type", quiet=True)
        or d.read("employment_types", employment_types_from_text, " ".join(types),
                  what="employment_type")
        or []
    )
    country = next((loc.country for loc in d.locations if loc.country), None)
    d.pay = d.read("pay", cached_pay_text, values.text("pay"), what="pay", dollar=dollar_for(country))
    for name, prefer in (("posted_at", "past"), ("deadline", "future"), ("start_date", "future")):
        setattr(d, name, d.read(name, date_text, clean_inline(values.first(name)), what=name,
                                base=d.fetched_at, prefer=prefer))
    d.duration_weeks = d.read("duration_weeks", parse_duration_weeks, values.text("duration"),
                              what="duration")
    d.hours_per_week = d.read("hours_per_week", parse_hours_per_week, values.text("hours"),
                              what="hours")
    d.category = d.read("category", categorize, values.text("category"), what="category",
                        quiet=True)
