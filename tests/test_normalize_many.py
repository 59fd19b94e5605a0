"""normalize_many (what `stint normalize` runs, a batch at a time) gives exactly what
normalize_raw gives one posting at a time: the same Listing bytes, the same error in place of a
posting that cannot be read, whatever the batch's descriptions were prefetched as."""

from __future__ import annotations

import pytest

from normalize import NormalizeError, UnknownKindError, normalize_many, normalize_raw
from normalize.fields import taxonomy, text
from normalize.formats import SOURCES
from normalize.schema import listing_json
from tests.corpus import cases

BAD = [
    "not an object",
    {"source": "s", "kind": "jsonld", "url": "u"},  # no fetched_at, no payload
    {"source": "s", "kind": "nope", "url": "u", "fetched_at": "2026-03-10T09:00:00Z",
     "payload": {}},
    {"source": "s", "kind": "greenhouse", "url": "u", "fetched_at": "2026-03-10T09:00:00Z",
     "payload": ["not", "a", "job"]},
    {"source": "s", "kind": "jsonld", "url": "u", "fetched_at": "2026-03-10T09:00:00Z",
     "payload": {"description": "<p>no title</p>"}},
]


def _alone(raw):
    try:
        return listing_json(normalize_raw(raw))
    except (NormalizeError, UnknownKindError) as exc:
        return exc


def _batched(results):
    return [r if isinstance(r, Exception) else listing_json(r) for r in results]


def _same(got, want):
    if isinstance(want, Exception):
        return type(got) is type(want) and str(got) == str(want)
    return got == want


def test_a_batch_of_every_kind_with_bad_lines_mixed_in_is_what_each_gives_alone():
    raws = [case.raw for case in cases()]
    for i, bad in enumerate(BAD):
        raws.insert(i * 37, bad)
    want = [_alone(raw) for raw in raws]
    got = _batched(normalize_many(raws))
    assert len(got) == len(want)
    assert all(_same(g, w) for g, w in zip(got, want, strict=True))
    assert sum(isinstance(w, Exception) for w in want) == len(BAD)


def test_wrong_or_failing_description_sources_only_cost_the_speed_up(monkeypatch):
    raws = [case.raw for case in cases()[:60]]
    want = [_alone(raw) for raw in raws]

    def wrong(raw):
        return "<p>something else</p>"

    def failing(raw):
        raise RuntimeError("a bug in a source function")

    for kind in list(SOURCES):
        monkeypatch.setitem(SOURCES, kind, wrong if hash(kind) % 2 else failing)
    assert _batched(normalize_many(raws)) == want


def test_the_batch_memos_are_empty_after_the_batch_even_when_it_fails(monkeypatch):
    normalize_many([case.raw for case in cases()[:20]])
    assert not text._SANITIZED and not text._TEXTS and not taxonomy._BATCH

    def boom(raw):
        raise KeyboardInterrupt

    monkeypatch.setattr("normalize._listing_or_error", boom)
    with pytest.raises(KeyboardInterrupt):
        normalize_many([case.raw for case in cases()[:20]])
    assert not text._SANITIZED and not text._TEXTS and not taxonomy._BATCH


def test_a_batch_collects_garbage_less_often_and_restores_the_threshold(monkeypatch):
    import gc

    import normalize

    before = gc.get_threshold()
    seen = []
    plain = normalize._listing_or_error

    def watching(raw):
        seen.append(gc.get_threshold())
        return plain(raw)

    monkeypatch.setattr("normalize._listing_or_error", watching)
    raws = [case.raw for case in cases()[:5]]
    assert _batched(normalize_many(raws)) == [_alone(raw) for raw in raws]
    assert seen and all(t[0] == max(before[0], normalize.BATCH_GC_THRESHOLD) for t in seen)
    assert gc.get_threshold() == before

    def boom(raw):
        raise KeyboardInterrupt

    monkeypatch.setattr("normalize._listing_or_error", boom)
    with pytest.raises(KeyboardInterrupt):
        normalize_many(raws)
    assert gc.get_threshold() == before
