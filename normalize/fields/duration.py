"""Duration in weeks: the length of *this engagement*, read from the sentence that states it.

A posting names many lengths that are not the job's own: the hiring process ("2 weeks to
complete the take-home"), posting windows, benefits ("16 days PTO", "up to 3 months of temporary
housing"), schedules ("3 days a week"), notice and probation, the company's history ("launched
12 months ago"). So a length counts only when its sentence says it is the engagement's, by this
small grammar (all matching on lower-cased text):

  mention     a number and a unit: "2–4 weeks", "a 3-week", "1 month", "10 business days",
              "between 6 weeks and 6 months", "at least 10 weeks" (a minimum), "up to 15 weeks"
              (a maximum); or a span of dates: "June 30th – August 15th, 2025" (days between
              them), "May to August" (month names without days: whole months between them to
              the months inclusive, 13–17.3 weeks), "start date: June 3 ... end date: Aug 9".
  local skip  words right after or before a number that make it a rate, an age or a deadline:
              "a week", "per", "of experience", "ago", "notice", "within", "every", "after",
              "last", "next", "first", "sprints" (_SKIP_AFTER_RE, _SKIP_BEFORE_RE).
  bound       (strongest) the unit attached to an engagement noun ("12-week internship",
              "6 month contract", "4 month in-person contractor role"), or a label or verb
              of the engagement before it ("Duration: 12 weeks", "term length: 4 months",
              "internships run 90 days", "the program is 11 weeks");
  engagement  the mention's sentence names the engagement (internship, co-op, program,
              project, contract, assignment, term, role, "available", "commit"...) and no
              exclusion (process, benefits, history, graduation dates: _OTHER_RE);
  neutral     anything else: ignored. A text that states no length gives None; never a guess.

Of the mentions kept, a bound one wins over an engagement one, a number over a span of dates,
then the first in the text. Months count 52/12 = 4.33 weeks, calendar days 1/7 week and
business days 1/5 week; results are rounded to one decimal. `find_duration` also returns the
words it read ("'12-week internship' → 12 weeks", for micro_internship's reasons).

The text is searched from its unit words ("day", "week", "wk", "month") and month names, found
with str.find or the caller's TriggerIndex hits, back to the number before them: much faster on
a long description than a regex that starts with an optional number.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from itertools import repeat
from typing import Any

from normalize.fields.keywords import Hits, TriggerIndex, digit_starts
from normalize.fields.numbers import WORD_NUMBER_RE, WORD_NUMBERS, parse_number
from normalize.schema import Range

WEEKS_PER_MONTH = 52 / 12  # 4.33: "1 month" is 4.3 weeks, "3 months" 13, "6 months" 26
_UNITS = {"day": 1 / 7, "week": 1.0, "wk": 1.0, "month": WEEKS_PER_MONTH, "woche": 1.0,
          "monat": WEEKS_PER_MONTH, "dias": 1 / 7, "semana": 1.0, "meses": WEEKS_PER_MONTH}
_NUM = rf"\d{{1,3}}(?:[.,]\d)?|{WORD_NUMBER_RE}"
# What stands before a unit word, read up to the unit (the window ends there, hence \Z).
# The lookahead turns down, in one step, a place where neither "up to"/"max" nor a number can
# begin: search() tries each of the 40 places before a unit, and most are letters of other words.
_FIRST_LETTERS = "".join(sorted({"u", "m", *(w[0] for w in WORD_NUMBERS)}))
_BEFORE_UNIT_RE = re.compile(
    rf"(?=[\d{_FIRST_LETTERS}])"  # \d as in _NUM: any Unicode digit ("٣ weeks" is read)
    rf"(?P<upto>\bup\s+to\s+|\bmax(?:imum)?\s+(?:of\s+)?)?(?<![\w.,])(?P<n1>{_NUM})"
    rf"(?:\s*(?:-|–|—|to|or|and)\s*(?P<n2>{_NUM}))?(?P<plus>\s?\+)?[\s-]*"
    r"(?P<business>(?:business|working|work)[\s-]?)?\Z"
)
_NUMBER_NEAR_RE = re.compile(rf"[0-9]|\b(?:{WORD_NUMBER_RE})\b")
_UNIT_AT_RE = re.compile(r"(?:day|week|wk|month)s?\b|woche[n]?\b|monate?\b|dias\b|semanas?\b|"
                         r"meses\b")
# Right after the match: a schedule, a rate or a deadline, not a duration.
_SKIP_AFTER_RE = re.compile(
    r"\)?[\s-]*(?:a|per|/|each|every|of\s+(?:experience|notice|vacation|leave|pto|paid\s+time|"
    r"sick|holiday|onboarding|training)|"
    r"ago|notice|in\s+advance|before|prior|after|off|'|’|sprints|cycles|iterations|"
    r"old|minimum\s+pto|pto|vacation|of\s+the\s+year|in\s+(?:the\s+)?(?:office|person)|"
    r"on[- ]?site|in[- ]office|free|notice|probation\w*|"
    # a part of the engagement, not its length: "a 2-week training program", "1-week orientation"
    r"(?:paid\s+|intensive\s+|introductory\s+)?(?:training|orientation|onboarding|induction|"
    r"boot\s?camp|kick-?off))(?:\b|\s|$)"
    # "three months of transactions", "two weeks of posts": an amount of something, not the job's
    # length ("6 weeks of paid work" is one).
    r"|\s+of\s+(?!(?:paid\s+|part[- ]time\s+|full[- ]time\s+)?(?:work|project|internship|"
    r"employment|engagement|support|training|mentorship|placement)\b)"
)
_SKIP_BEFORE_RE = re.compile(
    r"(?:\b(?:within|every|last|past|after|each|next|first|just|since|than|in|no|"
    r"over\s+the\s+(?:next|last|past)|ago)|[$€£])\s*\Z")
_AT_LEAST_RE = re.compile(r"\b(?:at\s+least|minimum(?:\s+of)?|min\.?|a\s+minimum(?:\s+of)?)\s*\Z")
_BETWEEN_RE = re.compile(r"\bbetween\s*\Z")
_AND_UNIT_RE = re.compile(rf"\s+and\s+(?P<n>{_NUM})[\s-]*(?P<unit>day|week|month)s?\b")
# The engagement nouns a length may be attached to ("12-week internship", "6 month contract",
# "10-week paid Summer 2024 Internship": up to three words between).
_NOUNS = (r"(?:internships?|interns?|co-?ops?|programs?|programmes?|projects?|contracts?|"
          r"contractor|assignments?|engagements?|placements?|gigs?|commitment|"
          r"positions?|roles?|session|term|fellowships?|apprenticeships?|job|opportunity|"
          r"micro-?internship|appointment|stint|sprint|contrato|proje[ck]to?|est[aá]gio|praktikum)")
# Words that may stand between: adjectives and the like, not a preposition or an article that
# starts another phrase ("2 weeks to complete the take-home assignment").
_FILLER = (r"(?:(?!(?:to|of|for|in|at|with|on|and|or|the|your|our|their|from|per|a|an|by|"
           r"after|before|during|until|we|you|they|is|are|will)\b)[\w/'’,-]+\s+)")
# What a title says the posting is, most telling first ("Summer Internship Program": intern).
_KINDS = ("intern", "co-op", "coop", "fellow", "apprentic", "contract", "project", "assignment",
          "gig", "program", "placement")
_ATTACHED_RE = re.compile(rf"[\s-]+(?:long\s+)?{_FILLER}{{0,3}}?(?P<noun>{_NOUNS})\b")
# A label or verb of the engagement right before the number ("Duration: 12 weeks", "the program
# is 11 weeks", "internships run 90 days", "will run for 8 weeks").
_LABEL_BEFORE_RE = re.compile(
    r"(?:\b(?:duration|length|term|timeline|time\s*frame|period|dura[cç][aã]o|duraci[oó]n|dauer|"
    r"laufzeit)(?:\s+of\s+(?:the\s+)?\w+)?"
    r"(?:\s*\([^)]{0,20}\))?\s*(?::|-|–|is|will\s+be)"
    rf"|\b{_NOUNS}\s+(?:\w+\s+){{0,2}}?(?:lasts?|runs?|is|are|will\s+(?:last|run|be)|spans?)"
    r"(?:\s+for)?|\b(?:work|project|job|tasks?|assignment|engagement|internship|gig)\s+"
    r"(?:takes?|will\s+take|should\s+take)|\b(?:lasting|spanning|for\s+a\s+period\s+of))"
    r"\s*(?:approximately|about|around|roughly|typically|~|only)?\s*\Z"
)
# A sentence's role is read from its words (a set lookup per word: a regex that starts with an
# alternation of words is tried at every character, ~25 µs over a 400-character sentence).
# Words that make a mention the engagement's ...
_ENGAGEMENT_WORDS = frozenset("""
    intern interns internship internships co-op co-ops coop coops program programs programme
    programmes project projects contract contracts contractor assignment assignments engagement
    engagements placement placements gig gigs duration length fellowship apprenticeship temporary
    seasonal position positions role roles session available availability commit commitment
    dedicate timing term contrato contrat projeto proyecto projekt estágio estagio prácticas
    practicas praktikum vertrag duração duracao duración duracion dauer laufzeit
""".split())
# ... the same in phrases, and a schedule or pay in the same sentence: "4–6 weeks at up to 10
# hours per week", "3 months, 10 hours/week", "20 hours of work in total over two weeks", "work 3
# days a week for 6 weeks", "4-6 weeks, $500 per week". Each is tried only where its literal
# word occurs (a regex that starts with an alternation is tried at every character).
_WORK_FOR_RE = re.compile(r"work(?:ing)?\s+for\b|(?:able|ability)\s+to\s+work\b")
_DATE_LABEL_RE = re.compile(r"\b(?:start|end)\s+date\b")
_PER_WEEK_BEFORE_RE = re.compile(r"\b(?:hours?|hrs?|h|days?|evenings?|times)\s*(?:/|per|a|an|each)\s*\Z")
_TOTAL_BEFORE_RE = re.compile(r"\bhours?\s+(?:of\s+(?:paid\s+)?work\s+)?(?:in\s+)?\Z")
_PAY_RATE_RE = re.compile(r"[$€£]\s?\d[\d,.]*k?\s*(?:/|per|an?)\s*(?:hour|hr|h|week|wk|month|day)\b")


def _engagement_phrase(sentence: str) -> bool:
    if "work" in sentence and _WORK_FOR_RE.search(sentence):
        return True
    if "date" in sentence and _DATE_LABEL_RE.search(sentence):
        return True
    for unit in ("week", "wk"):
        i = sentence.find(unit)
        while i >= 0:
            if _PER_WEEK_BEFORE_RE.search(sentence, max(0, i - 16), i):
                return True
            i = sentence.find(unit, i + 2)
    i = sentence.find("total")
    if i >= 0 and _TOTAL_BEFORE_RE.search(sentence, max(0, i - 30), i):
        return True
    return ("$" in sentence or "€" in sentence or "£" in sentence) and bool(
        _PAY_RATE_RE.search(sentence))


# ... and words that make it about something else: the hiring process, posting windows,
# benefits and leave, the company's history and plans.
_OTHER_WORDS = frozenset("""
    pto vacation holiday holidays sick leave parental bereavement onboarding interview interviews
    interviewing interviewer take-home applicant applicants deadline deadlines posted posting
    notice probation probationary trial founded launched launch launching history housing
    relocation benefit benefits eligible eligibility accrue accrues accrued accrual respond
    response reply replies revenue raised funding review reviewed recruit recruiting recruitment
    recruiter closed closing went grew grown shipped built scaled doubled tripled expanding
""".split())
# ... the same in phrases, and graduation dates ("graduate December 2024 – May 2025").
_OTHER_PHRASES_RE = re.compile(
    r"\b(?:paid\s+time|time\s+off|hiring\s+process|offer\s+letter|background\s+check|"
    r"apply\s+(?:by|before|now|online|here|today|through|via|at)|applications?\s+(?:deadline|"
    r"process|window|period|review|dates?|are|will|must|close|closes|due|accepted|open|opens|"
    r"received)|(?:expected|anticipated)\s+graduation|graduation\s+date|"
    r"graduat\w*\s+(?:between|by|before|after|within|no\s+earlier|prior|(?:\w+\s+){0,2}?(?:jan|feb|"
    r"mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|fall|winter|20\d\d)))"
)
_OTHER_HINTS = ("time", "hiring", "offer", "background", "appl", "graduat")
# Punctuation that separates words (a hyphen does not: "co-op", "take-home", "long-term").
_WORD_BREAKS = str.maketrans({c: " " for c in ",.;:!?()[]{}\"'“”‘’/|•*&+=<>"})


_ISO_DURATION_RE = re.compile(
    r"^\s*P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<m>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T.*)?\s*$",
    re.I,
)
MAX_WEEKS = 156.0
MIN_SPAN_WEEKS = 0.5  # a span of dates shorter than this is an event, not an engagement

# Spans of dates, tried at each month name.
_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
           "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_SPAN_RE = re.compile(
    rf"(?P<m1>{_MONTH})(?:\s+(?P<d1>{_DAY})\b)?(?:,?\s+(?P<y1>20\d\d))?"
    r"(?:\s*(?:--?|–|—|to|through|thru|until|till)\s*"
    r"|\s+and\s+(?:conclude|end|finish)\w*\s+(?:\w+\s+){0,3}?(?:on\s+)?"
    r"|[^.]{0,12}?\bend\s+date\s*:?\s*)"
    rf"(?P<mod2>mid[- ]|early[- ]|late[- ]|(?:the\s+)?end\s+of\s+)?(?:(?P<dd2>{_DAY})\s+)?"
    rf"(?P<m2>{_MONTH})(?:\s+(?P<d2>{_DAY})\b)?(?:,?\s+(?P<y2>20\d\d))?(?![a-z])"
)
_BEFORE_MONTH_RE = re.compile(
    rf"(?:(?P<mod>mid[- ]|early[- ]|late[- ]|(?:the\s+)?end\s+of\s+)|(?P<dd>{_DAY})\s+)\Z")
_CLAUSE_END_RE = re.compile(r"[,;:(]|\s[-–—]\s")
_PARENS_RE = re.compile(r"\([^)]*\)")
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MOD_DAYS = {"mid": 15, "ear": 1, "lat": 25, "end": 30, "the": 30}
# The unit words and month names in one pass (no unit overlaps itself, so its hits are what
# str.find would give).
_UNIT_TRIGGERS = tuple(_UNITS)
# Month names are not among them: three letters ("mar", "may", "dec") hit in most texts, and
# spans of dates are read only when no number is kept (str.find then).
TRIGGERS = _UNIT_TRIGGERS
_UNIT_INDEX = TriggerIndex((), *_UNIT_TRIGGERS)


class Found:
    """A range read from a text (weeks here, hours per week for hours.find_hours) and the words
    of the text it was read from (`evidence`, cut from the text only when asked for: most
    listings never show it)."""

    __slots__ = ("_at", "_evidence", "weeks")

    def __init__(self, weeks: Range, evidence: str | None = None,
                 at: tuple[str, str, int, int] | None = None) -> None:
        self.weeks, self._evidence, self._at = weeks, evidence, at

    @property
    def evidence(self) -> str:
        if self._evidence is None:
            self._evidence = evidence(*self._at) if self._at else ""
        return self._evidence

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Found) and self.weeks == other.weeks
                and self.evidence == other.evidence)

    def __repr__(self) -> str:
        return f"Found(weeks={self.weeks!r}, evidence={self.evidence!r})"


def parse_duration_weeks(text: Any, *, low: str | None = None,
                         hits: Hits | None = None) -> Range | None:
    """The length a field about the engagement states ("2–4 weeks", "P3W", a jobDuration or a
    "duration" selector's text), in weeks; None if it states none. Its every mention is the
    engagement's unless a local skip rules it out; prose is read by find_duration. `low`: the
    text already lower-cased, and `hits`: where TRIGGERS occur in it (TriggerIndex.hits)."""
    found = find_duration(text, low=low, hits=hits, field=True)
    return found.weeks if found is not None else None


def find_duration(text: Any, *, low: str | None = None, hits: Hits | None = None,
                  field: bool = False) -> Found | None:
    """The engagement's length that prose (a title and description) states, in weeks, with the
    words it was read from; None if it states none (see the module docstring). `field`: the
    whole text is about the engagement (parse_duration_weeks)."""
    if not isinstance(text, str) or not text:
        return None
    iso = _iso_weeks(text)
    if iso is not None:
        return Found(iso, text.strip())
    low = text.lower() if low is None else low
    title = low[: low.find("\n")] if "\n" in low else ""
    kind = next((k for k in _KINDS if k in title), None)
    top = 4 if kind is not None else 3  # the highest rank a mention can have in this text
    best: tuple[int, int, Range, int, int] | None = None  # (rank, start, weeks, span)
    for rank, start, end, weeks in _mentions(low, hits, field, kind):
        if best is None or rank > best[0]:
            best = (rank, start, weeks, start, end)
            if rank >= top:
                break  # nothing later can rank higher, and this is the first such
    if best is None:
        return None
    _, _, weeks, start, end = best
    return Found(weeks, at=(text, low, start, end))


def _mentions(low: str, hits: Hits | None, field: bool, kind: str | None):
    """(rank, start, end, weeks) of every mention kept, in text order: rank 4 a number bound to
    the noun the title names, 3 a bound number,
    2 a number in an engagement sentence (any number in a field), 1 a span of dates in one."""
    digits = digit_starts(hits, len(low)) if hits is not None else None
    found = False
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
        before = low[max(0, m.start() - 30) : m.start()]
        if _SKIP_AFTER_RE.match(low, end) or _SKIP_BEFORE_RE.search(before):
            continue
        weeks = _range(m, unit, at_least=bool(_AT_LEAST_RE.search(before)))
        if weeks is None or (weeks.max is not None and weeks.max < 1 and unit == "day"
                             and not m["business"] and _in_a_week(low, start, end)):
            continue  # "two days working from home": days of a week's schedule
        if _BETWEEN_RE.search(before):  # "between 6 weeks and 6 months"
            other = _AND_UNIT_RE.match(low, end)
            if other is not None:
                hi = _number(other["n"])
                if hi is not None and weeks.min is not None:
                    hi_weeks = round(hi * _UNITS[other["unit"]], 1)
                    if weeks.min < hi_weeks <= MAX_WEEKS:
                        weeks = Range(min=weeks.min, max=hi_weeks)
                        end = other.end()
        rank = _rank(low, m.start(), end, before, kind) or (2 if field else 0)
        if rank == 2 and not field and weeks.max is not None and weeks.max < 1:
            continue  # a few days, unbound: office days ("ONSITE (5 days)"), not a length
        if rank:
            found = True
            yield rank, m.start(), end, weeks
    if found:
        return  # a number outranks any span of dates: spans are read only when none is kept
    for start, end, weeks in _spans(low):
        if field or _role(low, start, end):
            yield 1, start, end, weeks


def _rank(low: str, start: int, end: int, before: str, kind: str | None) -> int:
    """4 or 3 if the number is bound to the engagement, 2 if its sentence is the engagement's,
    0 if neither (see the module docstring)."""
    attached = _ATTACHED_RE.match(low, end, min(len(low), end + 60))
    if attached is not None:
        # Bound to the noun the title names ("10-week Summer Internship" in an internship's
        # posting, not the "18-month rotational program" it may lead to): first choice.
        return 4 if kind is not None and attached["noun"].startswith(kind) else 3
    if _LABEL_BEFORE_RE.search(before):
        return 3
    return 2 if _role(low, start, end) or _alone(low, start, end) else 0


def _in_a_week(low: str, start: int, end: int) -> bool:
    """Whether the sentence around a few days speaks of a week (a schedule, not a length)."""
    s0, s1 = sentence_bounds(low, start, end)
    return low.find("week", s0, s1) >= 0


def _alone(low: str, start: int, end: int) -> bool:
    """Whether the length is a line of its own ("3 months", "- up to 6 weeks"): a field's value
    in a page's sidebar or summary, the engagement's by its place."""
    line_start = low.rfind("\n", 0, start) + 1
    line_end = low.find("\n", end)
    line_end = len(low) if line_end < 0 else line_end
    after = _PARENS_RE.sub("", low[end:line_end])  # "12 weeks (summer)"
    return not low[line_start:start].strip(" -•*:") and not after.strip(" .;,")


def _role(low: str, start: int, end: int) -> bool:
    """Whether the sentence around [start, end) is about the engagement and nothing else."""
    s0, s1 = sentence_bounds(low, start, end)
    sentence = low[s0:s1]
    words = set(sentence.translate(_WORD_BREAKS).split())
    if words.isdisjoint(_ENGAGEMENT_WORDS) and not _engagement_phrase(sentence):
        return False
    if not words.isdisjoint(_OTHER_WORDS):
        return False
    return not (any(h in sentence for h in _OTHER_HINTS) and _OTHER_PHRASES_RE.search(sentence))


def sentence_bounds(low: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence (or line, or list item) holding [start, end), at most 250
    characters each side."""
    # Each search stays inside the 250 characters: a find that runs to the text's far end for a
    # mark it lacks (";" in most postings) costs more than the rest of the sentence's reading.
    left = start - 251 if start > 251 else 0
    right = end + 250
    lo = max(low.rfind("\n", left, start), low.rfind(". ", left, start),
             low.rfind("; ", left, start), left - 1)
    hi = right
    for mark in ("\n", ". ", "; "):
        i = low.find(mark, end, hi)
        if i >= 0:
            hi = i
    return lo + 1, min(hi, len(low))


def evidence(text: str, low: str, start: int, end: int) -> str:
    """The words around a mention, within its sentence, as the reasons quote them."""
    s0, s1 = sentence_bounds(low, start, end)
    a = max(s0, start - 25)
    b = min(s1, end + 30)
    if a > s0:
        a = low.find(" ", a, start) + 1 or a
    clause = _CLAUSE_END_RE.search(low, end, b)  # "a 3-week project, about 8 hours": the first
    if clause is not None:
        b = clause.start()
    elif b < s1:
        cut = low.rfind(" ", end, b)
        b = cut if cut > end else b
    return " ".join(text[a:b].split()).strip(" ,.;:-–(")


def _unit_words(low: str, hits: Hits | None) -> list[tuple[int, str]]:
    """(start, unit) of every unit word ("week" also in "weeks", "weekly"), in text order."""
    if hits is None:
        hits = _UNIT_INDEX.hits(low)
    found: list[tuple[int, str]] = []
    n = len(low)
    for unit in _UNIT_TRIGGERS:
        starts = hits.get(unit)
        if starts:
            # zip/repeat pairs them at C speed. Starts are in text order, so when the last one
            # fits, all do; else (hits of a longer text that begins with `low`) drop the rest.
            if starts[-1] + len(unit) > n:
                starts = [i for i in starts if i + len(unit) <= n]
            found += zip(starts, repeat(unit))
    found.sort()  # no unit word contains another: starts differ, units are never compared
    return found


def _month_starts(low: str) -> list[int]:
    starts = []
    for m in _MONTHS:
        i = low.find(m)
        while i != -1:
            starts.append(i)
            i = low.find(m, i + 3)
    starts.sort()
    return starts


def _spans(low: str):
    """(start, end, weeks) of every span of dates ("May 20 to August 9", "June - August")."""
    end = 0
    for i in _month_starts(low):
        if i < end or (i and low[i - 1].isalpha()):
            continue
        m = _SPAN_RE.match(low, i)
        if m is None:
            continue
        end = m.end()
        pre = _BEFORE_MONTH_RE.search(low, max(0, i - 16), i)
        d1 = _day(m["d1"]) or (_day(pre["dd"]) if pre and pre["dd"] else None)
        if d1 is None and pre and pre["mod"]:
            d1 = _MOD_DAYS[pre["mod"][:3]]
        d2 = _day(m["d2"]) or _day(m["dd2"])
        if d2 is None and m["mod2"]:
            d2 = _MOD_DAYS[m["mod2"][:3]]
        weeks = _span_weeks(_MONTHS[m["m1"][:3]], d1, m["y1"], _MONTHS[m["m2"][:3]], d2, m["y2"])
        if weeks is not None:
            yield (pre.start() if pre else i), end, weeks


def _day(text: str | None) -> int | None:
    return int(text.rstrip("stndrh")) if text else None


def _span_weeks(m1: int, d1: int | None, y1: str | None, m2: int, d2: int | None,
                y2: str | None) -> Range | None:
    years = (int(y2) - int(y1)) if y1 and y2 else None
    if d1 is None and d2 is None:  # months only: whole months between, to months inclusive
        months = years * 12 + m2 - m1 if years is not None else (m2 - m1) % 12
        if months < 1:
            return None
        lo, hi = months * WEEKS_PER_MONTH, (months + 1) * WEEKS_PER_MONTH
    else:
        year = int(y1 or y2 or 2001)
        try:
            first = date(year, m1, d1 or 1)
            last = date(year + (years or 0), m2, min(d2 or 30, _MONTH_DAYS[m2 - 1]))
        except ValueError:
            return None
        if last < first and years is None:
            last = last.replace(year=last.year + 1)
        lo = hi = (last - first).days / 7
    lo, hi = round(lo, 1), round(hi, 1)
    if lo < MIN_SPAN_WEEKS or hi > MAX_WEEKS:
        return None
    return Range(min=lo, max=hi)


def _range(m: re.Match[str], unit: str, *, at_least: bool = False) -> Range | None:
    upto, n1, n2, plus, business = m.groups()  # one call, not five lookups by name
    factor = 1 / 5 if unit == "day" and business else _UNITS[unit]
    lo = _number(n1)
    hi = _number(n2) if n2 else lo
    if lo is None or hi is None or lo <= 0 or hi < lo:
        return None
    lo, hi = round(lo * factor, 1), round(hi * factor, 1)
    if hi > MAX_WEEKS:
        return None
    if (at_least or plus) and not n2:
        return Range(min=lo, max=None)
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
