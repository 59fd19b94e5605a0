"""The duration and micro-internship parsers against compact copies of themselves as they were
before they were sped up (the oracles below), on random texts built from the words they
read: numbers ("2,000", "1.5", ranges, word numbers, non-ASCII digits), units, hours phrases,
cue words, dates, punctuation and whitespace; with finish()'s hits and without (standalone).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import normalize.fields.duration as dur
from normalize.draft import _SCAN
from normalize.fields.keywords import digit_starts
from normalize.fields.micro import (
    _AUDIENCE,
    _MICRO,
    _PROJECT_WORDS,
    MAX_TOTAL_HOURS,
    MAX_WEEKLY_HOURS,
    MAX_WEEKS,
    _fmt,
    _paid_reason,
    _span,
    micro_internship,
)
from normalize.fields.numbers import parse_number
from normalize.schema import MicroInternship, Pay, Range

# --- oracles: the functions as they were -----------------------------------------------------


def _old_duration(text, *, low=None, hits=None):
    if not isinstance(text, str) or not text:
        return None
    iso = _old_iso_weeks(text)
    if iso is not None:
        return iso
    low = text.lower() if low is None else low
    first = None
    digits = digit_starts(hits, len(low)) if hits is not None else None
    if hits is None:
        hits = dur._UNIT_INDEX.hits(low)
    units = []
    for unit in dur.TRIGGERS:
        starts = hits.get(unit)
        if starts:
            units += [(i, unit) for i in starts if i + len(unit) <= len(low)]
    units.sort()
    for start, unit in units:
        if digits is not None:
            near = bisect_left(digits, start - 16)
            has_digit = near < len(digits) and digits[near] < start
        else:
            has_digit = False
        if not has_digit and not dur._NUMBER_NEAR_RE.search(low, max(0, start - 16), start):
            continue
        if start and low[start - 1].isalpha():
            continue
        word = dur._UNIT_AT_RE.match(low, start)
        if word is None:
            continue
        end = word.end()
        m = dur._BEFORE_UNIT_RE.search(low, max(0, start - 40), start)
        if m is None:
            continue
        before = low[max(0, m.start() - 24) : m.start()]
        if dur._SKIP_AFTER_RE.match(low, end) or dur._SKIP_BEFORE_RE.search(before):
            continue
        factor = 1 / 5 if unit == "day" and m["business"] else dur._UNITS[unit]
        lo = parse_number(m["n1"])
        hi = parse_number(m["n2"]) if m["n2"] else lo
        if lo is None or hi is None or lo <= 0 or hi < lo:
            continue
        lo, hi = round(lo * factor, 1), round(hi * factor, 1)
        if hi > dur.MAX_WEEKS:
            continue
        found = Range(min=None if m["upto"] else lo, max=hi)
        if dur._STRONG_AFTER_RE.match(low, end) or dur._STRONG_BEFORE_RE.search(before):
            return found
        first = first or found
    return first


def _old_iso_weeks(text):
    m = dur._ISO_DURATION_RE.match(text)
    if not m or not any(m.group(k) for k in "ymwd"):
        return None
    factors = (("y", 52), ("m", dur.WEEKS_PER_MONTH), ("w", 1), ("d", 1 / 7))
    weeks = round(sum(float(m[k]) * f for k, f in factors if m[k]), 1)
    return Range(min=weeks, max=weeks) if 0 < weeks <= dur.MAX_WEEKS else None


def _old_micro(*, title="", text="", duration=None, hours=None, total_hours=None, pay=None,
               employment_types=None, eligibility=None, low=None, hits=None):
    if low is None:
        low = " \n".join(t for t in (title, text) if isinstance(t, str)).lower()
    signals = []
    types = set(employment_types or ())
    says_micro = bool(_MICRO.search(low, hits))
    if says_micro:
        signals.append((0.4, "says micro-internship"))
    weeks = duration.max if duration and duration.max is not None else None
    if weeks is not None and duration is not None:
        if weeks <= MAX_WEEKS:
            signals.append((0.3, _span(duration, "weeks")))
        elif weeks > 26:
            signals.append((-0.3, f"long: {_fmt(weeks)} weeks"))
    if pay is not None and pay.period == "PROJECT":
        project = "paid per project"
    elif total_hours is not None and total_hours.max is not None and (
            total_hours.max <= MAX_TOTAL_HOURS):
        project = f"{_fmt(total_hours.max)} hours in total"
    elif _PROJECT_WORDS.search(low, hits):
        project = "project-based"
    else:
        project = None
    if project:
        signals.append((0.25, project))
    weekly = hours.max if hours and hours.max is not None else None
    if hours is not None and weekly is not None and weekly <= 20:
        signals.append((0.2, _span(hours, "h/week")))
    elif hours is not None and (hours.min or weekly or 0) >= 35:
        signals.append((-0.3, f"full-time hours: {_fmt(hours.min or weekly or 0)} h/week"))
    paid = pay.paid if pay is not None else None
    if paid is True:
        signals.append((0.15, _paid_reason(pay)))
    elif paid is False:
        signals.append((-0.5, "unpaid"))
    audience = _AUDIENCE & set(eligibility or ())
    if audience or "INTERN" in types:
        who = " and ".join(sorted(a.replace("_", " ") for a in audience)) or "interns"
        signals.append((0.15, f"open to {who}"))
    if "FULL_TIME" in types and weeks is None:
        signals.append((-0.2, "full-time with no duration"))
    score = round(min(1.0, max(0.0, sum(weight for weight, _ in signals))), 2)
    shape = says_micro or (weeks is not None and weeks <= MAX_WEEKS) or bool(project)
    long = weeks is not None and weeks > MAX_WEEKS
    full_time = (weekly is not None and weekly > MAX_WEEKLY_HOURS) or (
        hours is not None and weekly is None and (hours.min or 0) > MAX_WEEKLY_HOURS) or (
        "FULL_TIME" in types and hours is None)
    is_micro = shape and not long and not full_time and paid is not False
    return MicroInternship(is_micro=is_micro, score=score,
                           reasons=[reason for _, reason in signals])


# --- inputs ----------------------------------------------------------------------------------

PIECES = [
    "0", "2", "3", "10", "15", "20", "156", "2,000", "1.5", "1,5", "0.5", "4-6", "10–15", "3 to 5",
    "2 or 3", "٣", "١٢", "²", "one", "two", "twelve", "twenty", "fifteen", "seventeen", "someone",
    "often", "_", "x", "a", "an", "few", "up to", "max", "maximum of",
    "week", "weeks", "weekly", "wk", "wks", "day", "days", "today", "monday", "business days",
    "working days", "work", "month", "months", "monthly", "woche", "wochen", "monat", "monate",
    "hours", "hrs", "h", "per week", "/week", "a week", "in total", "hours of work", "project",
    "internship", "lasting", "for", "duration:", "over", "within", "every", "ago", "notice",
    "of experience", "of work", "of posts", "at least", "part-time", "apply by", "deadline:",
    "start date:", "starting", "summer 2026", "march 3", "2026-04-15", "P3W", "p2m", " P1Y2M3W4D",
    "PT5H", "micro-internship", "project-based", "gig", "İ", "é", "—", "\u00a0", "\u2003", ".",
    ",", ":", "(", ")", "-", "/", "'", "\n", " ", "  ", "\t",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
glued = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)  # no spaces between pieces


def _hits(text: str, extra: str = ""):
    """finish()'s hits: one scan of the lower-cased text and, after it, extra prose."""
    low = text.lower()
    return low, _SCAN.hits(f"{low} \n{extra.lower()}")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(texts, glued), extra=texts)
@example(text="a 3-week project, 2 weeks ago", extra="")
@example(text="up to 10 business days", extra="")
@example(text="\u2003p3w", extra="")
@example(text=" P1Y2M3W4D", extra="")
@example(text="٣ weeks", extra="")
@example(text="for 2,000 weeks and 1.5 months", extra="4 weeks")
def test_duration_as_before(text, extra):
    assert dur.parse_duration_weeks(text) == _old_duration(text)
    low, hits = _hits(text, extra)
    assert dur.parse_duration_weeks(text, low=low, hits=hits) == _old_duration(
        text, low=low, hits=hits)


ranges = st.one_of(st.none(), st.builds(
    Range, min=st.one_of(st.none(), st.sampled_from([0.0, 1.0, 2.5, 8.0, 20.0, 35.0, 40.0])),
    max=st.one_of(st.none(), st.sampled_from([0.0, 3.0, 8.0, 8.1, 20.0, 26.0, 30.0, 80.0]))))
pays = st.one_of(st.none(), st.builds(
    Pay, paid=st.sampled_from([None, True, False]),
    period=st.sampled_from([None, "PROJECT", "HOUR", "MONTH"])))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, duration=ranges, hours=ranges, total=ranges, pay=pays,
       types=st.lists(st.sampled_from(["INTERN", "FULL_TIME", "PART_TIME", "CONTRACTOR"])),
       eligibility=st.lists(st.sampled_from(["students", "recent_graduates", "work_auth"])),
       with_hits=st.booleans())
def test_micro_as_before(text, duration, hours, total, pay, types, eligibility, with_hits):
    kwargs = dict(title="Gig", text=text, duration=duration, hours=hours, total_hours=total,
                  pay=pay, employment_types=types, eligibility=eligibility)
    if with_hits:
        low, hits = _hits(f"Gig \n{text}")
        kwargs.update(low=low, hits=hits)
    new, old = micro_internship(**kwargs), _old_micro(**kwargs)
    assert new.model_dump() == old.model_dump()
    assert new.model_dump_json() == old.model_dump_json()


def test_micro_as_before_on_every_combination():
    """Every combination of a few telling values: scores near the clamps (0.95, 1.0, 0) and
    every signal, which random draws can miss."""
    durations = [None, Range(min=3.0, max=3.0), Range(min=None, max=8.0), Range(min=30, max=30)]
    hours = [None, Range(min=10.0, max=15.0), Range(min=40.0, max=None), Range(min=None, max=22)]
    totals = [None, Range(min=20.0, max=20.0), Range(min=100.0, max=100.0)]
    pays = [None, Pay(paid=True, period="PROJECT"), Pay(paid=True, period="HOUR"), Pay(paid=False)]
    texts = ["", "micro-internship", "a project-based gig"]
    for d, h, t, p, types, elig, text, with_hits in itertools.product(
            durations, hours, totals, pays, [[], ["INTERN"], ["FULL_TIME"]],
            [[], ["students", "recent_graduates"]], texts, [False, True]):
        kwargs = dict(title="Role", text=text, duration=d, hours=h, total_hours=t, pay=p,
                      employment_types=types, eligibility=elig)
        if with_hits:
            low, hits = _hits(f"Role \n{text}")
            kwargs.update(low=low, hits=hits)
        assert micro_internship(**kwargs).model_dump_json() == _old_micro(**kwargs).model_dump_json()

