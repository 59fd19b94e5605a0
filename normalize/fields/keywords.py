"""Keyword patterns that stay fast on long descriptions.

Python's regex engine scans quickly only for a pattern that starts with a literal; a pattern
such as r"\b(?:current|enrolled)\\s+students?\b" is tried at every character (~25 µs per 3 KB,
and a listing runs a dozen of them). `Keywords` runs its regex on lower-cased text, and only in
windows around its trigger substrings, which `str.find` locates in about a microsecond.
"""

from __future__ import annotations

import re

REACH = 60  # characters searched on each side of a trigger; more than any match needs


class Keywords:
    """A regex (written for lower-case text) that can only match near one of its triggers.

    Every match of `pattern` must contain one of `triggers` (or lie within REACH characters of
    one): text without any trigger is never searched. `requires`, when given, are substrings of
    which every match contains at least one: a short trigger that is common in prose ("early",
    "any ") then costs a few str.find calls instead of regex searches in its windows.
    """

    __slots__ = ("regex", "requires", "triggers")

    def __init__(self, pattern: str, triggers: tuple[str, ...],
                 requires: tuple[str, ...] = ()) -> None:
        self.regex = re.compile(pattern)
        self.triggers = triggers
        self.requires = requires

    def search(self, low: str) -> re.Match[str] | None:
        """The first match in `low` (text already lower-cased) near a trigger, or None."""
        windows = self._windows(low)
        if windows and self.requires and not any(word in low for word in self.requires):
            return None  # no match can exist: it would contain one of the required words
        for start, end in windows:
            m = self.regex.search(low, start, end)
            if m:
                return m
        return None

    def _windows(self, low: str) -> list[tuple[int, int]]:
        """Merged, sorted windows around every trigger occurrence."""
        spans = []
        for trigger in self.triggers:
            i = low.find(trigger)
            while i != -1:
                spans.append((max(0, i - REACH), min(len(low), i + len(trigger) + REACH)))
                i = low.find(trigger, i + len(trigger))
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
