"""Dates: datePosted / validThrough / jobStartDate (or date text) to an ISO date "YYYY-MM-DD".

Most pages give ISO 8601, read with `date.fromisoformat` on the date part (microseconds). A few
fixed formats ("19 April 2024", "April 19, 2024", "31.05.2024", "05/31/2024") come next; only
the rest ("3 days ago", "1. Oktober 2025") goes to dateparser, which is slow and imported lazily.
A datetime keeps its own calendar date: "2026-10-02T16:00:00+03:00" is 2026-10-02.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

_ISO_DATE_RE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
_YMD_RE = re.compile(r"\s*(\d{4})[/.](\d{1,2})[/.](\d{1,2})\s*$")
_DMY_RE = re.compile(r"\s*(\d{1,2})([./])(\d{1,2})\2(\d{4})\s*$")
_WORD_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y",
                 "%d %B, %Y", "%b. %d, %Y")
_ORDINAL_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.I)
_UNKNOWN_RE = re.compile(
    r"^\W*(?:asap|immediate(?:ly)?|tbd|tba|n/?a|none|ongoing|open|rolling|flexible|"
    r"as soon as possible|until filled|sofort|ab sofort)\W*$",
    re.I,
)
_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "fi", "sv", "da", "nb", "pl"]
MIN_YEAR, MAX_YEAR = 1990, 2100


def _valid(y: int, m: int, d: int) -> str | None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(value: Any, *, base: str | None = None) -> str | None:
    """An ISO date "YYYY-MM-DD" for `value`, or None. `base` (an ISO datetime, usually the fetch
    time) anchors relative text such as "3 days ago"."""
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
    return _from_text(value, base)


def _from_timestamp(value: float) -> str | None:
    if value > 1e11:  # milliseconds, as JavaScript writes them
        value /= 1000
    try:
        moment = datetime.fromtimestamp(value, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _valid(moment.year, moment.month, moment.day)


def _from_text(text: str, base: str | None) -> str | None:
    m = _ISO_DATE_RE.match(text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = _YMD_RE.match(text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY_RE.match(text)
    if m:
        return _numeric(int(m[1]), m[2], int(m[3]), int(m[4]))
    if _UNKNOWN_RE.match(text):
        return None
    words = " ".join(_ORDINAL_RE.sub("", text).split())
    for fmt in _WORD_FORMATS:
        try:
            return _valid(*datetime.strptime(words, fmt).timetuple()[:3])
        except ValueError:
            continue
    return _dateparser(text, base)


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


def _base_datetime(base: str | None) -> datetime | None:
    if not base:
        return None
    try:
        return datetime.fromisoformat(base.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None
