"""One listing's comparison features, computed once: `prepare(listing)` -> `Features`.

Kept separate from the listing so the engine can hold hundreds of thousands of them cheaply
(slots, no copies of the listing) and so each rule reads prepared keys instead of raw text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from normalize.dedup.config import Thresholds
from normalize.dedup.keys import TitleKey, domains_of, org_key, org_words, title_key, url_key
from normalize.dedup.locations import Where, where

# Trust of a source kind: structured ATS APIs over JSON-LD over feeds over scraped HTML.
KIND_RANK = {
    "greenhouse": 0, "lever": 0, "ashby": 0, "smartrecruiters": 0, "workable": 0, "recruitee": 0,
    "jsonld": 1, "feed": 2, "html": 3,
}  # fmt: skip
UNKNOWN_KIND_RANK = 4


def kind_rank(kind: str | None) -> int:
    return KIND_RANK.get(kind or "", UNKNOWN_KIND_RANK)


@dataclass(slots=True)
class Features:
    id: str
    source: str  # the listing's source name
    order: tuple[str, str]  # (first seen, id): the oldest listing sorts first
    org: str  # organization key, "" when unknown
    org_words: tuple[str, ...]  # the organization's name words (keys.org_words); () when unknown
    domains: frozenset[str]  # the employer's domains the listing shows (keys.domains_of)
    org_domains: frozenset[str]  # the strong ones: organization.domain and ATS boards
    title: TitleKey
    where: Where
    day: int | None  # posting day (proleptic ordinal), None when unknown
    urls: frozenset[str]
    # The description is kept as the listing's own string (no copy) and shingled only while a
    # batch compares it: shingles of every listing held would cost gigabytes at 200k listings.
    desc_source: str


def _day(value: Any) -> int | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def prepare(listing: dict[str, Any], config: Thresholds) -> Features:
    org = listing.get("organization") or {}
    name, domain = org.get("name"), org.get("domain")
    lid = str(listing["id"])
    seen = listing.get("first_seen_at") or listing.get("posted_at") or "~"
    urls = {url_key(listing.get("apply_url")), url_key(listing.get("url"))}
    urls.discard("")
    place = where(listing)
    words = org_words(name)
    strong, shown = domains_of(listing)
    if not words and domain:
        words = tuple(w for w in (org_key(None, domain),) if w)
    # The listing's own city is dropped from its title: "Data Intern - Boston" in Boston.
    title = title_key(listing.get("title") or "", words, tuple(sorted(place.cities)))
    if title.place and not place.cities:
        # A city only the title names ("Data Intern - Boston", no location field) is the place.
        place = Where(frozenset({title.place}), place.countries, place.remote, place.onsite,
                      place.regions)
    return Features(
        id=lid,
        source=str(listing.get("source") or ""),
        order=(str(seen), lid),
        org=org_key(name, domain),
        org_words=words,
        org_domains=strong,
        domains=shown,
        title=title,
        where=place,
        day=_day(listing.get("posted_at")) or _day(listing.get("first_seen_at")),
        urls=frozenset(urls),
        desc_source=listing.get("description_text") or "",
    )


def signature(listing: dict[str, Any]) -> tuple:
    """The fields matching reads: a re-added listing whose signature did not change keeps its
    links; one whose signature changed is matched again."""
    org = listing.get("organization") or {}
    locs = tuple((loc.get("city"), loc.get("country"), loc.get("raw"))
                 for loc in listing.get("locations") or () if isinstance(loc, dict))
    return (org.get("name"), org.get("domain"), listing.get("title"), locs,
            listing.get("arrangement"), listing.get("description_text"), listing.get("url"),
            listing.get("apply_url"), listing.get("posted_at"))
