"""Incremental sync (issue 18): a sync re-clusters only what pending listings can reach, and
gives the same clusters as deduplicating the whole store at once."""

from __future__ import annotations

import random

import pytest

from benchmarks.dedup_dataset import generate
from index.meili import MeiliIndex, affected, cluster_listings, sync
from normalize.dedup import dedupe


@pytest.fixture
def index(settings):
    return MeiliIndex(settings.meili_url, settings.meili_master_key, settings.index_uid)


def raw(listing):
    return {"source": listing["source"], "kind": listing["kind"], "url": listing["url"],
            "fetched_at": "2026-11-27T12:00:00+00:00", "payload": {"title": listing["title"]}}


def put(store, items, day):
    store.upsert([(x, raw(x)) for x in items], seen_at=f"2026-11-{day:02d}T00:00:00+00:00")


def partition_of_store(store):
    clusters: dict[str, set[str]] = {}
    for listing in store.iter_listings():
        clusters.setdefault(listing["cluster_id"], set()).add(listing["id"])
    return {cid: frozenset(members) for cid, members in clusters.items()}


def partition_of_full_run(store):
    return {c.cluster_id: frozenset(c.members) for c in dedupe(list(store.iter_listings()))}


def test_incremental_sync_equals_a_full_recluster(store, index, monkeypatch):
    # Small groups: a sync re-clusters many groups one after another, as at scale.
    monkeypatch.setattr("index.meili.SEED_BATCH", 20)
    monkeypatch.setattr("index.meili.GROUP_LISTINGS", 150)
    rng = random.Random(18)
    items = generate(1200, seed=20261118).listings
    rng.shuffle(items)  # copies of one opening arrive in different crawls
    first, rest = items[:800], items[800:]
    put(store, first, 1)
    seen = []
    sync(store, index, progress=seen.append)
    assert partition_of_store(store) == partition_of_full_run(store)
    # Progress after every group, ending with every pending listing taken.
    assert len(seen) > 2 and seen[-1].pending_done == seen[-1].pending == 800
    assert [p.pending_done for p in seen] == sorted(p.pending_done for p in seen)
    # Later crawls: new listings, changed titles and descriptions, expiries, a re-crawl of
    # everything unchanged.
    for day, chunk in enumerate((rest[:150], rest[150:300], rest[300:]), start=2):
        changed = []
        for listing in rng.sample(first, 25):
            edit, roll = dict(listing), rng.random()
            if roll < 0.35:
                edit["title"] = edit["title"] + " (Data)"
            elif roll < 0.7:
                edit["description_text"] = (edit.get("description_text") or "")[::-1]
            else:  # another employer now: its old cluster mates must be re-clustered too
                edit["organization"] = {"name": f"Renamed {day} Ltd", "domain": None}
                edit["url"] = edit["apply_url"] = f"https://renamed.example/{edit['id']}"
            changed.append(edit)
        put(store, [*chunk, *changed], day)
        store.expire_gone(first[day]["source"], {first[day]["url"]})
        report = sync(store, index)
        assert report.upserted > 0
        assert partition_of_store(store) == partition_of_full_run(store), f"crawl {day}"
    # The index holds one document per cluster with an active member, with the same members.
    full = [c for c in dedupe(list(store.iter_listings())) if c.canonical["status"] == "active"]
    docs = index.index.get_documents({"limit": 5000, "fields": ["id", "member_ids", "title",
                                                                "description_text"]}).results
    assert {d.id: frozenset(d.member_ids) for d in docs} == {c.cluster_id: frozenset(c.members)
                                                            for c in full}
    # ... and the same content: what was shown before a re-clustering was corrected by it.
    _, desired = cluster_listings(list(store.iter_listings()))
    assert {d.id: (d.title, d.description_text) for d in docs} == {
        cid: (doc["title"], doc.get("description_text")) for cid, (_, doc) in desired.items()}


def test_a_changed_listing_is_searchable_before_its_blocks_are_reclustered(store, index, monkeypatch):
    items = generate(600, seed=11).listings
    put(store, items, 1)
    sync(store, index)
    target = next(x for x in items if store.get(x["id"])["cluster_id"])
    put(store, [{**target, "title": target["title"] + " zqxshown"}], 2)

    def reclustering_fails(*_args):
        raise RuntimeError("re-clustering stopped")

    # The re-clustering never happens, yet the change is already in the index.
    monkeypatch.setattr("index.meili._sync_group", reclustering_fails)
    with pytest.raises(RuntimeError):
        sync(store, index)
    index.client.wait_for_task(index.client.get_tasks({"limit": 1}).results[0].uid)
    hits = index.index.search("zqxshown")["hits"]
    assert [h["id"] for h in hits] == [store.get(target["id"])["cluster_id"]]
    assert target["id"] in store.pending_ids()  # not marked indexed: the next sync re-clusters
    monkeypatch.undo()
    report = sync(store, index)
    assert store.pending_ids() == [] and report.deleted == 0
    hits = index.index.search("zqxshown")["hits"]
    assert [h["id"] for h in hits] == [store.get(target["id"])["cluster_id"]]


def test_unchanged_recrawl_sends_nothing_and_one_change_little(store, index):
    items = generate(600, seed=7).listings
    put(store, items, 1)
    first = sync(store, index)
    assert first.upserted == first.clusters > 0
    put(store, items, 2)  # the same postings seen again: last_seen_at moves, nothing else
    assert store.pending_ids() == []
    assert sync(store, index).upserted == 0
    edit = {**items[0], "deadline": "2027-01-31"}
    put(store, [edit], 3)
    # Only what the dedup engine could compare the changed listing with is re-clustered.
    group = affected(store, store.pending_ids())
    assert items[0]["id"] in group and len(group) < len(items) / 4
    report = sync(store, index)
    assert report.upserted == 1 and report.deleted == 0
