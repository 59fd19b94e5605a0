"""Description similarity that discounts an employer's boilerplate.

An employer's postings share an "About us", a requirements list and an equal-opportunity
footer: compared whole, two different openings of one employer look 70-90% alike, as much as a
re-formatted copy of one opening. So descriptions are compared as sets of word 3-shingles, each
weighted by its rarity inside the organization's block (idf = log((N + 1) / df), N listings in
the block, df of them containing the shingle): text every posting of the employer carries
weighs little, the text of this opening weighs most.

The score is the weighted containment of the lighter set in the heavier: a description cut
short by a feed ("... Read more") or wrapped in a career center's header and footer is still
contained in the full one. Outside a block (URL and no-organization pairs) all weights are 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from normalize.dedup.keys import description_words

# Trailing words a feed or board adds where it cuts a description ("... Read more").
_CUT_MARKERS = frozenset({"read", "see", "view", "show", "continue", "reading", "learn", "more"})


def shingles(text: str | None, limit: int) -> frozenset[int]:
    """Hashed word 3-shingles of a normalized description (a trailing cut marker removed first).
    Hashed once into ints: sets and counters of ints skip re-hashing tuples at every lookup."""
    w = description_words(text, limit)
    while w and w[-1] in _CUT_MARKERS and len(w) > 3:
        w.pop()
    return frozenset(map(hash, zip(w, w[1:], w[2:], strict=False)))


@dataclass(frozen=True, slots=True)
class DescScore:
    score: float | None  # 0-100, None when a description is too short to say anything
    full: bool  # both descriptions are long and of similar size: a low score is a contradiction
    # One of the texts is a template: its employer's own source posts it, word for word, under
    # several different titles. Such a text cannot tell sibling roles apart.
    template: bool = False


class BlockText:
    """Shingle document frequencies of one block, and pair scores weighted by them."""

    def __init__(self, sets: Iterable[frozenset], min_shingles: int, full_shingles: int,
                 weighted: bool = True):
        self.weights: dict | None = None
        if weighted:
            df: Counter = Counter()
            n = 0
            for s in sets:
                df.update(s)
                n += 1
            # log((n+1)/df) = log(n+1) - log(df), with log(df) from a table (df <= n).
            top = math.log(n + 1)
            logs = [0.0] + [math.log(i) for i in range(1, n + 1)]
            self.weights = {x: top - logs[c] for x, c in df.items()}
            self._default = top  # a shingle not counted in the block is as rare as can be
        self.min_shingles = min_shingles
        self.full_shingles = full_shingles
        self._cache: dict[int, float] = {}  # id(set) -> weight, for sets scored more than once

    def _weight(self, s: frozenset) -> float:
        if self.weights is None:
            return float(len(s))
        try:  # the usual case: both sets belong to the block, every shingle has a weight
            return sum(map(self.weights.__getitem__, s))
        except KeyError:
            get, default = self.weights.get, self._default
            return sum([get(x, default) for x in s])

    def _weight_cached(self, s: frozenset) -> float:
        key = id(s)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._weight(s)
        return found

    def score(self, a: frozenset, b: frozenset) -> DescScore:
        """Sets passed here must stay alive as long as this BlockText (weights are cached by
        object identity): the engine keeps them in its per-batch cache."""
        if len(a) < self.min_shingles or len(b) < self.min_shingles:
            return DescScore(None, False)
        wa, wb = self._weight_cached(a), self._weight_cached(b)
        lighter = min(wa, wb)
        if lighter <= 0:
            return DescScore(None, False)
        common = self._weight(a & b)
        small, big = (len(a), len(b)) if len(a) <= len(b) else (len(b), len(a))
        full = small >= self.full_shingles and small >= 0.6 * big
        return DescScore(round(min(100.0, 100.0 * common / lighter), 1), full)
