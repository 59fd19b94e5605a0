"""Keyword patterns that stay fast on long descriptions.

Python's regex engine scans quickly only for a pattern that starts with a literal; a pattern
such as r"\b(?:current|enrolled)\\s+students?\b" is tried at every character (~25 µs per 3 KB,
and a listing runs a dozen of them). `Keywords` runs its regex on lower-cased text, and only in
windows around its trigger substrings, which `str.find` locates in about a microsecond.

A caller that runs many patterns over one text finds every trigger at once with a
`TriggerIndex` (one Aho-Corasick pass in Rust) and passes the hits to `Keywords.search`:
normalize/draft.py's finish() runs one pass for the words of every text parser and every digit,
and the parsers take `hits=` (`starts_of`, `hits_within`, `digit_starts`, and `finditer_at` for
the regexes that begin with a number). Without hits each parser finds its words with str.find.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import ahocorasick_rs

Hits = dict[str, list[int]]  # trigger -> start of every occurrence, in text order (may overlap)

REACH = 60  # characters searched on each side of a trigger; more than any match needs


class Keywords:
    """A regex (written for lower-case text) that can only match near one of its triggers.

    Every match of `pattern` must contain one of `triggers` (or lie within REACH characters of
    one): text without any trigger is never searched. `requires`, when given, are substrings of
    which every match contains at least one: a short trigger that is common in prose ("early",
    "any ") then costs a few str.find calls instead of regex searches in its windows.
    """

    __slots__ = ("_requires_set", "_trigger_set", "regex", "requires", "triggers")

    def __init__(self, pattern: str, triggers: tuple[str, ...],
                 requires: tuple[str, ...] = ()) -> None:
        self.regex = re.compile(pattern)
        self.triggers = triggers
        self._trigger_set = frozenset(triggers)
        self.requires = requires
        self._requires_set = frozenset(requires)

    @property
    def words(self) -> tuple[str, ...]:
        """Every substring a TriggerIndex must find for this pattern's `hits`."""
        return (*self.triggers, *self.requires)

    def search(self, low: str, hits: Hits | None = None) -> re.Match[str] | None:
        """The first match in `low` (text already lower-cased) near a trigger, or None. `hits`:
        `TriggerIndex.hits(low)` of an index holding this pattern's triggers and requires."""
        if hits is not None and hits.keys().isdisjoint(self._trigger_set):
            return None  # no trigger: most patterns on most texts, ruled out at C speed
        # No match can exist without one of the required words (checked first when that is a
        # dict lookup, after the windows when it costs a scan of the text). With hits, their
        # places also rule out each window that holds none of them: a window of a common
        # trigger ("early", " all ") then costs a few comparisons, not a regex search.
        required: list[tuple[int, int]] | None = None
        if hits is not None and self.requires:
            if hits.keys().isdisjoint(self._requires_set):
                return None
            required = [(i, i + len(w)) for w in self._requires_set & hits.keys() for i in hits[w]]
        windows = self._windows(low, hits)
        if windows and hits is None and self.requires and not any(w in low for w in self.requires):
            return None
        for start, end in windows:
            if required is not None and not any(start <= i and j <= end for i, j in required):
                continue
            m = self.regex.search(low, start, end)
            if m:
                return m
        return None

    def _windows(self, low: str, hits: Hits | None) -> list[tuple[int, int]]:
        """Merged, sorted windows around every trigger occurrence."""
        n = len(low)
        spans: list[tuple[int, int]] = []
        if hits is None:
            for trigger in self.triggers:
                reach = len(trigger) + REACH
                spans += [(i - REACH if i > REACH else 0, i + reach if i + reach < n else n)
                          for i in _finds(low, trigger)]
        else:
            # Only the triggers that occur (a set intersection at C speed); their order does not
            # matter, the spans are sorted. Aho-Corasick starts (overlapping ones too) are thinned
            # to those _finds would give, so that the windows, and hence the matches, are the same
            # either way. Hits may come from a longer text that `low` begins (finish() scans the
            # eligibility text, which adds the extra prose): only occurrences that end by `n`
            # count.
            for trigger in self._trigger_set & hits.keys():
                size = len(trigger)
                reach = size + REACH
                kept = -size
                for i in hits[trigger]:
                    if i + size > n:
                        break
                    if i >= kept + size:
                        kept = i
                        spans.append((i - REACH if i > REACH else 0, i + reach if i + reach < n else n))
        if len(spans) <= 1:
            return spans
        spans.sort()
        merged = [spans[0]]
        for start, end in spans[1:]:
            if start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _finds(low: str, trigger: str) -> list[int]:
    """Starts of the non-overlapping occurrences of `trigger`, as repeated str.find sees them."""
    starts = []
    i = low.find(trigger)
    while i != -1:
        starts.append(i)
        i = low.find(trigger, i + len(trigger))
    return starts


def find_all(low: str, words: Iterable[str]) -> Hits:
    """Hits of `words` in `low` by str.find (for a caller without a TriggerIndex pass)."""
    found: Hits = {}
    for word in words:
        starts = _finds(low, word)
        if starts:
            found[word] = starts
    return found


def starts_of(hits: Hits, words: Iterable[str], start: int = 0, end: int | None = None) -> list[int]:
    """Where any of `words` occurs inside [start, end), relative to `start`, in text order."""
    found = []
    for word in words:
        for i in hits.get(word, ()):
            if i >= start and (end is None or i + len(word) <= end):
                found.append(i - start)
    found.sort()
    return found


def hits_within(hits: Hits, words: Iterable[str], start: int, end: int) -> Hits:
    """The hits of `words` that lie inside [start, end), relative to `start`: the hits of that
    part of the scanned text."""
    inside: Hits = {}
    for word in hits.keys() & words:  # few of `words` occur: skip the others at C speed
        starts = [i - start for i in hits[word] if i >= start and i + len(word) <= end]
        if starts:
            inside[word] = starts
    return inside


DIGITS = tuple("0123456789")
ANY_DIGIT = "\x00digit"  # the key under which TriggerIndex.hits files every one of DIGITS


def digit_starts(hits: Hits, end: int) -> list[int]:
    """Every ASCII digit's position before `end`, in order, from hits of an index with DIGITS."""
    starts = hits.get(ANY_DIGIT, [])
    return starts if not starts or starts[-1] < end else [i for i in starts if i < end]


def finditer_at(regex: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """`regex.finditer(text)` for a regex whose every match begins with one of `starts` (for
    one that begins with [0-9]: every digit position). A scan by the regex engine for a
    character set costs ~5 ns a character (~15 µs over 3 KB); trying a few known places costs
    next to nothing. Same matches: each start at or after the previous match's end is tried."""
    end = 0
    for i in starts:
        if i >= end:
            m = regex.match(text, i)
            if m:
                yield m
                end = m.end()


class TriggerIndex:
    """Every occurrence of many substrings in one pass over a text (an Aho-Corasick automaton,
    ahocorasick_rs: ~8 µs over 3 KB, where str.find costs ~1.5 µs per substring)."""

    __slots__ = ("_automaton", "_keys", "_words")

    def __init__(self, keywords: Iterable[Keywords], *words: str) -> None:
        self._words = sorted({*words, *(w for k in keywords for w in k.words)})
        # Digits share one key: their starts come out as one list in text order (matches are
        # reported in order of their end), which is what the number parsers want.
        self._keys = [ANY_DIGIT if w in DIGITS else w for w in self._words]
        # A DFA: bigger to build, ~25% faster to run than the default NFA on a 3 KB text.
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._words, matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA)

    def hits(self, low: str) -> Hits:
        """word -> starts of its occurrences in `low`; a word that does not occur is absent."""
        found: Hits = {}
        keys = self._keys
        for index, start, _ in self._automaton.find_matches_as_indexes(low, overlapping=True):
            starts = found.get(keys[index])
            if starts is None:
                found[keys[index]] = [start]
            else:
                starts.append(start)
        return found
