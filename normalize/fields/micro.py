"""Micro-internship: a short (at most 8 weeks) or project-based, part-time, paid job for
students or recent graduates (docs/normalization.md has the reasoning).

`is_micro` is the definition applied to the parsed fields, as gates:
  audience   for students or recent graduates: the posting says so (eligibility "students" or
             "recent_graduates", an INTERN type, or the words internship, intern, co-op,
             undergraduate, "class of 2026"), or its source declares `audience = "students"`
             in the sources file (a career center's board, whose postings need not repeat it);
  shape      says "micro-internship", or its own stated length (duration.find_duration, which
             reads only the engagement's length) is at most MAX_WEEKS, or it is project-based
             (PROJECT pay, project wording such as "project-based work" or "short-term project",
             or at most MAX_TOTAL_HOURS hours in all);
  not long   a stated duration over MAX_WEEKS (or a minimum over it) fails it;
  part-time  stated weekly hours over MAX_WEEKLY_HOURS fail it; with no weekly hours, a
             FULL_TIME type or text that states full-time work ("a full-time, 10-week
             internship", "must be available to work full time") fails it;
  paid       an unpaid job (Pay.paid is False) fails it; unknown pay does not.

`score` (0..1) ranks how clearly a posting fits, the sum of the signals below, clamped; every
signal that counted is a readable reason ("paid fixed fee", "open to students"). A duration or
weekly hours read from the text quote the sentence-level evidence they came from ("'a 3-week
project' → 3 weeks", "'Time commitment: 5–8 hours weekly' → 5–8 h/week"); a posting with the
shape that fails a gate ends with the gate ("not a micro-internship: not for students").

| signal                                                            | weight          |
| ----------------------------------------------------------------- | --------------- |
| says "micro-internship" / "micro-project"                         | +0.40           |
| duration at most 8 weeks / over 26 weeks                          | +0.30 / -0.30   |
| project-based: PROJECT pay, project wording, <= 80 hours in all   | +0.25           |
| at most 20 hours a week / at least 35                             | +0.20 / -0.30   |
| paid (an amount, or said to be paid) / unpaid                     | +0.15 / -0.50   |
| for students or recent graduates (the audience gate, as above)    | +0.15           |
| FULL_TIME with no duration                                        | -0.20           |
"""

from __future__ import annotations

from typing import Any

from normalize.fields.duration import Found
from normalize.fields.keywords import Hits, Keywords
from normalize.schema import MicroInternship, Pay, Range

MAX_WEEKS = 8.0
MAX_WEEKLY_HOURS = 25.0
MAX_TOTAL_HOURS = 80.0

_MICRO = Keywords(r"\bmicro[- ]?internships?\b|\bmicro[- ]?projects?\b", ("micro",))
_PROJECT_WORDS = Keywords(
    # "project-based" about the engagement, not "project-based tasks" or "learning".
    r"\bproject[- ]based\b(?!\s+(?:tasks?|learning|curriculum|assignments?|approach|teams?))|"
    r"\bshort[- ]term\s+(?:project|assignment|engagement|gig|contract)|"
    r"\bgigs?\b|\bone[- ]off\b|\bfreelance\s+project\b|\bsmall\s+project\b",
    ("project-based", "project based", "short-term", "short term", "gig", "one-off", "one off",
     "freelance project", "small project"),
)
# Words that make a posting one for students, beside the eligibility values and INTERN.
_STUDENT_WORDS = Keywords(
    r"\bintern(?:s|ship|ships)?\b|\bco-?ops?\b|\bundergrad(?:uate)?s?\b|\bclass\s+of\s+20\d\d\b|"
    r"\bwerkstudent|\bpraktik|\best[aá]gio",
    ("intern", "co-op", "coop", "undergrad", "class of", "werkstudent", "praktik", "estágio",
     "estagio"),
)
# Text that says the work is full-time (not "full-time students", not "join us full-time upon
# graduation", not "authorized to work ... on a full-time basis").
_FULL_TIME_WORDS = Keywords(
    r"\bfull[- ]?time[,\s]+(?:\d+(?:[-–]\d+)?[- ]week\s+|paid\s+|summer\s+|temporary\s+)*"
    r"(?:internships?|intern\b|co-?ops?|positions?|roles?|job|schedule|commitment|program|"
    r"contract|work\s+experience|engagement)\b|"
    r"\b(?:work|working|available|availability)\s+(?:to\s+work\s+)?(?:a\s+)?full[- ]?time\b"
    r"(?!\s+(?:basis|upon|after|position\s+upon))|"
    r"\binternships?\s+(?:is|are)\s+full[- ]?time\b|\bthis\s+is\s+a\s+full[- ]?time\b",
    ("full-time", "full time", "fulltime"),
)
TRIGGERS = (*_MICRO.words, *_PROJECT_WORDS.words, *_STUDENT_WORDS.words,
            *_FULL_TIME_WORDS.words)  # what `hits` must hold
_AUDIENCE = {"students", "recent_graduates"}
AUDIENCES = ("students", "any")  # what a source may declare


def _fmt(value: float) -> str:
    return f"{value:g}"


def _span(r: Range, unit: str) -> str:
    if r.min is not None and r.max is not None and r.min != r.max:
        return f"{_fmt(r.min)}–{_fmt(r.max)} {unit}"
    if r.min is None and r.max is not None:
        return f"up to {_fmt(r.max)} {unit}"
    value = r.max if r.max is not None else r.min
    return f"{_fmt(value)} {unit}" if value is not None else unit


def micro_internship(
    *,
    title: Any = "",
    text: Any = "",
    duration: Range | None = None,
    hours: Range | None = None,
    total_hours: Range | None = None,
    pay: Pay | None = None,
    employment_types: list[str] | None = None,
    eligibility: list[str] | None = None,
    audience: str | None = None,
    duration_read: Found | None = None,
    hours_read: Found | None = None,
    low: str | None = None,
    hits: Hits | None = None,
) -> MicroInternship:
    """Decide and score a posting from its parsed fields and words (see the module docstring).
    `audience`: what the source declares ("students", "any" or None); `duration_read`,
    `hours_read`: what find_duration and find_hours read from the text (their evidence, the words
    the duration and hours came from, is quoted in the reasons, and cut only then).
    `low`: title and text already lower-cased, and `hits`: where TRIGGERS occur in it
    (TriggerIndex.hits), when the caller has them."""
    if low is None:
        low = " \n".join(t for t in (title, text) if isinstance(t, str)).lower()
    # Each signal as a weight and its reason, in two lists: the score sums the one, the result
    # keeps the other, with no tuples to build and take apart.
    weights: list[float] = []
    reasons: list[str] = []
    types = set(employment_types or ())
    says_micro = bool(_MICRO.search(low, hits))
    if says_micro:
        weights.append(0.4)
        reasons.append("says micro-internship")
    weeks = (duration.max if duration.max is not None else duration.min) if duration else None
    if weeks is not None and duration is not None:
        if weeks <= MAX_WEEKS and duration.max is not None:
            weights.append(0.3)
            reasons.append(_quoted(duration_read, _span(duration, "weeks")))
        elif weeks > 26:
            weights.append(-0.3)
            reasons.append(f"long: {_fmt(weeks)} weeks")
    project = _project(pay, total_hours, low, hits)
    if project:
        weights.append(0.25)
        reasons.append(project)
    weekly = hours.max if hours and hours.max is not None else None
    if hours is not None and weekly is not None and weekly <= 20:
        weights.append(0.2)
        reasons.append(_quoted(hours_read, _span(hours, "h/week")))
    elif hours is not None and (hours.min or weekly or 0) >= 35:
        weights.append(-0.3)
        reasons.append(f"full-time hours: {_fmt(hours.min or weekly or 0)} h/week")
    paid = pay.paid if pay is not None else None
    if paid is True:
        weights.append(0.15)
        reasons.append(_paid_reason(pay))
    elif paid is False:
        weights.append(-0.5)
        reasons.append("unpaid")
    stated = _AUDIENCE & set(eligibility or ())
    for_students = is_for_students(low, eligibility=eligibility, employment_types=types,
                                   audience=audience, hits=hits)
    if for_students:
        weights.append(0.15)
        if stated:
            reasons.append("open to " + " and ".join(sorted(a.replace("_", " ") for a in stated)))
        else:
            reasons.append("open to interns" if "INTERN" in types or audience != "students"
                           else "source is for students")
    if "FULL_TIME" in types and weeks is None:
        weights.append(-0.2)
        reasons.append("full-time with no duration")
    total = sum(weights)  # the same floats in the same order as before: the same sum
    # Clamped to 0..1 as min(1.0, max(0.0, total)) would, without two builtin calls.
    total = total if total > 0.0 else 0.0
    score = round(total if total < 1.0 else 1.0, 2)
    shape = says_micro or (weeks is not None and weeks <= MAX_WEEKS) or bool(project)
    long = weeks is not None and weeks > MAX_WEEKS
    full_time = (weekly is not None and weekly > MAX_WEEKLY_HOURS) or (
        hours is not None and weekly is None and (hours.min or 0) > MAX_WEEKLY_HOURS) or (
        hours is None and ("FULL_TIME" in types or bool(_FULL_TIME_WORDS.search(low, hits))))
    is_micro = (for_students and shape and not long and not full_time and paid is not False)
    if shape and not is_micro:
        reasons.append(_why_not(for_students, long, full_time, paid))
    return MicroInternship(is_micro=is_micro, score=score, reasons=reasons)


def is_for_students(low: str, *, eligibility: Any = (), employment_types: Any = (),
                    audience: str | None = None, hits: Hits | None = None) -> bool:
    """The audience gate: the posting (title and text, lower-cased) is for students or recent
    graduates, or its source declares `audience = "students"`."""
    return (bool(_AUDIENCE.intersection(eligibility or ())) or "INTERN" in (employment_types or ())
            or audience == "students" or bool(_STUDENT_WORDS.search(low, hits)))


def _quoted(read: Found | None, value: str) -> str:
    """A reason with the words it was read from: "'a 3-week project' → 3 weeks"."""
    evidence = read.evidence if read is not None else None
    return f"'{evidence}' → {value}" if evidence else value


def _why_not(for_students: bool, long: bool, full_time: bool, paid: bool | None) -> str:
    """The gate a short or project-shaped posting failed, as its last reason."""
    failed = [why for why, bad in (("not for students", not for_students), ("too long", long),
                                   ("full-time", full_time), ("unpaid", paid is False)) if bad]
    return "not a micro-internship: " + ", ".join(failed)


def _project(pay: Pay | None, total: Range | None, low: str, hits: Hits | None) -> str | None:
    if pay is not None and pay.period == "PROJECT":
        return "paid per project"
    if total is not None and total.max is not None and total.max <= MAX_TOTAL_HOURS:
        return f"{_fmt(total.max)} hours in total"
    if _PROJECT_WORDS.search(low, hits):
        return "project-based"
    return None


def _paid_reason(pay: Pay | None) -> str:
    if pay is None or pay.period is None:
        return "paid"
    return {"PROJECT": "paid fixed fee", "HOUR": "paid hourly"}.get(pay.period, "paid")
