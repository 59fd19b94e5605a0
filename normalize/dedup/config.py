"""The thresholds of the matching rules, in one place. docs/dedup.md explains each one.

Scores are on 0-100. `title` is rapidfuzz `fuzz.ratio` of two title keys (sorted role words,
so it is a token-sort ratio). `desc` is the weighted containment of one description's word
3-shingles in the other's, each shingle weighted by its rarity in the organization's block, so
boilerplate every posting of the employer carries counts little (see text.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    # Blocking: pairs in a block whose title score is below this are never compared further.
    candidate_title: float = 75.0
    # same_url: a shared posting or apply URL; the titles must still be about the same role
    # (a generic "careers page" apply URL is shared by unrelated postings).
    url_title: float = 60.0
    # A URL key shared by more listings than this is a generic page, not one posting's.
    url_max_group: int = 12
    # same_org_title_location: descriptions that both exist must not contradict each other.
    exact_desc: float = 60.0
    # same_org_title+desc: near-equal titles, compatible places, similar descriptions.
    close_title: float = 90.0
    close_desc: float = 70.0
    # fuzzy_title+desc: reworded titles need near-identical descriptions.
    fuzzy_title: float = 75.0
    fuzzy_desc: float = 85.0
    # no_org_title+desc: a listing without an organization joins on an equal title key only.
    no_org_desc: float = 85.0
    # Two full descriptions scoring below this are a contradiction: the pair may never share a
    # cluster, not even through a third, vaguer listing (a cannot-link).
    desc_conflict: float = 60.0
    # A description with fewer 3-shingles than this (about 15 words) is no evidence either way.
    desc_min_shingles: int = 15
    # Both descriptions have at least this many shingles (and within 60% of each other's size):
    # neither was cut short, so a low score contradicts rather than merely fails to confirm.
    desc_full_shingles: int = 60
    # At most this many characters of a description are compared (bounds the cost of a pair).
    desc_max_chars: int = 2000
    # Listings posted further apart than this are different openings, unless they share a URL
    # (a repost of the same opening within the window counts as the same opening).
    repost_window_days: int = 120
    # Listings without an organization compare with at most this many listings of the same title.
    fallback_max_candidates: int = 200


DEFAULT = Thresholds()
