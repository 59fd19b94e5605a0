"""Sync and reindex against a real Meilisearch: the store is the truth, the index follows."""

from __future__ import annotations

import httpx
import pytest

from index.documents import epoch, to_document
from index.errors import MeiliError
from index.meili import MeiliIndex, reindex, sync
from tests.helpers import make_listing, raw_for


def test_to_document_adds_flat_filter_fields():
    doc = to_document(make_listing(1, posted_at="2026-11-01", deadline="2026-12-01T12:00:00Z"))
    assert doc["countries"] == ["US"] and doc["cities"] == ["Boston"]
    assert doc["paid"] is True and doc["pay_hourly_min"] == 20
    assert doc["organization_name"] == "Birch Analytics Group"
    assert doc["posted_at_ts"] == epoch("2026-11-01") == 1793491200
    assert doc["deadline_ts"] == 1796126400


@pytest.mark.parametrize("value", [None, "", "soon", "2026-13-45"])
def test_epoch_of_bad_dates_is_none(value):
    assert epoch(value) is None


@pytest.fixture
def index(settings):
    return MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid)


def test_sync_sends_pending_and_only_pending(store, index):
    items = [make_listing(i) for i in range(5)]
    store.upsert([(x, raw_for(x)) for x in items])
    report = sync(store, index)
    assert (report.upserted, report.deleted) == (5, 0)
    assert index.count() == 5 and store.pending_ids() == []
    assert sync(store, index).upserted == 0  # nothing pending, nothing sent


def test_reindex_rebuilds_from_store(store, index):
    items = [make_listing(i) for i in range(4)]
    store.upsert([(x, raw_for(x)) for x in items])
    sync(store, index)
    index.upsert([make_listing(99)])  # a stray document the store does not know
    assert index.count() == 5
    report = reindex(store, index)
    assert report.upserted == 4 and index.count() == 4


def test_search_key_can_search_but_not_write(store, index, settings):
    store.upsert([(x, raw_for(x)) for x in [make_listing(1)]])
    sync(store, index)
    key = index.search_key()
    assert key == index.search_key()  # reused, not created twice
    headers = {"Authorization": f"Bearer {key}"}
    base = f"{settings.meili_url}/indexes/{settings.index_uid}"
    found = httpx.post(f"{base}/search", json={"q": "research"}, headers=headers)
    assert found.status_code == 200 and found.json()["hits"]
    write = httpx.post(f"{base}/documents", json=[{"id": "x", "title": "spam"}], headers=headers)
    assert write.status_code == 403


def cross_posted_pair():
    """One opening posted on two sites: the employer's ATS and a career center."""
    common = dict(title="Market Research Micro-Internship", organization={"name": "Acme Analytics"},
                  description_text="Help our insights team size a new market in three weeks. " * 8)
    ats = make_listing(1, source="acme-ats", kind="greenhouse", url="http://127.0.0.1/ats/1",
                       **common)
    copy = make_listing(2, source="northfield", kind="jsonld", url="http://127.0.0.1/jobs/77",
                        **{**common, "organization": {"name": "Acme Analytics Inc."},
                           "title": "Market Research Micro-Internship (Remote)"})
    return ats, copy


def test_sync_holds_one_document_per_opening_with_every_source(store, index):
    ats, copy = cross_posted_pair()
    other = make_listing(3)
    store.upsert([(ats, raw_for(ats))], seen_at="2026-11-01T00:00:00+00:00")
    store.upsert([(x, raw_for(x)) for x in (copy, other)], seen_at="2026-11-02T00:00:00+00:00")
    report = sync(store, index)
    assert (report.upserted, report.clusters, index.count()) == (2, 2, 2)
    doc = index.index.get_document(ats["id"])  # the cluster id is its oldest member's id
    assert sorted(s["source"] for s in doc.sources) == ["acme-ats", "northfield"]
    assert doc.member_ids == [ats["id"], copy["id"]] and doc.merge_reasons
    assert store.get(copy["id"])["cluster_id"] == ats["id"]
    # Nothing pending: nothing sent.
    assert sync(store, index).upserted == 0
    # The copy seen again: only its opening's document is re-sent (its last_seen_at moved).
    store.upsert([(copy, raw_for(copy))], seen_at="2026-11-03T00:00:00+00:00")
    assert sync(store, index).upserted == 1
    assert index.index.get_document(ats["id"]).last_seen_at == "2026-11-03T00:00:00+00:00"
    assert index.count() == 2


def test_cluster_leaves_index_when_all_members_expire(store, index):
    ats, copy = cross_posted_pair()
    ats["deadline"], copy["deadline"] = "2026-11-10", "2026-12-31"
    store.upsert([(x, raw_for(x)) for x in (ats, copy)])
    sync(store, index)
    assert index.count() == 1
    store.expire_past_deadline("2026-11-27")  # the ATS copy expires, the career-center copy lives
    sync(store, index)
    assert index.count() == 1
    doc = index.index.get_document(ats["id"])
    assert {s["status"] for s in doc.sources} == {"active", "expired"} and doc.status == "active"
    store.expire_past_deadline("2027-01-15")
    report = sync(store, index)
    assert report.deleted == 1 and index.count() == 0


def test_failed_writes_are_retried_then_reported(index, monkeypatch):
    monkeypatch.setattr("index.meili.RETRY_PAUSE_S", 0.01)
    index.ensure()
    # A document id Meilisearch refuses: the task fails every time.
    bad = make_listing(1, id="not a valid id!")
    with pytest.raises(MeiliError, match="failed"):
        index.upsert([bad])
    assert index.retries == 2  # three attempts in all
    assert index.count() == 0


def test_operator_split_keeps_a_pair_apart(store, index):
    from normalize.dedup import parse_overrides

    ats, copy = cross_posted_pair()
    store.upsert([(x, raw_for(x)) for x in (ats, copy)])
    assert sync(store, index).clusters == 1
    split = parse_overrides(f'[[split]]\nids = ["{ats["id"]}", "{copy["id"]}"]\n'
                            'reason = "two cohorts"\n')
    report = reindex(store, index, overrides=split)
    assert report.clusters == 2 and index.count() == 2
