"""eligibility() skips a value whose words are absent from the hits: the same result as calling
every value, as it did before. draft.says_hybrid tries HYBRID_RE only where "hybrid" starts
(unless there is a dotless "ı"): the same as its search of the whole text, as before.

The reference calls each ELIGIBILITY value on every text. Texts are made of every value's
triggers and required words (alone, in phrases that match, and cut short), so that each value is
seen with its triggers but none of its required words, with both, and with neither; `hits` as
finish() builds them (every word finish() scans for) and as eligibility() builds them itself.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from normalize import draft
from normalize.draft import _SCAN, _TEXT_WORDS
from normalize.fields import eligibility as el
from normalize.fields.keywords import hits_within
from normalize.fields.places import HYBRID_RE


def _ref_eligibility(low: str, hits: el.Hits) -> list[str]:
    found = [name for name, says in el.ELIGIBILITY.items() if says(low, hits)]
    if "any_school" in found and "students" not in found:
        found.insert(0, "students")
    if "no_visa_sponsorship" in found and "visa_sponsorship" in found:
        found.remove("visa_sponsorship")
    return found


WORDS = sorted({*el.TRIGGERS, "students", "alumni", "current students", "open to all students",
                "any university", "all majors", "recent graduates", "new grads", "class of 2025",
                "early career", "early bird", "regardless of your school", "any field of study",
                "must be authorized to work", "right to work in", "we will sponsor",
                "unable to sponsor", "no sponsorship", "tutor high school students", "company "})
FRAGMENT = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS).map(lambda w: w[:-1]),
                     st.sampled_from([" ", "\n", ". ", ", ", "x", "É", "-"]))
TEXT = st.lists(FRAGMENT, max_size=8).map("".join)  # short: a value often meets one word only


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT, extra=TEXT)
@example(text="early in the day", extra="")  # recent_graduates: a trigger, none of its requires
@example(text="any school", extra="")
@example(text="any college", extra="")  # each required word on its own
@example(text="", extra="open to all institutions")
@example(text="any campus", extra="all universities")
@example(text="", extra="")
def test_gated_eligibility_same_as_every_value(text, extra):
    low = f"{text.lower()} \n{extra.lower()}"
    for hits in (_SCAN.hits(low), el._TRIGGERS.hits(low)):
        assert el.eligibility(low=low, hits=hits) == _ref_eligibility(low, hits)
    assert el.eligibility(text, extra) == _ref_eligibility(low, el._TRIGGERS.hits(low))


def test_gates_are_the_values_own_words():
    """Each gate is exactly the words its value tests first (a new value gets its gate too)."""
    assert [name for name, *_ in el._CHECKS] == list(el.ELIGIBILITY)
    for name, says, triggers, requires in el._CHECKS:
        assert says is el.ELIGIBILITY[name]
        if name == "students":
            assert triggers == {*el._STUDENT_PHRASES.triggers, "student"}
            assert not requires and not el._STUDENT_PHRASES.requires
        else:
            assert (triggers, requires) == (set(says.__self__.triggers), set(says.__self__.requires))


# --- draft.says_hybrid ---------------------------------------------------------------------


def _ref_says_hybrid(low_title: str, low_text: str, text_hits) -> bool:
    """The hybrid test of draft's arrangement before: HYBRID_RE searched the whole description."""
    return bool(("hybrid" in low_title and HYBRID_RE.search(low_title)) or (
        "hybrid" in text_hits and HYBRID_RE.search(low_text)))


HYBRID_FRAGMENT = st.sampled_from([
    "hybrid", "HYBRID", "Hybrid", "hybrıd", "HYBRİD", "hybrid cloud", "hybrid ſystems",
    "hybrid\napps", "hybrids", "xhybrid", "hybrid-", "_hybrid", "hybri", "remote", "on-site role",
    "work from home", " ", "\n", ".", "x", "É", "ı",
])
HYBRID_TEXT = st.lists(HYBRID_FRAGMENT, max_size=10).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(title=HYBRID_TEXT, text=HYBRID_TEXT, extra=HYBRID_TEXT)
@example(title="", text="hybrid cloud, a hybrıd role", extra="")  # matches at the "ı" only
@example(title="", text="hybrıd", extra="hybrid")  # "hybrid" in the extra prose only
@example(title="", text="hybrid systems or hybrid", extra="")  # the second "hybrid"
def test_arrangement_same_as_searching_the_text(title, text, extra):
    # As finish() makes the hits: one scan of title, description and extra prose.
    low_title, low_text = title.lower(), text.lower()
    low = f"{low_title}\n{low_text}"
    hits = _SCAN.hits(f"{low} \n{extra.lower()}")
    text_hits = hits_within(hits, _TEXT_WORDS, len(low_title) + 1, len(low))
    assert (draft.says_hybrid(low_title, low_text, text_hits)
            == _ref_says_hybrid(low_title, low_text, text_hits))
