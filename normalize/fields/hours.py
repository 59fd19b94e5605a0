"""Hours per week: "10-15 hrs/week", "up to 20 hours per week", "part-time (20h)", "4 hours a day",
"two days a week (16 hours)", "Monday–Friday, 9am–6pm", or a schema.org workHours value ("20",
"20 hours per week").

"up to N" gives only a max, "N+" or "at least N" only a min; "an average of 12 hours per week
but can range from 8 to 20" gives the range. Hours per day count five days a week. Values over
80 hours a week are not believed. Hours in a sentence about benefits, leave or eligibility
("interns working 32+ hours a week are eligible for medical benefits", "accrue 10 hours per
month of PTO") are not the job's schedule; days in the office ("3 days a week") are not hours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from normalize.fields.duration import Found, sentence_bounds
from normalize.fields.keywords import DIGITS, Hits, digit_starts, finditer_at, starts_of
from normalize.fields.numbers import parse_number
from normalize.schema import Range

# "[0-9][0-9]?" rather than "[0-9]{1,2}": a pattern must start with a plain character set for the
# regex engine to skip ahead to the next digit (a leading repeat is ~3x slower on long text).
_N = r"[0-9][0-9]?(?:[.,][0-9])?"
_HOURS = r"(?:h|hrs?|hours?|std\.?|stunden|heures)\b\.?"
# Every pattern starts at the number (a [0-9] the regex engine skips to quickly); what qualifies
# the number ("up to", "at least") is read from the words before it.
_PER_HOURS_RE = re.compile(
    rf"(?P<n1>{_N})(?P<plus>\s?\+)?(?:\s*(?:-|–|—|to|and|bis)\s*(?P<n2>{_N}))?[\s-]*{_HOURS}\s*"
    r"(?:(?:/|per|a|an|each|every|pro|par|in\s+a|in\s+the)\s*(?P<unit>w(?:ee)?ks?|woche|semaine|"
    r"days?|tag|jour)\b|(?P<adverb>weekly|a\s+week|daily|pw|p/w|p\.w\.))"
)
_QUALIFIER_RE = re.compile(
    r"(?:(?P<max>up\s+to|max(?:imum)?(?:\s+of)?|no\s+more\s+than|at\s+most|less\s+than|under)"
    r"|(?P<min>at\s+least|min(?:imum)?(?:\s+of)?|over|more\s+than))\s*\Z"
)
# "hours per week: 20", "weekly hours: 10-15", "part-time (20h)", "part time, 15-20 hours":
# labels before the number, searched only when the label occurs.
_LABEL_RE = re.compile(
    rf"(?:hours\s*(?:/|per|a)\s*week|weekly\s+hours|wochenstunden|part[- ]?time|full[- ]?time)"
    rf"\W{{0,4}}"
    rf"(?:(?P<max>up\s+to|max(?:imum)?)\s*)?(?P<n1>{_N})(?:\s*(?:-|–|—|to)\s*(?P<n2>{_N}))?"
    rf"(?P<hours>\s*{_HOURS})?"
)
_LABEL_STARTS = ("hours", "weekly", "wochenstunden", "part", "full")  # how a label match begins
TRIGGERS = (*_LABEL_STARTS, *DIGITS)  # what `hits` must hold
# "a 20-hour project", "10-40 hours of work", "30 hours in total": hours for the whole job.
_TOTAL_RE = re.compile(
    r"(?P<n1>[0-9][0-9]?[0-9]?)(?:\s*(?:-|–|—|to)\s*(?P<n2>[0-9]{1,3}))?[\s-]*(?:hours?|hrs?)\b"
    r"(?:\s+(?:of\s+(?:paid\s+)?work|in\s+total|total)|[\s-]+(?:paid\s+)?(?:project|assignment|"
    r"engagement|commitment|task|gig)|\s+(?:spread\s+)?(?:over|across)\s+(?:the\s+next\s+)?"
    r"(?:[0-9]{1,2}|one|two|three|four|five|six|seven|eight|a)\s*(?:-\s*)?(?:weeks?|days?|months?)\b)"
)
# Words of a sentence about benefits or leave, not the schedule (a set lookup per word).
_NOT_SCHEDULE_WORDS = frozenset("""
    benefit benefits eligible eligibility medical dental insurance pto accrue accrues accrued
    accrual sick holiday holidays vacation overtime
""".split())
_NOT_SCHEDULE_PHRASES = ("paid time", "time off")
_WORD_BREAKS = str.maketrans({c: " " for c in ",.;:!?()[]{}\"'“”‘’/|•*&+=<>"})
# "an average of 12 hours per week but can range from 8 to 20": the range is the answer.
_RANGE_AFTER_RE = re.compile(
    rf"[^.;\n]{{0,40}}?\b(?:rang(?:e|es|ing)|var(?:y|ies|ying))\s+(?:from\s+|between\s+)?"
    rf"(?P<n1>{_N})\s*(?:-|–|—|to|and)\s*(?P<n2>{_N})\b")
# "two days a week (16 hours)": the hours in brackets are the week's.
_DAYS_HOURS_RE = re.compile(
    rf"\b(?:days?|times)\s+(?:a|per|each)\s+week\s*\(\s*(?:about\s+|approx\.?\s+|~)?"
    rf"(?P<n1>{_N})(?:\s*(?:-|–|—|to)\s*(?P<n2>{_N}))?\s*{_HOURS}")
# "Monday through Friday from 9am until 6pm": the hours a day, five days.
_CLOCK_RE = re.compile(
    r"mon(?:day)?\.?\s*(?:-|–|—|through|thru|to)\s*fri(?:day)?\.?[,\s]*(?:from\s+)?"
    r"(?P<h1>1[0-2]|0?[1-9])(?::(?P<m1>[0-5]\d))?\s*(?P<p1>a\.?m\.?|p\.?m\.?)\s*"
    r"(?:-|–|—|to|until|till)\s*(?P<h2>1[0-2]|0?[1-9])(?::(?P<m2>[0-5]\d))?\s*"
    r"(?P<p2>a\.?m\.?|p\.?m\.?)")
MAX_HOURS = 80.0
MAX_TOTAL_HOURS = 500.0


def parse_hours_per_week(text: Any, *, low: str | None = None,
                         hits: Hits | None = None) -> Range | None:
    """The weekly hours a text states; None if it states none. `low`: the text already
    lower-cased, and `hits`: where TRIGGERS occur in it (TriggerIndex.hits), when the caller
    has them."""
    found = find_hours(text, low=low, hits=hits)
    return found.weeks if found is not None else None


def find_hours(text: Any, *, low: str | None = None, hits: Hits | None = None) -> Found | None:
    """parse_hours_per_week with the words it read (for micro_internship's reasons); Found's
    `weeks` holds the hours per week."""
    if not isinstance(text, str) or not text:
        return None
    low = text.lower() if low is None else low
    found = _find(low, hits)
    if found is None:
        return None
    hours, start, end = found
    return Found(hours, at=(text, low, start, end))


def _find(low: str, hits: Hits | None) -> tuple[Range, int, int] | None:
    for m in _numbers(_PER_HOURS_RE, low, hits):
        if m.start() and low[m.start() - 1] in "0123456789.,":
            continue  # the tail of a longer number
        s0, s1 = sentence_bounds(low, m.start(), m.end())
        sentence = low[s0:s1]
        if not _NOT_SCHEDULE_WORDS.isdisjoint(sentence.translate(_WORD_BREAKS).split()) or any(
                p in sentence for p in _NOT_SCHEDULE_PHRASES):
            continue
        qualifier = _QUALIFIER_RE.search(low, max(0, m.start() - 20), m.start())
        found = _range(m, qualifier)
        if found is not None:
            after = low[m.end() : m.end() + 60]
            wider = _RANGE_AFTER_RE.match(low, m.end()) if "rang" in after or "var" in after else None
            if wider is not None and _range(wider, None) is not None:
                return _range(wider, None), m.start(), wider.end()  # type: ignore[return-value]
            return found, m.start(), m.end()
    if "week (" in low or "week(" in low:
        m = _DAYS_HOURS_RE.search(low)
        found = _range(m, None) if m else None
        if m is not None and found is not None:
            return found, m.start(), m.end()
    # A label match begins with one of _LABEL_STARTS: look only there (a scan by the regex
    # engine, which cannot skip ahead to a literal here, costs ~15 µs over 3 KB).
    if hits is None:
        labels = _LABEL_RE.finditer(low) if any(t in low for t in _LABEL_STARTS) else iter(())
    else:
        labels = finditer_at(_LABEL_RE, low, starts_of(hits, _LABEL_STARTS, 0, len(low)))
    for m in labels:
        a_time = m.group(0).startswith(("part", "full"))  # "part-time (20h)" needs its unit
        found = None if a_time and not m["hours"] else _range(m, m)
        if found is not None:
            return found, m.start(), m.end()
    if "fri" in low and "mon" in low:
        return _clock_hours(low)
    return None


def _clock_hours(low: str) -> tuple[Range, int, int] | None:
    """Weekly hours from a weekday schedule by the clock ("Mon–Fri, 9am–5pm": 40)."""
    m = _CLOCK_RE.search(low)
    if m is None:
        return None
    start = int(m["h1"]) % 12 + (12 if m["p1"][0] == "p" else 0) + int(m["m1"] or 0) / 60
    end = int(m["h2"]) % 12 + (12 if m["p2"][0] == "p" else 0) + int(m["m2"] or 0) / 60
    daily = end - start
    if not 0 < daily <= 12:
        return None
    weekly = round(daily * 5, 1)
    return Range(min=weekly, max=weekly), m.start(), m.end()


def parse_total_hours(text: Any, *, low: str | None = None,
                      hits: Hits | None = None) -> Range | None:
    """Hours for the whole job ("a 20-hour project", "10-40 hours of work"); None if not stated.
    With a duration this gives hours per week when the page states no weekly hours. `low` and
    `hits` as for parse_hours_per_week."""
    if not isinstance(text, str) or not text:
        return None
    for m in _numbers(_TOTAL_RE, text.lower() if low is None else low, hits):
        lo = parse_number(m["n1"])
        hi = parse_number(m["n2"]) if m["n2"] else lo
        if lo and hi and lo <= hi <= MAX_TOTAL_HOURS:
            return Range(min=lo, max=hi)
    return None


def _numbers(regex: re.Pattern[str], low: str, hits: Hits | None) -> Iterator[re.Match[str]]:
    """regex.finditer(low) for the patterns above, which all begin with a digit."""
    if hits is None:
        return regex.finditer(low)
    return finditer_at(regex, low, digit_starts(hits, len(low)))


def hours_from_value(value: Any) -> Range | None:
    """schema.org workHours: a number (hours per week) or text."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    number = parse_number(value) if isinstance(value, (int, float, str)) else None
    if number is not None:
        return Range(min=number, max=number) if 0 < number <= MAX_HOURS else None
    return parse_hours_per_week(value)


def _range(m: re.Match[str], qualifier: re.Match[str] | None) -> Range | None:
    groups = m.groupdict()
    lo = parse_number(m["n1"])
    hi = parse_number(m["n2"]) if m["n2"] else lo
    if lo is None or hi is None or lo <= 0 or hi < lo:
        return None
    per_day = (groups.get("unit") or groups.get("adverb") or "").lower()
    if per_day.startswith(("day", "tag", "jour", "daily")):
        lo, hi = lo * 5, hi * 5
    if hi > MAX_HOURS:
        return None
    bounds = qualifier.groupdict() if qualifier else {}
    if bounds.get("max"):
        return Range(min=None, max=hi)
    if bounds.get("min") or groups.get("plus"):
        return Range(min=lo, max=None)
    return Range(min=lo, max=hi)
