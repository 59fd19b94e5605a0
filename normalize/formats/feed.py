"""Format `feed`: one RSS or Atom entry (as feedparser reads it) to a Listing.

The payload is feedparser's entry as plain JSON plus `feed` (the channel: title, link, namespace
prefixes) and `extensions` (the entry's foreign-namespace elements as a tree), as written by
crawlers/kinds/feed.py. Core fields come from feedparser's keys (title, link, id, content or
summary, published / updated, tags, author). Job boards add the rest in their own namespaces
(Teamtailor's tt:locations, remoteStatus, a salary or deadline element); those are read by their
local name wherever they appear, so `<job:salary>` and `<x:salary>` mean the same.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from typing import Any

from normalize.cache import RECURRING, bounded_cache
from normalize.draft import Draft, finish
from normalize.errors import NormalizeError
from normalize.fields.dates import parse_date
from normalize.fields.duration import parse_duration_weeks
from normalize.fields.employment import parse_employment_types
from normalize.fields.pay import dollar_for
from normalize.fields.places import location_from_address, parse_place_text
from normalize.fields.taxonomy import categorize
from normalize.fields.text import clean_inline, sanitize_html, to_text
from normalize.fields.urls import absolute_url, organization_domain
from normalize.formats._cache import cached_pay_text
from normalize.schema import Listing, Organization, RawListing, listing_id

# Local names (lower case, "_" and "-" removed) of extension elements, by what they mean.
_COMPANY = ("company", "companyname", "employer", "hiringorganization", "organization")
_COMPANY_URL = ("companyurl", "companywebsite", "employerurl", "website")
_APPLY = ("applyurl", "applicationurl", "applylink", "apply")
_DEADLINE = ("deadline", "validthrough", "closingdate", "applicationdeadline", "expires",
             "expirydate", "enddate")
_START = ("startdate", "jobstartdate")
_PAY = ("salary", "pay", "compensation", "basesalary", "wage", "stipend")
_TYPE = ("employmenttype", "jobtype", "type", "contracttype", "commitment")
_DURATION = ("duration", "jobduration")
_REMOTE = ("remotestatus", "remote", "workplacetype", "joblocationtype", "remotetype")
_LOCATION_TEXT = ("location", "joblocation", "locationname", "place")
_CATEGORY = ("department", "category", "team", "function")
_REMOTE_VALUES = {"fully": "remote", "remote": "remote", "full": "remote", "yes": "remote",
                  "true": "remote", "telecommute": "remote", "hybrid": "hybrid",
                  "none": "onsite", "onsite": "onsite", "on-site": "onsite", "office": "onsite",
                  "no": "onsite", "false": "onsite"}
_SEP_RE = re.compile(r"[_\-\s]")
_RFC822_RE = re.compile(r"\s*(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}")
# The form nearly every feed writes ("Fri, 04 Sep 2026 14:50:13 +0300"), with a four-digit year,
# a valid time and an offset under a day: parsedate_to_datetime reads it as its own day, month
# and year, so they are taken directly (~3 µs less per entry).
_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
_PLAIN_RFC822_RE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|"
    r"Nov|Dec) ([1-9]\d{3}) (?:[01]\d|2[0-3])(?::[0-5]\d){2} (?:[+-](?:[01]\d|2[0-3])[0-5]\d|"
    r"GMT|UTC?|Z)")
MAX_CACHED_NAME = 100  # longer element names are not real ones: normalized each time, not held


def to_listing(raw: RawListing) -> Listing:
    """Map one feed entry; NormalizeError if it is not an object or has no title."""
    p = raw.payload
    if not isinstance(p, dict):
        raise NormalizeError(f"feed: payload is {type(p).__name__}, not a feed entry")
    title = clean_inline(p.get("title"))
    if not title:
        raise NormalizeError("feed: entry has no title")
    channel = p.get("feed") if isinstance(p.get("feed"), dict) else {}
    extras = extension_values(p, channel.get("namespaces") or {})
    url = absolute_url(p.get("link"), raw.url) or raw.url
    native = p.get("id") if isinstance(p.get("id"), str) and p.get("id").strip() else None
    d = Draft(source=raw.source, kind=raw.kind, id=listing_id(raw.source, native or url), url=url,
              title=title, fetched_at=raw.fetched_at, audience=raw.audience,
              organization=_organization(p, extras, channel))  # given: the default costs one
    d.apply_url = next((u for u in (absolute_url(v, url) for v in _all(extras, _APPLY)) if u), None)
    _read_description(d, p)
    _read_places(d, p, extras)
    _read_terms(d, p, extras, fetched_at=raw.fetched_at)
    return finish(d)


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _key(name: str) -> str:
    # A feed repeats the same few element names in every entry: each is normalized once.
    return _cached_key(name) if len(name) <= MAX_CACHED_NAME else _local_name(name)


def _local_name(name: str) -> str:
    return _SEP_RE.sub("", name.rsplit(":", 1)[-1]).lower()


_cached_key = bounded_cache(RECURRING)(_local_name)


def extension_values(p: dict[str, Any], namespaces: dict[str, str]) -> dict[str, list[Any]]:
    """Every extension value by normalized local name, in document order: the `extensions` tree
    (walked to every depth) when present, else feedparser's flat keys (`tt_city` -> "city")."""
    found: dict[str, list[Any]] = {}
    tree = p.get("extensions")
    if isinstance(tree, dict) and tree:
        _walk(tree, found)
    prefixes = tuple(f"{prefix}_" for prefix in namespaces if prefix)
    for key, value in p.items():
        if key in ("feed", "extensions") or not isinstance(value, str):
            continue
        name = key
        for prefix in prefixes:
            if key.startswith(prefix):
                name = key[len(prefix):]
                if tree:  # the tree has these, with repeated elements kept
                    name = ""
                break
        if name:
            found.setdefault(_key(name), []).append(value)
    return found


def _walk(node: dict[str, Any], found: dict[str, list[Any]]) -> None:
    for name, value in node.items():
        if name.startswith(("@", "#")):
            continue
        # _key(name), inlined: this runs for every element of every entry.
        key = _cached_key(name) if len(name) <= MAX_CACHED_NAME else _local_name(name)
        for item in value if isinstance(value, list) else [value]:
            found.setdefault(key, []).append(item)
            if isinstance(item, dict):
                _walk(item, found)


def _all(extras: dict[str, list[Any]], names: tuple[str, ...]) -> list[Any]:
    """Text values (a leaf's text or a {"#text"} node's) of the first name that has any."""
    for name in names:
        values = extras.get(name)
        if not values:  # most names are absent from a feed: the common case, made cheap
            continue
        texts = [_leaf_text(v) for v in values]
        texts = [t for t in texts if t]
        if texts:
            return texts
    return []


def _leaf_text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("#text")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _organization(p: dict[str, Any], extras: dict[str, list[Any]],
                  channel: dict[str, Any]) -> Organization:
    name = clean_inline(next(iter(_all(extras, _COMPANY)), None))
    if not name:
        author = p.get("author_detail") or {}
        name = clean_inline(author.get("name") if isinstance(author, dict) else None)
    if not name:
        name = clean_inline(channel.get("title"))  # most job feeds are one employer's board
    domain = organization_domain(_all(extras, _COMPANY_URL))
    return Organization(name=name or None, domain=domain)


def description_source(raw: RawListing) -> Any:
    """The HTML to_listing sanitizes (see normalize.normalize_many)."""
    return _description(raw.payload) if isinstance(raw.payload, dict) else None


def _description(p: dict[str, Any]) -> Any:
    html_parts = [c.get("value") for c in _items(p.get("content"))
                  if isinstance(c, dict) and isinstance(c.get("value"), str)]
    return max(html_parts, key=len) if html_parts else p.get("summary")


def _read_description(d: Draft, p: dict[str, Any]) -> None:
    safe = d.read("description_html", sanitize_html, _description(p), what="description")
    d.description_html = safe or ""
    d.description_text = d.read("description_text", to_text, safe, what="description") or ""


def _read_places(d: Draft, p: dict[str, Any], extras: dict[str, list[Any]]) -> None:
    remote = next(iter(_all(extras, _REMOTE)), None)
    if remote:
        d.arrangement = _REMOTE_VALUES.get(remote.strip().lower())
    for node in extras.get("location", []):
        if isinstance(node, dict) and any(_key(k) in ("city", "country", "region", "state")
                                          for k in node):
            location = d.read("locations", location_from_address, _address(node), what="location")
            if location is not None and location not in d.locations:
                d.locations.append(location)
    if not d.locations and (extras.get("city") or extras.get("country")):
        address = {"addressLocality": next(iter(_all(extras, ("city",))), None),
                   "addressRegion": next(iter(_all(extras, ("region", "state"))), None),
                   "addressCountry": next(iter(_all(extras, ("country",))), None)}
        location = d.read("locations", location_from_address, address, what="city/country")
        if location is not None and location not in d.locations:
            d.locations.append(location)
    if not d.locations:
        for text in _all(extras, _LOCATION_TEXT):
            place = d.read("locations", parse_place_text, text, what="location")
            if place is not None:
                d.add_place(place)


def _address(node: dict[str, Any]) -> dict[str, Any]:
    """A location element's children ({"tt:city": ..., "tt:country": ...}) as a PostalAddress."""
    by_name = {_key(k): _leaf_text(v) for k, v in node.items() if not k.startswith(("@", "#"))}
    return {"addressLocality": by_name.get("city"),
            "addressRegion": by_name.get("region") or by_name.get("state"),
            "addressCountry": by_name.get("country"),
            "name": by_name.get("name")}


def feed_date(value: Any, *, base: str | None = None, prefer: str = "past") -> str | None:
    """An RSS (RFC 822: "Fri, 04 Sep 2026 14:50:13 +0300") or Atom (ISO 8601) date; the date
    keeps its own calendar day, as normalize.fields.dates does for ISO datetimes."""
    if isinstance(value, str) and _RFC822_RE.match(value):
        plain = _PLAIN_RFC822_RE.fullmatch(value.strip())
        try:
            if plain:
                return parse_date(date(int(plain[3]), _MONTHS[plain[2]], int(plain[1])))
            return parse_date(parsedate_to_datetime(value.strip()))
        except (TypeError, ValueError):
            pass
    return parse_date(value, base=base, prefer=prefer)


def _read_terms(d: Draft, p: dict[str, Any], extras: dict[str, list[Any]], *,
                fetched_at: str | None) -> None:
    tags = [t.get("term") for t in _items(p.get("tags")) if isinstance(t, dict)]
    d.employment_types = d.read("employment_types", parse_employment_types,
                                [*_all(extras, _TYPE), *[t for t in tags if isinstance(t, str)]],
                                what="type", quiet=True) or []
    country = next((loc.country for loc in d.locations if loc.country), None)
    pay_text = " ".join(_all(extras, _PAY))
    d.pay = d.read("pay", cached_pay_text, pay_text, what="salary", dollar=dollar_for(country))
    d.posted_at = d.read("posted_at", feed_date, p.get("published") or p.get("updated"),
                         what="published", base=fetched_at)
    d.deadline = d.read("deadline", feed_date, next(iter(_all(extras, _DEADLINE)), None),
                        what="deadline", base=fetched_at, prefer="future")
    d.start_date = d.read("start_date", feed_date, next(iter(_all(extras, _START)), None),
                          what="start date", base=fetched_at, prefer="future")
    d.duration_weeks = d.read("duration_weeks", parse_duration_weeks,
                              next(iter(_all(extras, _DURATION)), None), what="duration")
    topic = " ".join([*_all(extras, _CATEGORY), *[t for t in tags if isinstance(t, str)]])
    d.category = d.read("category", categorize, d.title, what="category", quiet=True,
                        text=topic) if topic else None
