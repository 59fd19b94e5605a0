"""finish() runs every text parser on the hits of one Aho-Corasick pass (normalize/draft.py's
_SCAN over the lower-cased title, description and extra prose). Each parser also works alone,
finding what it needs with str.find and regex scans: both ways must read the same values.

Hypothesis builds texts from the words the parsers look for (units, numbers, cue words, pay and
eligibility phrases), punctuation, whitespace and non-ASCII, splits them into a title, a
description and extra prose as a posting has them, and compares each parser with the hits
finish() would give it against the same parser without them.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize.draft import _SCAN, _TEXT_WORDS
from normalize.fields.dates import find_deadline, find_start_date
from normalize.fields.duration import find_duration, parse_duration_weeks
from normalize.fields.eligibility import eligibility
from normalize.fields.hours import find_hours, parse_hours_per_week, parse_total_hours
from normalize.fields.keywords import hits_within
from normalize.fields.micro import micro_internship
from normalize.fields.pay import parse_pay_text

PIECES = [
    "2", "3", "10", "15", "20", "2,000", "1.5", "4-6", "10–15", "one", "two", "twelve", "a", "an",
    "week", "weeks", "wk", "day", "days", "business days", "month", "months", "woche", "monate",
    "hours", "hrs", "h", "per week", "/week", "a week", "per hour", "/hr", "hourly", "in total",
    "hours of work", "project", "up to", "at least", "part-time", "full time", "hours per week:",
    "$", "€", "USD", "£", "k", "stipend", "fixed fee", "unpaid", "volunteer", "competitive pay",
    "paid internship", "apply by", "deadline:", "applications close", "start date:", "starting",
    "begins", "kick-off", "summer 2026", "fall", "march 3", "june 1, 2026", "2026-04-15", "today",
    "students", "student", "currently enrolled", "recent graduates", "new grad", "any university",
    "all majors", "authorized to work", "no sponsorship", "visa sponsorship available",
    "remote", "fully remote", "work from home", "hybrid", "on-site role", "in person",
    "micro-internship", "project-based", "short-term project", "gig", " all ", "any ", "early",
    "field", "İ", "é", "—", "\u00a0", ".", ",", ":", "(", ")", "-", "/", "\n", " ", "  ",
    "internship", "co-op", "may", "august 9", "to", "through", "mid-", "end date:", "duration:",
    "dias", "monday through friday", "9am", "5pm", "range from 8 to 20", "(16 hours)",
]
texts = st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join)
BASE = "2026-03-10T09:00:00+00:00"


def _finish_inputs(title: str, body: str, extra: str):
    """What finish() computes before calling the parsers."""
    low_title, low_text = title.lower(), body.lower()
    low = f"{low_title}\n{low_text}"
    low_eligible = f"{low} \n{extra.lower()}"
    hits = _SCAN.hits(low_eligible)
    text_hits = hits_within(hits, _TEXT_WORDS, len(low_title) + 1, len(low))
    return f"{title}\n{body}", low, low_text, low_eligible, hits, text_hits


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts, extra=texts)
@example(title="Intern", body="8-10 hours per week for 6-8 weeks. €22 an hour.", extra="")
@example(title="any", body="all students from any university", extra="all majors")
@example(title="Gig", body="a project for 3 week", extra="")  # a unit that ends the text
@example(title="Intern", body="The internship runs May 20 to August 9, 2026.", extra="")
@example(title="Co-op", body="Term: September 2025 -- April 2026. Full-time.", extra="")
def test_parsers_read_the_same_with_finish_hits(title, body, extra):
    text, low, low_text, low_eligible, hits, text_hits = _finish_inputs(title, body, extra)
    assert parse_pay_text(text, low=low, hits=hits) == parse_pay_text(text)
    assert parse_duration_weeks(text, low=low, hits=hits) == parse_duration_weeks(text)
    assert find_duration(text, low=low, hits=hits) == find_duration(text)
    assert find_hours(text, low=low, hits=hits) == find_hours(text)
    assert parse_hours_per_week(text, low=low, hits=hits) == parse_hours_per_week(text)
    assert parse_total_hours(text, low=low, hits=hits) == parse_total_hours(text)
    assert (find_deadline(low_text, base=BASE, hits=text_hits)
            == find_deadline(low_text, base=BASE))
    assert (find_start_date(low_text, base=BASE, hits=text_hits)
            == find_start_date(low_text, base=BASE))
    assert eligibility(low=low_eligible, hits=hits) == eligibility(low=low_eligible)
    assert (micro_internship(low=low, hits=hits).model_dump()
            == micro_internship(low=low).model_dump())
