"""Duration in weeks: "2–4 weeks", "a 3-week project", "1 month", "10 business days", "P3W".

Months count 52/12 = 4.33 weeks, calendar days 1/7 week and business days 1/5 week; results are
rounded to one decimal. In free text a duration next to words such as "project" or "lasting"
wins over the first one found, and schedule or deadline phrases ("3 days a week",
"within 5 business days", "2 weeks ago") are skipped.

The text is searched from its unit words ("day", "week", "wk", "month"), found with str.find,
back to the number before them: much faster on a long description than a regex that starts with
an optional number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import repeat
from typing import Any

from normalize.fields.keywords import Hits, TriggerIndex, digit_starts
from normalize.fields.numbers import WORD_NUMBER_RE, WORD_NUMBERS, parse_number
from normalize.schema import Range

WEEKS_PER_MONTH = 52 / 12  # 4.33: "1 month" is 4.3 weeks, "3 months" 13, "6 months" 26
_UNITS = {"day": 1 / 7, "week": 1.0, "wk": 1.0, "month": WEEKS_PER_MONTH, "woche": 1.0,
          "monat": WEEKS_PER_MONTH}
_NUM = rf"\d{{1,3}}(?:[.,]\d)?|{WORD_NUMBER_RE}"
# What stands before a unit word, read up to the unit (the window ends there, hence \Z).
# The lookahead turns down, in one step, a place where neither "up to"/"max" nor a number can
# begin: search() tries each of the 40 places before a unit, and most are letters of other words.
_FIRST_LETTERS = "".join(sorted({"u", "m", *(w[0] for w in WORD_NUMBERS)}))
_BEFORE_UNIT_RE = re.compile(
    rf"(?=[\d{_FIRST_LETTERS}])"  # \d as in _NUM: any Unicode digit ("٣ weeks" is read)
    rf"(?P<upto>\bup\s+to\s+|\bmax(?:imum)?\s+(?:of\s+)?)?(?<![\w.,])(?P<n1>{_NUM})"
    rf"(?:\s*(?:-|–|—|to|or)\s*(?P<n2>{_NUM}))?[\s-]*(?P<business>(?:business|working|work)"
    r"[\s-]?)?\Z"
)
_NUMBER_NEAR_RE = re.compile(rf"[0-9]|\b(?:{WORD_NUMBER_RE})\b")
_UNIT_AT_RE = re.compile(r"(?:day|week|wk|month)s?\b|woche[n]?\b|monate?\b")
# Right after the match: a schedule or a deadline, not a duration.
_SKIP_AFTER_RE = re.compile(
    r"[\s-]*(?:a|per|/|each|every|of\s+(?:experience|notice|vacation|leave|pto)|"
    r"ago|notice|in\s+advance|before|prior|after|off|'|’)(?:\b|\s|$)"
    # "three months of transactions", "two weeks of posts": an amount of something, not the job's
    # length ("6 weeks of paid work" is one).
    r"|\s+of\s+(?!(?:paid\s+|part[- ]time\s+|full[- ]time\s+)?(?:work|project|internship|"
    r"employment|engagement|support|training|mentorship|placement)\b)"
)
_SKIP_BEFORE_RE = re.compile(r"\b(?:within|every|last|past|after|each|least)\s*\Z")
_STRONG_AFTER_RE = re.compile(
    r"[\s-]*(?:long\s+)?(?:paid\s+)?(?:project|internship|micro|engagement|assignment|program|"
    r"programme|contract|gig|sprint|placement|commitment|duration|term|position|role)"
)
_STRONG_BEFORE_RE = re.compile(
    r"\b(?:duration|lasting|lasts?|over|for|length|period|term|timeline|time\s*frame|"
    r"runs?|spanning)\W*\Z"
)
_ISO_DURATION_RE = re.compile(
    r"^\s*P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T.*)?\s*$",
    re.I,
)
MAX_WEEKS = 156.0
# The unit words in one pass (no unit overlaps itself, so its hits are what str.find would give).
TRIGGERS = tuple(_UNITS)
_UNIT_INDEX = TriggerIndex((), *TRIGGERS)


def parse_duration_weeks(text: Any, *, low: str | None = None,
                         hits: Hits | None = None) -> Range | None:
    """The duration a text (or an ISO 8601 duration) states, in weeks; None if it states none.
    `low`: the text already lower-cased, and `hits`: where TRIGGERS occur in it
    (TriggerIndex.hits), when the caller has them."""
    if not isinstance(text, str) or not text:
        return None
    iso = _iso_weeks(text)
    if iso is not None:
        return iso
    low = text.lower() if low is None else low
    first: Range | None = None
    digits = digit_starts(hits, len(low)) if hits is not None else None
    for start, unit in _unit_words(low, hits):
        # Cheapest test first: most unit words have no number before them ("twice a week"). A
        # known digit in reach settles it without the regex (which also reads "two", "ten"...).
        if digits is not None:
            near = bisect_left(digits, start - 16)
            has_digit = near < len(digits) and digits[near] < start
        else:
            has_digit = False
        if not has_digit and not _NUMBER_NEAR_RE.search(low, max(0, start - 16), start):
            continue
        if start and low[start - 1].isalpha():
            continue  # "today", "someday" are not units
        word = _UNIT_AT_RE.match(low, start)
        if word is None:
            continue
        end = word.end()
        m = _BEFORE_UNIT_RE.search(low, max(0, start - 40), start)
        if m is None:
            continue
        before = low[max(0, m.start() - 24) : m.start()]
        if _SKIP_AFTER_RE.match(low, end) or _SKIP_BEFORE_RE.search(before):
            continue
        found = _range(m, unit)
        if found is None:
            continue
        if _STRONG_AFTER_RE.match(low, end) or _STRONG_BEFORE_RE.search(before):
            return found
        first = first or found
    return first


def _unit_words(low: str, hits: Hits | None) -> list[tuple[int, str]]:
    """(start, unit) of every unit word ("week" also in "weeks", "weekly"), in text order."""
    if hits is None:
        hits = _UNIT_INDEX.hits(low)
    found: list[tuple[int, str]] = []
    n = len(low)
    for unit in TRIGGERS:
        starts = hits.get(unit)
        if starts:
            # zip/repeat pairs them at C speed. Starts are in text order, so when the last one
            # fits, all do; else (hits of a longer text that begins with `low`) drop the rest.
            if starts[-1] + len(unit) > n:
                starts = [i for i in starts if i + len(unit) <= n]
            found += zip(starts, repeat(unit))
    found.sort()  # no unit word contains another: starts differ, units are never compared
    return found


def _range(m: re.Match[str], unit: str) -> Range | None:
    upto, n1, n2, business = m.groups()  # one call, not four lookups by name
    factor = 1 / 5 if unit == "day" and business else _UNITS[unit]
    lo = _number(n1)
    hi = _number(n2) if n2 else lo
    if lo is None or hi is None or lo <= 0 or hi < lo:
        return None
    lo, hi = round(lo * factor, 1), round(hi * factor, 1)
    if hi > MAX_WEEKS:
        return None
    return Range(min=None if upto else lo, max=hi)


def _number(text: str) -> float | None:
    """parse_number, with its usual case ("3": ASCII digits, at most 3 here, so finite) inline."""
    return float(text) if text.isdigit() and text.isascii() else parse_number(text)


def _iso_weeks(text: str) -> Range | None:
    # The regex needs "p" or "P" after leading whitespace (its \s is str.isspace): most texts
    # are prose, turned down here without starting the regex.
    if text.lstrip()[:1] not in ("P", "p"):
        return None
    m = _ISO_DURATION_RE.match(text)
    if not m or not any(m.group(k) for k in "ymwd"):
        return None
    factors = (("y", 52), ("m", WEEKS_PER_MONTH), ("w", 1), ("d", 1 / 7))
    weeks = round(sum(float(m[k]) * f for k, f in factors if m[k]), 1)
    return Range(min=weeks, max=weeks) if 0 < weeks <= MAX_WEEKS else None
