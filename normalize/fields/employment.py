"""Employment types: "Full-time", "INTERNSHIP", ["intern", "Part time"] to schema.org values
(normalize.schema.EMPLOYMENT_TYPES: INTERN, TEMPORARY, CONTRACTOR, PART_TIME, ...)."""

from __future__ import annotations

import re
from typing import Any

from normalize.cache import RECURRING, bounded_cache
from normalize.schema import EMPLOYMENT_TYPES

# Variants seen on career sites, after upper-casing and turning spaces and dashes into "_".
_VARIANTS = {
    "FULLTIME": "FULL_TIME", "FULL": "FULL_TIME", "FT": "FULL_TIME", "PERMANENT_FULL_TIME":
    "FULL_TIME", "VOLLZEIT": "FULL_TIME", "TEMPS_PLEIN": "FULL_TIME",
    "PARTTIME": "PART_TIME", "PART": "PART_TIME", "PT": "PART_TIME", "TEILZEIT": "PART_TIME",
    "TEMPS_PARTIEL": "PART_TIME",
    "INTERNSHIP": "INTERN", "INTERNSHIPS": "INTERN", "INTERNS": "INTERN", "CO_OP": "INTERN",
    "COOP": "INTERN", "PRAKTIKUM": "INTERN", "STAGE": "INTERN", "WORKING_STUDENT": "INTERN",
    "WERKSTUDENT": "INTERN", "MICRO_INTERNSHIP": "INTERN", "TRAINEE": "INTERN",
    "TRAINEESHIP": "INTERN", "PLACEMENT": "INTERN",
    "CONTRACT": "CONTRACTOR", "CONTRACTORS": "CONTRACTOR", "FREELANCE": "CONTRACTOR",
    "FREELANCER": "CONTRACTOR", "CONSULTANT": "CONTRACTOR", "CONTRACT_TO_HIRE": "CONTRACTOR",
    "TEMP": "TEMPORARY", "SEASONAL": "TEMPORARY", "FIXED_TERM": "TEMPORARY", "BEFRISTET":
    "TEMPORARY", "SHORT_TERM": "TEMPORARY",
    "VOLUNTEERING": "VOLUNTEER", "UNPAID": "VOLUNTEER", "EHRENAMT": "VOLUNTEER",
    "PERDIEM": "PER_DIEM", "DAILY": "PER_DIEM",
    "KOKOAIKATYÖ": "FULL_TIME", "OSA_AIKATYÖ": "PART_TIME", "HARJOITTELU": "INTERN",
    "KESÄTYÖ": "TEMPORARY", "MÄÄRÄAIKAINEN": "TEMPORARY",
}
# Between values: commas, slashes, "and" / "or", brackets ("Internship (Summer)"), a spaced
# dash ("Intern - Part Time", as Lever commitments read) and a middle dot.
_SPLIT_RE = re.compile(r"\s*(?:[,;/|&+()\[\]·•]|\s[-–—]\s|\band\b|\bor\b)\s*", re.I)
_SEP_RE = re.compile(r"[\s\-]+")
MAX_CACHED_TEXT = 100  # longer values are rare: read each time, never held in memory

# Words in a title or short text that state an employment type.
_TEXT_PATTERNS = (
    (re.compile(r"\b(?:micro[- ]?)?intern(?:ship)?s?\b|\bco-?op\b|\bpraktik(?:um|ant)", re.I),
     "INTERN"),
    (re.compile(r"\bpart[- ]?time\b|\bteilzeit\b", re.I), "PART_TIME"),
    (re.compile(r"\bfull[- ]?time\b|\bvollzeit\b", re.I), "FULL_TIME"),
    (re.compile(r"\b(?:freelance|contract(?:or)?|contract[- ]to[- ]hire)\b", re.I), "CONTRACTOR"),
    (re.compile(r"\b(?:temporary|temp|seasonal|fixed[- ]term)\b", re.I), "TEMPORARY"),
    (re.compile(r"\bvolunteer(?:ing)?\b", re.I), "VOLUNTEER"),
)


def _one(token: str) -> str | None:
    key = _SEP_RE.sub("_", token.strip().upper()).strip("_")
    if key in EMPLOYMENT_TYPES:
        return key
    return _VARIANTS.get(key) or _VARIANTS.get(key.replace("_", ""))


def parse_employment_types(value: Any) -> list[str]:
    """schema.org employmentType (a string, a comma list or a list) to known values, in order.
    Values it does not know are left out."""
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        # A few values ("Full-time", "Intern") make up nearly all: each is read once.
        kinds = _cached_types(item) if len(item) <= MAX_CACHED_TEXT else _types(item)
        for k in kinds:
            if k not in found:
                found.append(k)
    return found


def _types(item: str) -> tuple[str, ...]:
    found: list[str] = []
    for token in _SPLIT_RE.split(item):
        if not token:
            continue
        kind = _one(token)
        # "Paid internship", "Summer intern": words rather than a code.
        for k in [kind] if kind else employment_types_from_text(token):
            if k not in found:
                found.append(k)
    return tuple(found)


_cached_types = bounded_cache(RECURRING)(_types)


def employment_types_from_text(text: Any) -> list[str]:
    """Employment types a title (or other short text) states in words: "Marketing Intern
    (part-time)" gives ["INTERN", "PART_TIME"]."""
    if not isinstance(text, str):
        return []
    return [kind for pattern, kind in _TEXT_PATTERNS if pattern.search(text)]
