"""Per-field accuracy of normalize_raw on the labelled corpus (tests/corpus) must stay at or above
the target (97%) for every field; the corpus must keep its size and cover all nine kinds.

benchmarks/normalize_eval.py prints the same numbers with the wrong cases.
"""

from __future__ import annotations

import pytest

from normalize import NormalizeError, kinds, normalize_raw
from tests.corpus import FIELDS, TARGET, cases, evaluate, misses, observed

CASES = cases()


@pytest.fixture(scope="module")
def results():
    out = []
    for case in CASES:
        try:
            out.append((case, observed(normalize_raw(case.raw))))
        except NormalizeError:
            out.append((case, None))
    return out


def test_corpus_size_and_kinds():
    assert len(CASES) >= 300
    assert {c.kind for c in CASES} == set(kinds())
    assert len({c.id for c in CASES}) == len(CASES)
    for kind in kinds():
        assert sum(c.kind == kind for c in CASES) >= 20, kind


def test_every_case_normalizes(results):
    rejected = [case.id for case, got in results if got is None]
    assert not rejected


@pytest.mark.parametrize("field", FIELDS)
def test_field_accuracy_floor(results, field):
    right, total = evaluate(results)[field]
    assert total >= 20, f"{field}: only {total} labelled cases"
    wrong = [f"{case.id}: want {w!r} got {g!r}" for case, got in results
             for name, w, g in misses(case, got) if name == field]
    assert right / total >= TARGET, (
        f"{field}: {right}/{total} = {right / total:.1%} < {TARGET:.0%}\n" + "\n".join(wrong[:15]))
