"""Which page lives where on the sample network, and the ground truth derived from it.

`layout()` spreads the generated openings over the three sites, adds cross-posted copies,
broken pages and the quirks (raw newlines, microdata, escaped descriptions...), and gives every
page its URL path. `expected()` summarizes it for tests and the demo. Nothing here depends on
the ports the sites are served on.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .postings import SEED, Posting, cross_post, generate

SITE_NAMES = ("northfield", "gigbridge", "harbor")
OWN_COUNTS = {"northfield": 60, "gigbridge": 50, "harbor": 40}  # openings first published there
# (from site, to site, how many openings the second site republishes)
CROSS_POSTS = (("northfield", "gigbridge", 6), ("gigbridge", "harbor", 5),
               ("harbor", "northfield", 4))
BROKEN_KINDS = ("invalid_jsonld", "no_posting", "server_error", "not_found")

# Broken pages, each linked from its site's list pages or sitemap at a fixed position so that
# they are met on different list pages: kind -> (list position, path, link text).
BROKEN: dict[str, dict[str, tuple[int, str, str]]] = {
    "northfield": {
        "invalid_jsonld": (5, "/jobs/campus-ambassador-spring-2027-8812",
                           "Campus Ambassador (Spring 2027)"),
        "no_posting": (27, "/jobs/fall-career-fair-recap", "Fall Career Fair Recap"),
        "server_error": (44, "/jobs/research-assistant-summer-2027-9031",
                         "Research Assistant – Summer 2027"),
        "not_found": (61, "/jobs/peer-tutor-micro-internship-7710", "Peer Tutor Micro-Internship"),
    },
    "gigbridge": {
        "invalid_jsonld": (10, "/gig/79991", "Podcast Editing Gig"),
        "no_posting": (20, "/gig/79992", "Menu Photography Gig"),
        "server_error": (30, "/gig/79993", "Shopify Product Upload Gig"),
        "not_found": (40, "/gig/79994", "Event Flyer Design Gig"),
    },
    "harbor": {
        "invalid_jsonld": (3, "/opportunities/1990-library-digitization-assistant",
                           "Library Digitization Assistant"),
        "no_posting": (14, "/opportunities/info-session-spring-2027",
                       "Employer Info Session: Spring 2027"),
        "server_error": (26, "/opportunities/1991-alumni-mentoring-coordinator",
                         "Alumni Mentoring Coordinator"),
        "not_found": (38, "/opportunities/1992-museum-education-micro-internship",
                      "Museum Education Micro-Internship"),
    },
}
# Harbor's robots.txt disallows /private/; a polite crawler never fetches this linked page.
DISALLOWED = ("harbor", 47, "/private/1993-staff-only-research-assistant",
              "Staff-Only Research Assistant")

QUIRK_COUNTS = {  # site -> quirk -> how many of its good pages carry it
    "northfield": {"raw_newlines": 8},
    "gigbridge": {"escaped_description": 4, "salary_text_only": 5},
    "harbor": {"microdata": 8, "org_as_string": 3},
}


@dataclass(frozen=True)
class Page:
    """One linked page of a site: a good posting, a broken page, or the disallowed one."""

    site: str
    path: str
    kind: str  # "posting", "disallowed" or one of BROKEN_KINDS
    title: str  # link text on the list page; the posting's title for a posting
    posting: Posting | None = None
    identifier: str = ""
    quirks: tuple[str, ...] = field(default=())
    cross_of: tuple[str, str] | None = None  # (site, path) of the original of a cross-post


@lru_cache(maxsize=1)
def layout() -> dict[str, tuple[Page, ...]]:
    """Every linked page of every site, in list order (newest first, broken pages mixed in)."""
    rng = random.Random(SEED + 1)
    openings = generate()
    rng.shuffle(openings)
    own, start = {}, 0
    for site in SITE_NAMES:
        own[site] = openings[start:start + OWN_COUNTS[site]]
        start += OWN_COUNTS[site]
    guests: dict[str, list[tuple[Posting, str]]] = {site: [] for site in SITE_NAMES}
    for src, dst, n in CROSS_POSTS:
        for p in rng.sample(own[src], n):
            guests[dst].append((cross_post(p, rng), src))
    paths = {site: _paths(site, own[site] + [g for g, _ in guests[site]], rng)
             for site in SITE_NAMES}
    return {site: tuple(_site_pages(site, own[site], guests[site], paths, rng))
            for site in SITE_NAMES}


def _site_pages(site: str, own: list[Posting], guests: list[tuple[Posting, str]],
                paths: dict[str, dict[str, str]], rng: random.Random) -> list[Page]:
    origin = {g.key: (src, paths[src][g.key]) for g, src in guests}
    postings = sorted(own + [g for g, _ in guests], key=lambda p: (p.posted, p.key), reverse=True)
    quirks = _pick_quirks(site, postings, rng)
    pages = [Page(site, paths[site][p.key], "posting", p.title, p, _identifier(site, p, i),
                  tuple(q for q, keys in quirks.items() if p.key in keys), origin.get(p.key))
             for i, p in enumerate(postings)]
    extra = [(pos, Page(site, path, kind, title)) for kind, (pos, path, title)
             in BROKEN[site].items()]
    if site == DISALLOWED[0]:
        extra.append((DISALLOWED[1], Page(site, DISALLOWED[2], "disallowed", DISALLOWED[3])))
    for pos, extra_page in sorted(extra, key=lambda e: e[0]):
        pages.insert(pos, extra_page)
    return pages


def _pick_quirks(site: str, postings: list[Posting], rng: random.Random) -> dict[str, list[str]]:
    # Hostile postings keep JSON-LD: the injection must reach the normalizer as description HTML.
    pool = [p.key for p in postings if p.hostile is None]
    picked: dict[str, list[str]] = {}
    for quirk, n in QUIRK_COUNTS[site].items():
        if quirk == "salary_text_only":
            candidates = [p.key for p in postings if p.pay.structured and p.hostile is None]
        elif quirk == "raw_newlines":  # only full descriptions have newlines between blocks
            candidates = [p.key for p in postings if "\n" in p.description and p.hostile is None]
        else:
            candidates = pool
        # Quirks on one site exclude each other, so each page shows one oddity at a time.
        taken = [k for keys in picked.values() for k in keys]
        picked[quirk] = rng.sample([k for k in candidates if k not in taken], n)
    return picked


def _paths(site: str, postings: list[Posting], rng: random.Random) -> dict[str, str]:
    """opening key -> URL path on this site, in the site's own URL scheme."""
    if site == "northfield":
        ids = rng.sample(range(1000, 8000), len(postings))
        return {p.key: f"/jobs/{slugify(p.title)}-{n}" for p, n in zip(postings, ids, strict=True)}
    if site == "gigbridge":
        ids = rng.sample(range(70000, 79000), len(postings))
        return {p.key: f"/gig/{n}" for p, n in zip(postings, ids, strict=True)}
    ids = rng.sample(range(1200, 1900), len(postings))
    return {p.key: f"/opportunities/{n}-{slugify(p.title)}" for p, n in zip(postings, ids, strict=True)}


def _identifier(site: str, p: Posting, i: int) -> str:
    prefix = {"northfield": "NF-2026-", "gigbridge": "GB-", "harbor": "HC-OPP-"}[site]
    return f"{prefix}{p.posted:%m%d}{i:03d}"


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def pages_of(site: str, kind: str | None = None) -> list[Page]:
    return [pg for pg in layout()[site] if kind is None or pg.kind == kind]


def expected() -> dict[str, Any]:
    """Ground truth of the sample network, as plain data (tuples of site name and URL path).

    - counts: site -> number of good postings; total: their sum; openings: distinct openings
    - good: (site, path, title) of every good posting, in list order
    - broken: kind -> [(site, path)] for invalid_jsonld, no_posting, server_error, not_found
    - disallowed: [(site, path)] of pages robots.txt forbids (they hold a valid posting)
    - cross_posts: [((site, path) of the original, (site, path) of the copy)]
    - quirks: name -> [(site, path)]: raw_newlines, escaped_description, salary_text_only,
      microdata, org_as_string, hostile, expired (validThrough before postings.TODAY)
    """
    good = [pg for site in SITE_NAMES for pg in pages_of(site, "posting")]
    quirks: dict[str, list[tuple[str, str]]] = {
        q: [] for site in SITE_NAMES for q in QUIRK_COUNTS[site]}
    quirks |= {"hostile": [], "expired": []}
    for pg in good:
        assert pg.posting is not None
        for q in pg.quirks:
            quirks[q].append((pg.site, pg.path))
        if pg.posting.hostile:
            quirks["hostile"].append((pg.site, pg.path))
        if pg.posting.expired:
            quirks["expired"].append((pg.site, pg.path))
    return {
        "counts": {site: len(pages_of(site, "posting")) for site in SITE_NAMES},
        "total": len(good),
        "openings": len({pg.posting.key for pg in good if pg.posting}),
        "good": [(pg.site, pg.path, pg.title) for pg in good],
        "broken": {kind: [(pg.site, pg.path) for site in SITE_NAMES
                          for pg in pages_of(site, kind)] for kind in BROKEN_KINDS},
        "disallowed": [(pg.site, pg.path) for pg in pages_of(DISALLOWED[0], "disallowed")],
        "cross_posts": [(pg.cross_of, (pg.site, pg.path)) for pg in good if pg.cross_of],
        "quirks": quirks,
    }
