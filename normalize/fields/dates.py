"""Dates: datePosted / validThrough / jobStartDate (or date text) to an ISO date "YYYY-MM-DD", and
the deadline or start date a description states in words.

    parse_date(value, base=, prefer=)    one value: ISO, a timestamp, or a date phrase
    find_date(text, base=, prefer=)      the first date phrase anywhere in a short text
    find_deadline(low, base=)            "apply by March 3", "Application deadline: April 15, 2026"
    find_start_date(low, base=)          "Start date: June 1, 2026", "starting Summer 2026"

Most pages give ISO 8601, read with a regex on the date part (microseconds). Date phrases come
next, read by one regex (_DATE_RE): "19 April 2024", "April 19th, 2024", "31.05.2024",
"05/31/2024", "4/30", "March 3", "Summer 2026", "3 days ago", "yesterday", "in 2 weeks". Only
what that cannot read ("1. Oktober 2025", other languages) goes to dateparser, which is slow and
imported lazily. A datetime keeps its own calendar date: "2026-10-02T16:00:00+03:00" is 2026-10-02.

Relative and incomplete dates need `base` (the fetch time): "3 days ago" counts back from it, and
a date without a year is the nearest such date on the side `prefer` names — "past" for a posting
date ("Mar 5" fetched on 2026-03-10 is 2026-03-05), "future" for a deadline or start ("apply by
March 3" fetched on 2026-03-10 is 2027-03-03). Without `base` such a date is unknown (None).

Approximate on purpose (docs/normalization.md): a season is its first day ("Summer 2026" is
2026-06-01; spring March, summer June, fall/autumn September, winter December) and a month alone
("starting in April") its first day. "ASAP", "rolling", "until filled" are no date.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from normalize.cache import FEW, RECURRING, bounded_cache
from normalize.fields.keywords import Hits, find_all, starts_of

_ISO_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_YMD_RE = re.compile(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_DMY_RE = re.compile(r"\s*(\d{1,2})([./])(\d{1,2})\2(\d{4})\s*$")
_UNKNOWN_RE = re.compile(
    r"^\W*(?:asap|immediate(?:ly)?|tbd|tba|n/?a|none|ongoing|open|rolling|flexible|"
    r"as soon as possible|(?:open\s+)?until filled|sofort|ab sofort)\W*$",
    re.I,
)
_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "fi", "sv", "da", "nb", "pl"]
MIN_YEAR, MAX_YEAR = 1990, 2100

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12, "januar": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12, "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_UNIT_DAYS = {"minute": 0, "min": 0, "hour": 0, "hr": 0, "h": 0, "day": 1, "d": 1, "week": 7,
              "wk": 7, "w": 7, "month": 30, "mo": 30, "year": 365, "yr": 365, "y": 365}
_COUNT = r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten"
_UNIT = r"minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?|mo|years?|yrs?|y"
# What a date phrase below can begin with: a digit after no digit, or at a word start one of
# these words (a new alternative's first words belong here). Tested first, as one lookahead, so
# that elsewhere the dozen alternatives (~0.4 µs) are not tried one by one.
_OPENING = "|".join(sorted({*MONTHS, *SEASONS, *_NUMBER_WORDS, "in", "today", "yesterday",
                            "tomorrow", "just", "heute", "gestern", "from", "early", "mid", "late",
                            "beginning", "end", "this", "next"}, key=len, reverse=True))
# One pattern for every date phrase; the named group that matched says which kind it is. Lower
# case text only. Day-month and month-day accept an ordinal, a comma and a year.
_DATE_RE = re.compile(
    rf"(?=(?<!\d)\d|\b(?:{_OPENING}))(?:"
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<num>(?<![\d.,/$€£])(?P<n1>\d{1,2})(?P<sep>[./])(?P<n2>\d{1,2})"
    r"(?:(?P=sep)(?P<ny>\d{4}|\d{2}))?(?![\d/]|\.\d))"
    rf"|(?P<dm>\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m1>{_MONTH})\b\.?"
    r"(?:,?\s+(?P<y1>\d{4})\b)?)"
    rf"|(?P<md>\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>\d{{4}})\b)?)"
    r"|(?P<season>\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<sy>\d{4})\b)"
    rf"|(?P<my>\b(?P<m3>{_MONTH})\.?\s+(?P<y3>\d{{4}})\b)"
    rf"|(?P<ago>(?<![\w.])(?P<an>{_COUNT})\+?\s*(?P<au>{_UNIT})\.?\s+ago\b)"
    rf"|(?P<ahead>\bin\s+(?P<fn>{_COUNT})\s+(?P<fu>days?|weeks?|months?)\b)"
    r"|(?P<word>\b(?:today|yesterday|tomorrow|just\s+(?:now|posted)|heute|gestern)\b)"
    rf"|(?P<monly>\b(?:in|from|early|mid|late|beginning\s+of|end\s+of)\s+(?P<m4>{_MONTH})\b"
    r"(?!\s+\d))"
    r"|(?P<sonly>\b(?:this|next|in|in\s+the)\s+(?P<s2>spring|summer|fall|autumn|winter)\b))"
)
_SEASON_YEAR_RE = re.compile(r"\b(?P<s>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<y>\d{4})\b")
_MONTH_ONLY_RE = re.compile(rf"^\W*(?P<m>{_MONTH})\W*$")
# Phrases that introduce an application deadline or a start, each followed by its date.
_DEADLINE_CUE_RE = re.compile(
    r"\bapply\s+(?:by|before|until|no\s+later\s+than)\b|\bdeadline\b(?:\s+(?:to\s+apply|for\s+"
    r"applications?))?|\bapplications?\s+(?:are\s+|will\s+be\s+)?(?:due|close[sd]?|closing|"
    r"accepted\s+until)\b(?:\s+(?:on|by))?|\bclosing\s+date\b|\bsubmit\s+(?:your\s+)?"
    r"applications?\s+(?:by|before)\b|\bbewerbungsschluss\b|\bbewerbungsfrist\b"
)
_DEADLINE_TRIGGERS = ("apply", "deadline", "application", "closing", "bewerbung")
# A word every deadline cue contains (one per alternative above). Most windows, around an
# "application" in prose, have none: testing for them (~0.4 µs) spares the cue's search (~1 µs).
_DEADLINE_WORD_RE = re.compile(r"apply|deadline|due|clos|accepted|by|before|bewerbungs")
_START_CUE_RE = re.compile(
    r"\bstart(?:ing)?\s+date\b|\b(?:expected|anticipated|earliest|planned|projected)\s+start\b|"
    r"\bstart(?:s|ing)?\b(?:\s+(?:on|in|from|at))?|\bbegin(?:s|ning)?\b(?:\s+(?:on|in))?|"
    r"\bkick-?off\b|\bbeginn\b"
)
_START_TRIGGERS = ("start", "begin", "kick", "beginn")
TRIGGERS = (*_DEADLINE_TRIGGERS, *_START_TRIGGERS, *SEASONS)  # words find_* look for
# What may stand between a cue and its date ("Start date: Monday, June 1"), then the date: one
# match call instead of two. The gap is atomic, as it was when matched on its own: a date
# must begin where its first match ends.
_GAP_DATE_RE = re.compile(r"(?>[\s:–—-]*(?:is\s+|will\s+be\s+|on\s+|the\s+)?"
                          r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?)"
                          rf"(?:{_DATE_RE.pattern})")


@bounded_cache(RECURRING)  # a batch's dates are few (its postings' days), each read many times
def _valid(y: int, m: int, d: int) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


@bounded_cache(RECURRING)  # as _valid; spares the int() calls too
def _valid_digits(y: str, m: str, d: str) -> str | None:
    return _valid(int(y), int(m), int(d))


def parse_date(value: Any, *, base: str | None = None, prefer: str = "past") -> str | None:
    """An ISO date "YYYY-MM-DD" for `value`, or None. `base` (an ISO datetime, usually the fetch
    time) anchors relative and year-less text; `prefer` ("past" or "future") picks the side."""
    if isinstance(value, str):  # most values: no need to test for the other types first
        return _from_text(value, base, prefer) if value.strip() and len(value) <= 80 else None
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, datetime):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, date):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_timestamp(value)
    if not isinstance(value, str) or not value.strip() or len(value) > 80:
        return None
    return _from_text(value, base, prefer)


def _from_timestamp(value: float) -> str | None:
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if value > 1e11:  # milliseconds, as JavaScript writes them
        value /= 1000
    try:
        moment = datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _valid(moment.year, moment.month, moment.day)


def _from_text(text: str, base: str | None, prefer: str) -> str | None:
    # The numeric forms begin r"\s*\d" (str.isspace and str.isdecimal are what \s and \d match):
    # a phrase ("Apply by: May 5") need not try them.
    if text.lstrip()[:1].isdecimal():
        m = _ISO_DATE_RE.match(text) or _YMD_RE.match(text)
        if m:
            return _valid_digits(*m.groups())
        m = _DMY_RE.match(text)
        if m:
            return _numeric(int(m[1]), m[2], int(m[3]), int(m[4]))
    if _UNKNOWN_RE.match(text):
        return None
    low = " ".join(text.lower().split())
    month = _MONTH_ONLY_RE.match(low)
    if month:
        return _resolve(MONTHS[month["m"]], 1, None, _base_date(base), prefer)
    found = _phrase(low, base, prefer, anywhere=False)
    if found is _NOTHING:
        # "Sep 4, 2026 10:00 AM", "4 Sep 2026 14:50:13 +0300": the date keeps its own calendar
        # day (as for ISO datetimes), so the clock time can go. dateparser would read the same
        # day, at ~1-2 ms a value, and ~300 ms for an impossible one ("30 Feb 2100 09:00").
        clock = _CLOCK_TAIL_RE.search(low)
        if clock:
            found = _phrase(low[: clock.start()], base, prefer, anywhere=False)
    if found is not _NOTHING:
        return found  # type: ignore[return-value]
    if not _needs_dateparser(low):
        return None
    return _dateparser(text, base)


_CLOCK_TAIL_RE = re.compile(
    r"(?:,?\s+at)?,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[+-]\d{2}:?\d{2}|z|utc|gmt|[a-z]{2,4}t))?\s*$"
)


def _needs_dateparser(low: str) -> bool:
    """Only text with a digit and a letter that no phrase above read ("1. Oktober 2025")."""
    return any(c.isdigit() for c in low) and any(c.isalpha() for c in low) and len(low) <= 40


_NOTHING = object()


def _phrase(low: str, base: str | None, prefer: str, *, anywhere: bool) -> str | None | object:
    """The date of the first date phrase in `low` (all of it unless `anywhere`), None for one that
    names no valid date, _NOTHING when there is no phrase."""
    for m in _DATE_RE.finditer(low):
        if not anywhere and (low[: m.start()].strip(" ,.:-–(") and not _label_only(low[: m.start()])
                             or low[m.end():].strip(" .,)!")):
            continue
        return _date_of(m, _base_date(base), prefer)
    return _NOTHING


_LABEL_WORDS_RE = re.compile(
    r"^[\W\d]*(?:(?:posted|published|updated|listed|added|date|on|apply|by|before|until|deadline|"
    r"closes?|closing|applications?|close|start(?:s|ing)?|begins?|beginning|from|due|"
    r"bewerbungsschluss|veröffentlicht|ab|expires?|valid|through|thru|mon|tue|wed|thu|fri|sat|"
    r"sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\W*)+$"
)


def _label_only(prefix: str) -> bool:
    """Whether the words before a date are only a label ("Posted on", "Apply by:")."""
    return bool(_LABEL_WORDS_RE.match(prefix))


def find_date(text: Any, *, base: str | None = None, prefer: str = "past") -> str | None:
    """The first date phrase anywhere in a short text ("Bewerbungsschluss: 15.04.2026")."""
    if not isinstance(text, str) or not text.strip():
        return None
    found = _phrase(" ".join(text.lower().split()), base, prefer, anywhere=True)
    return None if found is _NOTHING else found  # type: ignore[return-value]


def find_deadline(low: str, *, base: str | None = None, hits: Hits | None = None) -> str | None:
    """The application deadline a (lower-cased) description states, or None. `hits`: where
    TRIGGERS occur in `low` (TriggerIndex.hits), when the caller has them."""
    return _after_cue(low, _DEADLINE_CUE_RE, _DEADLINE_TRIGGERS, base, hits, _DEADLINE_WORD_RE)


def find_start_date(low: str, *, base: str | None = None, hits: Hits | None = None) -> str | None:
    """The start date a (lower-cased) description states, or None: after a cue ("Start date:",
    "starting"), else a season of a year that has not passed ("Summer 2026: 10 weeks...", the
    usual way to name a program's term), as its first day. `hits` as for find_deadline."""
    found = _after_cue(low, _START_CUE_RE, _START_TRIGGERS, base, hits)
    if found is None and isinstance(low, str):
        # A match begins with a season word: try it where one occurs, in text order (a search
        # from the first would scan the rest of the text, ~30 µs over 3 KB). Most texts have none.
        where = hits if hits is not None else find_all(low, SEASONS)
        m = None
        if not where.keys().isdisjoint(SEASONS):
            for i in starts_of(where, SEASONS, 0, len(low)):
                m = _SEASON_YEAR_RE.match(low, i)
                if m:
                    break
        anchor = _base_date(base) if m else None
        if m and anchor is not None:
            found = _valid(int(m["y"]), SEASONS[m["s"]], 1)
            if found and found < (anchor - timedelta(days=92)).isoformat():
                found = None  # "since summer 2019": history, not a start
    return found


def _after_cue(low: str, cue: re.Pattern[str], triggers: tuple[str, ...], base: str | None,
               hits: Hits | None, cue_word: re.Pattern[str] | None = None) -> str | None:
    """The first date right after a cue. The cue regex runs only in small windows around its
    trigger words (from `hits`, else str.find), and the date must start where the cue's filler
    ends. `cue_word`: a regex for words of which every cue match contains one, tested first."""
    if not isinstance(low, str):
        return None
    spans = starts_of(hits if hits is not None else find_all(low, triggers), triggers, 0, len(low))
    for i in spans:
        start, end = max(0, i - 12), i + 40
        if cue_word is not None and cue_word.search(low, start, end) is None:
            continue
        m = cue.search(low, start, end)
        if m is None:
            continue
        d = _GAP_DATE_RE.match(low, m.end())
        if d and d.lastgroup != "ago":
            found = _date_of(d, _base_date(base), "future")
            if found:
                return found
    return None


def _date_of(m: re.Match[str], base: date | None, prefer: str) -> str | None:
    kind = m.lastgroup  # the kind's group encloses the others, so it is the last to close
    if kind == "iso":
        return _valid(int(m["iy"]), int(m["im"]), int(m["id"]))
    if kind == "num":
        first, second = int(m["n1"]), int(m["n2"])
        if m["ny"]:
            year = int(m["ny"]) + (2000 if len(m["ny"]) == 2 else 0)
            return _numeric(first, m["sep"], second, year)
        day, month = (first, second) if m["sep"] == "." or first > 12 else (second, first)
        return _resolve(month, day, None, base, prefer)
    if kind == "dm":
        return _resolve(MONTHS[m["m1"]], int(m["d1"]), m["y1"], base, prefer)
    if kind == "md":
        return _resolve(MONTHS[m["m2"]], int(m["d2"]), m["y2"], base, prefer)
    if kind == "season":
        return _valid(int(m["sy"]), SEASONS[m["s"]], 1)
    if kind == "my":
        return _valid(int(m["y3"]), MONTHS[m["m3"]], 1)
    if base is None:
        return None
    if kind == "ago":
        return _shift(base, -_count(m["an"]), m["au"].rstrip("s"))
    if kind == "ahead":
        return _shift(base, _count(m["fn"]), m["fu"].rstrip("s"))
    if kind == "word":
        word = m["word"]
        return _shift(base, -1 if word in ("yesterday", "gestern") else 1 if word == "tomorrow"
                      else 0)
    if kind == "monly":
        return _resolve(MONTHS[m["m4"]], 1, None, base, "future")
    if kind == "sonly":
        return _resolve(SEASONS[m["s2"]], 1, None, base, "future")
    return None


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def _shift(base: date, count: int, unit: str = "day") -> str | None:
    """`count` units after `base` (before it when negative); months and years by the calendar
    ("1 month ago" on March 10 is February 10), the day clamped to the month's last."""
    months = {"month": 1, "mo": 1, "year": 12, "yr": 12, "y": 12}.get(unit)
    try:
        if months:
            index = base.year * 12 + base.month - 1 + count * months
            year, month = divmod(index, 12)
            day = min(base.day, calendar.monthrange(year, month + 1)[1])
            return _valid(year, month + 1, day)
        moment = base + timedelta(days=_UNIT_DAYS.get(unit, 1) * count)
    except (OverflowError, ValueError):
        return None
    return _valid(moment.year, moment.month, moment.day)


def _resolve(month: int, day: int, year: str | None, base: date | None, prefer: str) -> str | None:
    """A day of a month; without a year the nearest one before (past) or from (future) base."""
    if year:
        return _valid(int(year), month, day)
    if base is None:
        return None
    for y in ((base.year, base.year - 1) if prefer == "past" else (base.year, base.year + 1)):
        found = _valid(y, month, day)
        if found is None:
            continue
        if (found <= base.isoformat()) if prefer == "past" else (found >= base.isoformat()):
            return found
    return None


def _numeric(first: int, sep: str, second: int, year: int) -> str | None:
    """ "31.05.2024" is day-first (the dot is European); with slashes a number over 12 decides,
    and an undecidable "05/06/2024" is read month-first, as US pages write it."""
    if sep == "." or first > 12:
        return _valid(year, second, first)
    return _valid(year, first, second)


def _dateparser(text: str, base: str | None) -> str | None:
    import dateparser  # slow to import and to run: only for what the fast paths cannot read

    settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
    anchor = _base_datetime(base)
    if anchor is not None:
        settings["RELATIVE_BASE"] = anchor
    try:
        moment = dateparser.parse(text, languages=_LANGUAGES, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input; none of them matter here
        return None
    return _valid(moment.year, moment.month, moment.day) if moment else None


@bounded_cache(FEW)  # the few fetch times of a batch, read for every date in it
def _base_datetime(base: str | None) -> datetime | None:
    if not base or not isinstance(base, str):
        return None
    try:
        return datetime.fromisoformat(base.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


@bounded_cache(FEW)  # as _base_datetime
def _base_date(base: str | None) -> date | None:
    moment = _base_datetime(base)
    return moment.date() if moment else None
