"""normalize_many (what `stint normalize` runs, a batch at a time) gives exactly what
normalize_raw gives one posting at a time (a batch of one): the same Listing bytes, the same error
in place of a posting that cannot be read, whatever the batch's descriptions were prefetched as;
the cyclic garbage collector waits while a batch runs."""

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


def test_a_batch_pauses_the_garbage_collector_and_restores_it(monkeypatch):
    import gc

    import normalize

    assert gc.isenabled()
    seen = []
    plain = normalize._listing_or_error

    def watching(raw):
        seen.append(gc.isenabled())
        return plain(raw)

    raws = [case.raw for case in cases()[:5]]
    want = [_alone(raw) for raw in raws]
    monkeypatch.setattr("normalize._listing_or_error", watching)
    assert _batched(normalize_many(raws)) == want
    assert seen == [False] * 5 and gc.isenabled()

    def boom(raw):
        raise KeyboardInterrupt

    monkeypatch.setattr("normalize._listing_or_error", boom)
    with pytest.raises(KeyboardInterrupt):
        normalize_many(raws)
    assert gc.isenabled()


def test_paused_blocks_nest_and_a_disabled_collector_stays_disabled():
    import gc

    from normalize.collector import gc_paused

    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block left it to the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_bounded_cache_keeps_its_size():
    from normalize.cache import FEW, bounded_cache

    calls = []

    @bounded_cache(FEW)
    def double(x):
        calls.append(x)
        return 2 * x

    for x in range(FEW + 1):
        double(x)
    assert double(FEW) == 2 * FEW and len(calls) == FEW + 1  # the newest is kept
    double(0)
    assert len(calls) == FEW + 2  # the oldest was let go
    with pytest.raises(ValueError):
        bounded_cache(None)
