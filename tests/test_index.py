"""Sync and reindex against a real Meilisearch: the store is the truth, the index follows."""

from __future__ import annotations

import httpx
import pytest

from index.documents import epoch, to_document
from index.meili import MeiliIndex, reindex, sync
from tests.helpers import make_listing, raw_for


def test_to_document_adds_flat_filter_fields():
    doc = to_document(make_listing(1, posted_at="2026-11-01", deadline="2026-12-01T12:00:00Z"))
    assert doc["countries"] == ["US"] and doc["cities"] == ["Boston"]
    assert doc["paid"] is True and doc["pay_hourly_min"] == 20
    assert doc["organization_name"] == "Acme Analytics"
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
