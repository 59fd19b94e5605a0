"""Micro-internship score: is this a short, paid, project-based job a student can do in a few weeks?

The score adds the weights of the signals below, clamped to 0..1; `is_micro` when it reaches
THRESHOLD. Every signal that counted is named in `reasons`, so a surprising score can be read.

| signal                                                          | weight        |
| --------------------------------------------------------------- | ------------- |
| says "micro-internship"                                         | +0.50         |
| duration at most 8 weeks / at most 12 weeks / over 26 weeks     | +0.30 / +0.10 / -0.30 |
| whole job at most 80 hours                                      | +0.20         |
| at most 20 hours a week / at least 35                           | +0.20 / -0.20 |
| paid per project (PROJECT pay period)                           | +0.15         |
| project wording ("project-based", "short-term project", "gig") | +0.15         |
| INTERN, TEMPORARY or CONTRACTOR                                 | +0.10         |
| FULL_TIME with no duration                                      | -0.20         |

So a job known to be short and part-time is a micro-internship on those two facts alone. Pay is
not a signal: whether it is paid is its own filter (Pay.paid), not part of the job's shape.
"""

from __future__ import annotations

from typing import Any

from normalize.fields.keywords import Keywords
from normalize.schema import MicroInternship, Pay, Range

THRESHOLD = 0.5

_MICRO = Keywords(r"\bmicro[- ]?internships?\b|\bmicro[- ]?projects?\b", ("micro",))
_PROJECT_WORDS = Keywords(
    r"\bproject[- ]based\b|\bshort[- ]term\s+(?:project|assignment|engagement|gig|contract)|"
    r"\bgigs?\b|\bone[- ]off\b|\bfreelance\s+project\b|\bsmall\s+project\b",
    ("project-based", "project based", "short-term", "short term", "gig", "one-off", "one off",
     "freelance project", "small project"),
)
_SHORT_TYPES = {"INTERN", "TEMPORARY", "CONTRACTOR"}


def _fmt(value: float) -> str:
    return f"{value:g}"


def micro_internship(
    *,
    title: Any = "",
    text: Any = "",
    duration: Range | None = None,
    hours: Range | None = None,
    total_hours: Range | None = None,
    pay: Pay | None = None,
    employment_types: list[str] | None = None,
) -> MicroInternship:
    """Score a posting from its parsed fields and its words (see the module's table)."""
    signals: list[tuple[float, str]] = []
    low = " \n".join(t for t in (title, text) if isinstance(t, str)).lower()
    if _MICRO.search(low):
        signals.append((0.5, "says micro-internship"))
    weeks = duration.max if duration and duration.max is not None else None
    if weeks is not None:
        if weeks <= 8:
            signals.append((0.3, f"short: {_fmt(weeks)} weeks"))
        elif weeks <= 12:
            signals.append((0.1, f"fairly short: {_fmt(weeks)} weeks"))
        elif weeks > 26:
            signals.append((-0.3, f"long: {_fmt(weeks)} weeks"))
    total = total_hours.max if total_hours and total_hours.max is not None else None
    if total is not None and total <= 80:
        signals.append((0.2, f"small: {_fmt(total)} hours in total"))
    signals.extend(_hours_signals(hours))
    if pay is not None and pay.period == "PROJECT":
        signals.append((0.15, "paid per project"))
    if _PROJECT_WORDS.search(low):
        signals.append((0.15, "project-based wording"))
    types = set(employment_types or ())
    if types & _SHORT_TYPES:
        signals.append((0.1, "type " + "/".join(sorted(types & _SHORT_TYPES))))
    if "FULL_TIME" in types and weeks is None:
        signals.append((-0.2, "full-time with no duration"))
    score = round(min(1.0, max(0.0, sum(weight for weight, _ in signals))), 2)
    return MicroInternship(
        is_micro=score >= THRESHOLD, score=score, reasons=[reason for _, reason in signals]
    )


def _hours_signals(hours: Range | None) -> list[tuple[float, str]]:
    if hours is None:
        return []
    if hours.max is not None and hours.max <= 20:
        return [(0.2, f"part-time: up to {_fmt(hours.max)} h/week")]
    if hours.min is not None and hours.min >= 35:
        return [(-0.2, f"full-time hours: {_fmt(hours.min)} h/week")]
    return []
