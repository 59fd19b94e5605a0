"""The store: upserts keep first_seen_at, reads merge lifecycle columns, runs are kept."""

from __future__ import annotations

from tests.helpers import make_listing, raw_for


def test_upsert_insert_then_update_keeps_first_seen(any_store):
    a = make_listing(1)
    assert any_store.upsert([(a, raw_for(a))], seen_at="2026-11-01T00:00:00+00:00") == 1
    changed = {**a, "title": "Renamed"}
    any_store.upsert([(changed, raw_for(changed))], seen_at="2026-11-02T00:00:00+00:00")
    got = any_store.get(a["id"])
    assert got["title"] == "Renamed"
    assert got["first_seen_at"] == "2026-11-01T00:00:00+00:00"
    assert got["last_seen_at"] == "2026-11-02T00:00:00+00:00"
    assert got["status"] == "active"
    assert any_store.count() == 1


def test_iter_listings_in_chunks_and_filters(any_store):
    items = [make_listing(i, source="a" if i % 2 else "b") for i in range(25)]
    any_store.upsert([(x, raw_for(x)) for x in items])
    assert [x["id"] for x in any_store.iter_listings(chunk=7)] == sorted(x["id"] for x in items)
    assert any_store.count(source="a") == 12
    assert len(list(any_store.iter_listings(source="b", chunk=5))) == 13
    assert [r["source"] for r in any_store.iter_raw(source="a")] == ["a"] * 12


def test_pending_index_bookkeeping(any_store):
    items = [make_listing(i) for i in range(3)]
    any_store.upsert([(x, raw_for(x)) for x in items])
    assert any_store.pending_ids() == [x["id"] for x in items]
    any_store.mark_indexed([items[0]["id"]])
    assert any_store.pending_ids() == [items[1]["id"], items[2]["id"]]
    # Seen again unchanged (only the volatile fields move): nothing for the index to do.
    any_store.upsert([({**items[0], "fetched_at": "2026-12-01T00:00:00+00:00"}, raw_for(items[0]))],
                     seen_at="2026-12-01T00:00:00+00:00")
    assert items[0]["id"] not in any_store.pending_ids()
    assert any_store.get(items[0]["id"])["last_seen_at"] == "2026-12-01T00:00:00+00:00"
    changed = {**items[0], "title": "Research Micro-Internship, renamed"}
    any_store.upsert([(changed, raw_for(changed))])  # changed: pending again
    assert items[0]["id"] in any_store.pending_ids()
    assert any_store.get(items[0]["id"])["title"] == changed["title"]
    any_store.mark_indexed(any_store.pending_ids())
    assert any_store.pending_ids() == []
    any_store.mark_all_pending()
    assert len(any_store.pending_ids()) == 3


def test_runs_are_recorded(any_store):
    any_store.record_run("a", "t0", "t1", "ok", {"pages": 3, "errors": {}})
    any_store.record_run("b", "t0", "t1", "failed", {"pages": 0, "errors": {"http_500": 1}})
    runs = any_store.recent_runs()
    assert [r["source"] for r in runs] == ["b", "a"]
    assert runs[0]["stats"]["errors"] == {"http_500": 1}
    assert any_store.recent_runs(source="a")[0]["status"] == "ok"
    assert any_store.health()["listings"] == 0


def test_deadline_expiry_and_reactivation(any_store):
    past, future = make_listing(1, deadline="2026-11-01"), make_listing(2, deadline="2027-01-31")
    undated = make_listing(3)
    any_store.upsert([(x, raw_for(x)) for x in (past, future, undated)])
    any_store.mark_indexed(any_store.pending_ids())
    assert any_store.expire_past_deadline("2026-11-27") == 1
    got = any_store.get(past["id"])
    assert got["status"] == "expired" and got["expired_reason"] == "deadline passed"
    assert any_store.pending_ids() == [past["id"]]  # the index must drop it
    assert any_store.count(status="active") == 2
    # It reappears (deadline extended): active again, same id, first_seen_at kept.
    extended = {**past, "deadline": "2027-03-01"}
    any_store.upsert([(extended, raw_for(extended))])
    again = any_store.get(past["id"])
    assert again["status"] == "active" and again.get("expired_at") is None
    assert again["first_seen_at"] == got["first_seen_at"]


def test_missing_from_k_healthy_runs_expires(any_store):
    a, b = make_listing(1, source="s"), make_listing(2, source="s")
    other = make_listing(3, source="t")
    any_store.upsert([(x, raw_for(x)) for x in (a, b, other)], seen_at="2026-11-01T00:00:00+00:00")
    for day in (2, 3):
        run = f"2026-11-0{day}T00:00:00+00:00"
        any_store.upsert([(a, raw_for(a))], seen_at=run)  # b is no longer listed
        assert any_store.record_missing("s", run, expire_after=3) == 0
    run = "2026-11-04T00:00:00+00:00"
    any_store.upsert([(a, raw_for(a))], seen_at=run)
    assert any_store.record_missing("s", run, expire_after=3) == 1
    assert any_store.get(b["id"])["status"] == "expired"
    assert "3 consecutive" in any_store.get(b["id"])["expired_reason"]
    assert any_store.get(a["id"])["status"] == "active"
    assert any_store.get(other["id"])["status"] == "active"  # another source is untouched


def test_listing_on_a_gone_page_expires(any_store):
    a, b = make_listing(1, source="s"), make_listing(2, source="s")
    other = make_listing(3, source="t")
    any_store.upsert([(x, {**raw_for(x), "url": f"http://127.0.0.1/p/{x['id']}"}) for x in (a, b, other)])
    gone = {f"http://127.0.0.1/p/{a['id']}", f"http://127.0.0.1/p/{other['id']}"}
    assert any_store.expire_gone("s", gone) == 1  # another source's page is not this source's
    assert any_store.get(a["id"])["expired_reason"] == "page gone (HTTP 404/410)"
    assert any_store.get(b["id"])["status"] == "active"
    assert any_store.get(other["id"])["status"] == "active"


def test_rows_of_an_older_store_are_read_and_get_keys(any_store):
    """Rows written before compression and dedup keys (plain JSON, no hashes, no keys) read the
    same, and the next sync's refresh_keys gives them keys and makes them pending."""
    import orjson

    from index.store import listings

    old = make_listing(1)
    with any_store.engine.begin() as conn:
        conn.execute(listings.insert().values(
            id=old["id"], source=old["source"], kind=old["kind"], url=old["url"],
            title=old["title"], data=orjson.dumps(old).decode(),
            raw=orjson.dumps(raw_for(old)).decode(), status="active",
            first_seen_at="2026-01-01", last_seen_at="2026-01-01", updated_at="2026-01-01",
            indexed=True, missed_runs=0))
    assert any_store.get(old["id"])["title"] == old["title"]
    assert list(any_store.iter_raw()) == [raw_for(old)]
    assert any_store.refresh_keys() == 1 and any_store.pending_ids() == [old["id"]]
    assert any(k.startswith("o:") for k in any_store.keys_of([old["id"]])[old["id"]])
    assert any_store.refresh_keys() == 0


def test_listing_and_raw_are_stored_compressed_together(any_store):
    from index.store import listings

    item = make_listing(2, description_text="word " * 2000)
    any_store.upsert([(item, {**raw_for(item), "payload": {"description": "word " * 2000}})])
    with any_store.engine.connect() as conn:
        row = conn.execute(listings.select()).one()
    assert row.data == "" and row.raw == "" and len(row.body_z) < 2000  # 20 KB of text twice
    assert any_store.get(item["id"])["description_text"] == item["description_text"]


def test_rows_with_the_older_array_frame_still_read(any_store):
    import orjson
    import zstandard

    from index.store import listings

    item = make_listing(3)
    any_store.upsert([(item, raw_for(item))])
    frame = zstandard.ZstdCompressor().compress(orjson.dumps([item, raw_for(item)]))
    with any_store.engine.begin() as conn:
        conn.execute(listings.update().values(body_z=frame))
    assert any_store.get(item["id"])["title"] == item["title"]
    assert list(any_store.iter_raw()) == [raw_for(item)]
