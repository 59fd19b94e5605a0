"""Eligibility: who may apply, from the wording of the title and description.

Values (in this order): "students", "recent_graduates", "any_school" (not limited to one
school's students), "any_major", and the work-permit statements "work_authorization_required"
("must be authorized to work in the US", "the right to work in the UK"),
"no_visa_sponsorship" ("we are unable to sponsor visas") and "visa_sponsorship" ("visa
sponsorship available"; never together with no_visa_sponsorship). Patterns want a phrase about
applicants, not a bare word: an edtech company that "helps students learn", or a tutor who
"teaches high school students", is not thereby hiring students.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from normalize.fields.keywords import Hits, Keywords, TriggerIndex

# "<qualifier> student(s)" and "student(s) <role>": checked with str.endswith / startswith at each
# "student" (text from to_text has single spaces), which is ~20x faster than a regex with one
# alternative per qualifier. Sentence starts are "\n" or ". ": "This role is open to students"
# counts, "every project we open to students ships" does not.
_STUDENT_BEFORE = tuple(
    f"{q} " for q in (
        "current", "currently", "currently enrolled", "enrolled", "undergraduate", "undergrad",
        "graduate", "grad", "college", "university", "phd", "master's", "masters", "mba",
        "high school", "full-time", "part-time", "working", "is open to", "are open to",
        "only open to", "is available to", "are available to", "\nopen to", ". open to",
        "open to all", "must be a", "must be", "must be a current", "must be an enrolled",
        "final-year", "final year", "any", "all",
        "must be currently enrolled", "must be a currently enrolled", "welcome", "welcomes",
        "we welcome", "welcoming",
    )
)
_STUDENT_AFTER = (" who", " currently", " enrolled", " pursuing", " studying", " intern",
                  " position", " role", " worker", " assistant", " job", " welcome",
                  " are welcome", " only", " and recent graduates", " and recent grads")
_STUDENT_PHRASES = Keywords(
    r"\bcurrently\s+enrolled\b|\bpursuing\s+(?:a|an|your)\s+(?:bachelor|master|degree|ba|bs|ma|"
    r"ms|phd|undergraduate|graduate)|\bwerkstudent|\bstudierende",
    ("currently enrolled", "pursuing", "werkstudent", "studierende"),
)


# Students as the people the work serves, not the applicants: "tutor high school students".
_SERVES_RE = re.compile(r"\b(?:tutor\w*|teach\w*|help\w*|mentor\w*|serv\w*|coach\w*|"
                        r"support\w*|reach\w*|engag\w*|million|thousands?|hundreds)\b[\w\s'-]{0,30}\Z")


def _says_students(low: str, hits: Hits) -> bool:
    if _STUDENT_PHRASES.search(low, hits):
        return True
    for i in hits.get("student", ()):
        if i == 0 or not low[i - 1].isalpha():
            after = i + 7 + low.startswith("s", i + 7)
            before = "\n" + low[max(0, i - 40) : i]
            if ((before.endswith(_STUDENT_BEFORE) or low.startswith(_STUDENT_AFTER, after))
                    and not _SERVES_RE.search(before)):
                return True
    return False


# Values: (low, hits) -> a truthy value if the text says so.
ELIGIBILITY: dict[str, Callable[[str, Hits], object]] = {
    "students": _says_students,
    "recent_graduates": Keywords(
        r"\brecent(?:ly)?\s+(?:college\s+|university\s+)?grad(?:uate)?[sd]?\b|\bnew\s+grads?\b|"
        r"\bgraduated\s+(?:within|in\s+the\s+(?:last|past))\b|\bclass\s+of\s+20\d\d\b|"
        r"\bearly[- ]career\b|\bentry[- ]level\s+graduates?\b|\bgraduates?\s+(?:welcome|program)|"
        # "alumni" alone may be an event's guests; as applicants it comes with these words.
        r"\b(?:students?|graduates?)\s+(?:and|or|&)\s+(?:recent\s+)?alumni\b|\brecent\s+alumni\b|"
        r"\balumni\s+(?:are\s+)?(?:welcome|eligible|encouraged|may\s+apply)|"
        r"\bopen\s+to\s+(?:\w+\s+){0,3}alumni\b",
        ("grad", "class of", "early", "alumni"),
        requires=("grad", "class", "career", "alumni"),  # "early" alone is common prose
    ).search,
    "any_school": Keywords(
        r"\b(?:any|all)\s+(?:accredited\s+)?(?:schools?|universit(?:y|ies)|colleges?|"
        r"institutions?|campus(?:es)?)\b|\bregardless\s+of\s+(?:your\s+)?(?:school|university|"
        r"college)|\bopen\s+to\s+(?:all\s+)?students\s+(?:from|at)\s+(?:any|all)\b",
        ("any ", " all ", "regardless"),
        # "any " is in "company ", " all " in most postings: look only if a match can exist.
        requires=("school", "universit", "college", "institution", "campus", "students"),
    ).search,
    "any_major": Keywords(
        r"\b(?:any|all)\s+(?:academic\s+)?(?:majors?|disciplines?|fields?\s+of\s+study|"
        r"degree\s+programs?)\b|\bregardless\s+of\s+(?:your\s+)?major\b|\bno\s+specific\s+major\b",
        ("major", "disciplin", "field", "degree"),
        requires=("major", "disciplin", "study", "program"),  # "field" alone is common prose
    ).search,
    "work_authorization_required": Keywords(
        r"\b(?:must|should|need\s+to|are\s+required\s+to)\s+(?:be|have)\s+(?:legally\s+)?"
        r"(?:authori[sz]ed|eligible|permitted)\s+to\s+work\b|\bright\s+to\s+work\s+in\b|"
        r"\bwork\s+authori[sz]ation\s+(?:is\s+)?required\b|\blegally\s+authori[sz]ed\s+to\s+work\b|"
        r"\bvalid\s+work\s+(?:permit|authori[sz]ation|visa)\b",
        ("authori", "right to work", "eligible to work", "permitted to work", "work permit",
         "work visa"),
    ).search,
    "no_visa_sponsorship": Keywords(
        r"\b(?:unable|not\s+able|cannot|can\s*not|can't|won't|will\s+not|do\s+not|does\s+not|"
        r"don't|doesn't|is\s+not|are\s+not)\s+(?:to\s+)?(?:offer(?:ing)?\s+|provide\s+|able\s+to\s+)?"
        r"(?:visa\s+|immigration\s+)?sponsor(?:ship|ing)?\b|\bno\s+(?:visa\s+|immigration\s+)?"
        r"sponsorship\b|\bsponsorship\s+(?:is\s+)?not\s+(?:available|offered|provided|possible)\b|"
        r"\bwithout\s+(?:the\s+need\s+for\s+)?(?:current\s+or\s+future\s+)?(?:visa\s+)?sponsorship\b",
        ("sponsor",),
    ).search,
    "visa_sponsorship": Keywords(
        r"\b(?:visa\s+|immigration\s+)?sponsorship\s+(?:is\s+)?(?:available|offered|provided|"
        r"possible)\b|\bwe\s+(?:can|will|do)\s+sponsor\b|\bwill\s+sponsor\s+(?:visas?|work)|"
        r"\boffers?\s+(?:visa\s+)?sponsorship\b",
        ("sponsor",),
    ).search,
}


# All triggers of the patterns above, and "student" for _says_students.
TRIGGERS = (
    *(w for k in (_STUDENT_PHRASES, *(says.__self__ for says in ELIGIBILITY.values()
                                      if hasattr(says, "__self__"))) for w in k.words),
    "student",
)
_TRIGGERS = TriggerIndex((), *TRIGGERS)

# Each value with its gate: the words of which the hits must hold one (a Keywords' triggers;
# for students, its phrases' triggers and "student") and, when not empty, a second set of which
# they must also hold one (a Keywords' requires). A value whose gate is shut is false: the same
# tests its own code begins with. Made here, in the comprehension, they spare the call of most
# values on most texts (~0.4 µs a listing hot, ~0.5 in the pipeline).
_CHECKS = tuple(
    (name, says, frozenset({*_STUDENT_PHRASES.triggers, "student"}), frozenset())
    if says is _says_students else (name, says, says.__self__._trigger_set, says.__self__._requires_set)
    for name, says in ELIGIBILITY.items()
)


def eligibility(*texts: Any, low: str | None = None, hits: Hits | None = None) -> list[str]:
    """The eligibility values the texts state, in ELIGIBILITY order. `low`: the texts already
    lower-cased and joined by whitespace, and `hits`: where TRIGGERS occur in it
    (TriggerIndex.hits), when the caller has them (saves lower-casing and scanning ~3 KB
    again)."""
    if low is None:
        low = " \n".join(t for t in texts if isinstance(t, str)).lower()
    if not low:
        return []
    if hits is None:
        hits = _TRIGGERS.hits(low)  # every pattern's triggers, found in one pass
    present = hits.keys()
    found = [name for name, says, triggers, requires in _CHECKS
             if not present.isdisjoint(triggers)
             and not (requires and present.isdisjoint(requires)) and says(low, hits)]
    if "any_school" in found and "students" not in found:
        found.insert(0, "students")  # "students from any university" is about students
    if "no_visa_sponsorship" in found and "visa_sponsorship" in found:
        found.remove("visa_sponsorship")  # "no sponsorship is available"
    return found
