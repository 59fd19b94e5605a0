"""normalize.fields.dates reads dates faster than it did (a lookahead in front of _DATE_RE, the
cue's gap and date in one match, a word test before the deadline cue's search, season years tried
only where a season word is, fast paths in parse_date); these tests check that every result is
the same as the earlier code's, kept here compactly as the oracle. The helpers that did not
change (_resolve, _shift, _numeric, _label_only, ...) are shared; dateparser is stubbed in both
(slow, and what it is asked is what matters).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalize.fields import dates as D
from normalize.fields.keywords import TriggerIndex, find_all, hits_within, starts_of

# --- the oracle: the functions as they were ----------------------------------------------------

_DATE_RE = re.compile(
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<num>(?<![\d.,/$€£])(?P<n1>\d{1,2})(?P<sep>[./])(?P<n2>\d{1,2})"
    r"(?:(?P=sep)(?P<ny>\d{4}|\d{2}))?(?![\d/]|\.\d))"
    rf"|(?P<dm>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m1>{D._MONTH})\b\.?"
    r"(?:,?\s+(?P<y1>\d{4})\b)?)"
    rf"|(?P<md>\b(?P<m2>{D._MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?)"
    r"|(?P<season>\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<sy>\d{4})\b)"
    rf"|(?P<my>\b(?P<m3>{D._MONTH})\.?\s+(?P<y3>\d{{4}})\b)"
    rf"|(?P<ago>(?<![\w.])(?P<an>{D._COUNT})\+?\s*(?P<au>{D._UNIT})\.?\s+ago\b)"
    rf"|(?P<ahead>\bin\s+(?P<fn>{D._COUNT})\s+(?P<fu>days?|weeks?|months?)\b)"
    r"|(?P<word>\b(?:today|yesterday|tomorrow|just\s+(?:now|posted)|heute|gestern)\b)"
    rf"|(?P<monly>\b(?:in|from|early|mid|late|beginning\s+of|end\s+of)\s+(?P<m4>{D._MONTH})\b"
    r"(?!\s+\d))"
    r"|(?P<sonly>\b(?:this|next|in|in\s+the)\s+(?P<s2>spring|summer|fall|autumn|winter)\b)"
)
_CUE_GAP_RE = re.compile(r"[\s:–—-]*(?:is\s+|will\s+be\s+|on\s+|the\s+)?"
                         r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?")
_NOTHING = object()


def _valid(y: int, m: int, d: int) -> str | None:
    if not D.MIN_YEAR <= y <= D.MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _base_date(base: str | None) -> date | None:
    moment = D._base_datetime(base)
    return moment.date() if moment else None


def old_parse_date(value: Any, *, base: str | None = None, prefer: str = "past") -> str | None:
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, (datetime, date)):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return D._from_timestamp(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    for regex in (D._ISO_DATE_RE, D._YMD_RE):
        m = regex.match(value)
        if m:
            return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = D._DMY_RE.match(value)
    if m:
        return D._numeric(int(m[1]), m[2], int(m[3]), int(m[4]))
    if D._UNKNOWN_RE.match(value):
        return None
    low = " ".join(value.lower().split())
    month = D._MONTH_ONLY_RE.match(low)
    if month:
        return D._resolve(D.MONTHS[month["m"]], 1, None, _base_date(base), prefer)
    found = _phrase(low, base, prefer, anywhere=False)
    if found is not _NOTHING:
        return found  # type: ignore[return-value]
    return D._dateparser(value, base) if D._needs_dateparser(low) else None


def _phrase(low: str, base: str | None, prefer: str, *, anywhere: bool) -> str | None | object:
    for m in _DATE_RE.finditer(low):
        if not anywhere and (low[: m.start()].strip(" ,.:-–(") and not D._label_only(low[: m.start()])
                             or low[m.end():].strip(" .,)!")):
            continue
        return _date_of(m, _base_date(base), prefer)
    return _NOTHING


def old_find_date(text: Any, *, base: str | None = None, prefer: str = "past") -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    found = _phrase(" ".join(text.lower().split()), base, prefer, anywhere=True)
    return None if found is _NOTHING else found  # type: ignore[return-value]


def old_find_deadline(low: str, *, base: str | None = None, hits: Any = None) -> str | None:
    return _after_cue(low, D._DEADLINE_CUE_RE, D._DEADLINE_TRIGGERS, base, hits)


def old_find_start_date(low: str, *, base: str | None = None, hits: Any = None) -> str | None:
    found = _after_cue(low, D._START_CUE_RE, D._START_TRIGGERS, base, hits)
    if found is None and isinstance(low, str):
        first = min((low.find(s) for s in D.SEASONS if s in low), default=None) if hits is None \
            else next(iter(starts_of(hits, D.SEASONS, 0, len(low))), None)
        m = D._SEASON_YEAR_RE.search(low, first) if first is not None else None
        anchor = _base_date(base) if m else None
        if m and anchor is not None:
            found = _valid(int(m["y"]), D.SEASONS[m["s"]], 1)
            if found and found < (anchor - timedelta(days=92)).isoformat():
                found = None
    return found


def _after_cue(low: str, cue: re.Pattern[str], triggers: tuple[str, ...], base: str | None,
               hits: Any) -> str | None:
    if not isinstance(low, str):
        return None
    spans = starts_of(hits if hits is not None else find_all(low, triggers), triggers, 0, len(low))
    if not spans:
        return None
    anchor = _base_date(base)
    for i in spans:
        m = cue.search(low, max(0, i - 12), i + 40)
        if m is None:
            continue
        gap = _CUE_GAP_RE.match(low, m.end())
        d = _DATE_RE.match(low, gap.end() if gap else m.end())
        if d and d["ago"] is None:
            found = _date_of(d, anchor, "future")
            if found:
                return found
    return None


def _date_of(m: re.Match[str], base: date | None, prefer: str) -> str | None:
    if m["iso"]:
        return _valid(int(m["iy"]), int(m["im"]), int(m["id"]))
    if m["num"]:
        first, second = int(m["n1"]), int(m["n2"])
        if m["ny"]:
            year = int(m["ny"]) + (2000 if len(m["ny"]) == 2 else 0)
            return D._numeric(first, m["sep"], second, year)
        day, month = (first, second) if m["sep"] == "." or first > 12 else (second, first)
        return D._resolve(month, day, None, base, prefer)
    if m["dm"]:
        return D._resolve(D.MONTHS[m["m1"]], int(m["d1"]), m["y1"], base, prefer)
    if m["md"]:
        return D._resolve(D.MONTHS[m["m2"]], int(m["d2"]), m["y2"], base, prefer)
    if m["season"]:
        return _valid(int(m["sy"]), D.SEASONS[m["s"]], 1)
    if m["my"]:
        return _valid(int(m["y3"]), D.MONTHS[m["m3"]], 1)
    if base is None:
        return None
    if m["ago"]:
        return D._shift(base, -D._count(m["an"]), m["au"].rstrip("s"))
    if m["ahead"]:
        return D._shift(base, D._count(m["fn"]), m["fu"].rstrip("s"))
    if m["word"]:
        word = m["word"]
        return D._shift(base, -1 if word in ("yesterday", "gestern") else 1 if word == "tomorrow"
                        else 0)
    if m["monly"]:
        return D._resolve(D.MONTHS[m["m4"]], 1, None, base, "future")
    if m["sonly"]:
        return D._resolve(D.SEASONS[m["s2"]], 1, None, base, "future")
    return None


# --- random texts made of what the date readers look for ---------------------------------------

CUES = ["apply by", "Apply by:", "apply before", "apply no later than", "deadline", "Deadline:",
        "deadline to apply", "application deadline", "applications are due", "applications close",
        "applications closed on", "applications accepted until", "closing date",
        "submit your application by", "bewerbungsschluss", "bewerbungsfrist", "start date",
        "starting date", "starting", "starts on", "start", "begins", "beginning in", "begin",
        "kick-off", "kickoff", "beginn", "expected start", "earliest start", "application",
        "Posted", "posted on", "Published", "valid through", "from", "restart", "startup"]
DATES = ["2026-04-05", "2026-4-5", "1999-12-31", "2026-02-30", "2026/04/05", "2026.4.5",
         "31.05.2024", "5.4.2026", "05/31/2024", "05/06/2024", "13/05/2024", "4/30", "30.4",
         "31.05.24", "1/2/26", "19 april 2024", "19th of april, 2024", "3rd march", "1. oktober",
         "april 19th, 2024", "april 19", "Mar. 3", "sept 5", "June 31", "feb 29, 2028",
         "summer 2026", "fall of 2025", "Winter 1989", "march 2026", "dezember 2026",
         "3 days ago", "a week ago", "2+ weeks ago", "1 month ago", "an hour ago", "5d ago",
         "in 2 weeks", "in three months", "in a day", "yesterday", "today", "tomorrow",
         "just now", "just posted", "heute", "gestern", "in april", "early may", "mid june",
         "late july", "beginning of june", "end of march", "from september", "this summer",
         "next fall", "in the winter", "in spring", "asap", "Rolling", "until filled", "n/a"]
WORDS = ["january", "jan", "march", "mar", "mars", "märz", "maerz", "mai", "may", "juni", "juillet",
         "août", "décembre", "février", "spring", "summer", "fall", "autumn", "winter", "of", "the",
         "is", "will be", "on", "in", "at", "monday", "mon.", "Tue,", "sunday", "ago", "days",
         "weeks", "a", "an", "one", "ten", "to", "finish", "process", "by", "before", "due",
         "until", "from start to finish", "program", "1", "12", "2026", "2027", "99", "123",
         "20261", "st", "th", ":", ",", ".", "-", "–", "—", "/", "(", ")", "!", "$", "€", "+", " ",
         "  ", "\n", "\t", "\u00a0", "é", "ü", "İ", "٣", "٢٠٢٦", "²", "ǅ"]
TOKEN = st.sampled_from(CUES + DATES + WORDS)
# A cue, what may stand between it and a date, and a date: the sentences the readers are for.
SENTENCE = st.tuples(
    st.sampled_from(CUES), st.sampled_from(["", ":", " - ", "is", "will be", "on", "the",
                                            "monday,", "on tue.", "  \n", "x"]),
    st.sampled_from(DATES), st.sampled_from(["", ".", ",", "x"]),
).map(" ".join)
# A season of a year, which find_start_date reads without a cue ("Summer 2026 cohort").
SEASON_YEAR = st.tuples(
    st.sampled_from([*D.SEASONS, "rainfall", "summers", "fall,"]), st.sampled_from(["", "of"]),
    st.sampled_from(["2025", "2026", "2027", "1989", "26"]),
).map(" ".join)
TEXT = st.one_of(
    st.lists(st.one_of(SENTENCE, TOKEN), max_size=20).map(" ".join),
    st.lists(st.one_of(SEASON_YEAR, TOKEN), max_size=12).map(" ".join),
    st.lists(TOKEN, max_size=30).map("".join),
    st.lists(st.one_of(SENTENCE, TOKEN, st.text(max_size=4)), max_size=12).map(" ".join),
)
# What a page or feed gives as a date: a date, a label before it, punctuation after.
FIELD = st.tuples(
    st.sampled_from(["", " ", "\u00a0", "Posted ", "posted on ", "Apply by: ", "Deadline - ",
                     "Start date: ", "on ", "monday, ", "x ", "12 "]),
    st.sampled_from(DATES), st.sampled_from(["", ".", " )", "!", ", ", " x", "\n"]),
).map("".join)
SHORT = st.one_of(FIELD, st.lists(TOKEN, max_size=5).map(" ".join), st.text(max_size=12))
BASE = st.sampled_from([None, "2026-03-10T09:00:00+00:00", "2025-12-31T23:30:00Z", "2026-06-01",
                        "not a date"])
PREFER = st.sampled_from(["past", "future"])
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
INDEX = TriggerIndex((), *D.TRIGGERS)


def _stub_dateparser(text: str, base: str | None) -> str:
    return f"dateparser({text!r}, {base!r})"


@given(SHORT, BASE, PREFER)
@SETTINGS
def test_parse_date_and_find_date_as_before(text: str, base: str | None, prefer: str) -> None:
    with mock.patch.object(D, "_dateparser", _stub_dateparser):
        assert D.parse_date(text, base=base, prefer=prefer) == \
            old_parse_date(text, base=base, prefer=prefer)
        assert D.find_date(text, base=base, prefer=prefer) == \
            old_find_date(text, base=base, prefer=prefer)


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2 * 10**12, 5 * 10**12), st.floats(), SHORT,
    st.datetimes(timezones=st.just(UTC)), st.dates(),
    st.dictionaries(st.sampled_from(["@value", "value", "x"]), st.one_of(SHORT, st.integers()),
                    max_size=2),
    st.lists(st.one_of(st.none(), SHORT, st.integers()), max_size=3),
)


@given(VALUES, BASE, PREFER)
@SETTINGS
def test_parse_date_of_any_value_as_before(value: Any, base: str | None, prefer: str) -> None:
    with mock.patch.object(D, "_dateparser", _stub_dateparser):
        assert D.parse_date(value, base=base, prefer=prefer) == \
            old_parse_date(value, base=base, prefer=prefer)


@given(TEXT, SHORT, SHORT, BASE)
@SETTINGS
def test_find_deadline_and_start_date_as_before(text: str, title: str, extra: str,
                                                 base: str | None) -> None:
    low = text.lower()
    # As finish() gets them: from one pass over title, text and extra prose, cut to the text.
    title, extra = title.lower(), extra.lower()
    scanned = INDEX.hits(f"{title}\n{low} \n{extra}")
    hits = hits_within(scanned, D.TRIGGERS, len(title) + 1, len(title) + 1 + len(low))
    for new, old in ((D.find_deadline, old_find_deadline),
                     (D.find_start_date, old_find_start_date)):
        expected = old(low, base=base)
        assert new(low, base=base) == expected
        assert new(low, base=base, hits=hits) == old(low, base=base, hits=hits) == expected
