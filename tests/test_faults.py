"""Faults done for real: Meilisearch killed during a sync, a crawl killed midway, Meilisearch
down during a crawl, and a fast scheduler whose runs of one source must never overlap."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from crawlers.sources import dump_sources
from index.errors import MeiliError
from index.meili import MeiliIndex, sync
from index.meili_server import start_local
from index.settings import Settings
from index.store import Store
from stint.demo import expected, serve
from tests.helpers import make_listing, raw_for

pytestmark = pytest.mark.slow


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def stint(home, *args: str) -> list[str]:
    return [sys.executable, "-m", "stint", "--home", str(home), *args]


def test_meili_killed_during_sync_catches_up_after_restart(tmp_path, monkeypatch):
    monkeypatch.setattr("index.meili.BATCH_SIZE", 500)
    settings = Settings.load(home=tmp_path, env={})
    store = Store(settings.store_url)
    items = [make_listing(i, deadline="2026-01-01" if i % 10 == 0 else "2027-06-30")
             for i in range(6000)]
    store.upsert([(x, raw_for(x)) for x in items])
    store.expire_past_deadline("2026-11-27")
    active, expired = store.count(status="active"), store.count(status="expired")

    meili = start_local(settings)
    index = MeiliIndex(meili.url, meili.master_key)
    errors: list[Exception] = []

    def run_sync() -> None:
        try:
            sync(store, index)
        except MeiliError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run_sync)
    worker.start()
    wait_until(lambda: len(store.cluster_hashes()) >= 500, 60, "a first batch indexed")
    meili.process.kill()  # SIGKILL, mid-sync
    meili.process.wait()
    worker.join(timeout=60)
    assert errors, "the sync should have failed when Meilisearch died"
    sent_before_kill = len(store.cluster_hashes())
    assert 500 <= sent_before_kill < active
    assert len(store.pending_ids()) == len(items)  # nothing is marked done until the end

    restarted = start_local(settings)  # same data folder, same key
    try:
        index = MeiliIndex(restarted.url, restarted.master_key)
        report = sync(store, index)
        assert report.upserted == active - sent_before_kill  # only what had not been sent
        assert store.pending_ids() == []
        assert index.count() == active
        hits = index.index.search("", {"filter": 'status = "expired"', "limit": 1})
        assert hits["estimatedTotalHits"] == 0
        print(f"\nbefore: {active} active, {expired} expired; {sent_before_kill} documents sent "
              f"before the kill; after restart + sync: {index.count()} documents")
    finally:
        restarted.stop()
        store.close()


@pytest.fixture(scope="module")
def network():
    with serve() as net:
        yield net


def write_sources(home, network, **extra) -> str:
    tables = [{**table, **extra} for table in network.sources()]
    path = home / "sources.toml"
    path.write_text(dump_sources(tables))
    return str(path)


def test_crawl_killed_midway_loses_nothing_and_rerun_completes(tmp_path, network):
    config = write_sources(tmp_path, network, download_delay=0.05)
    store = Store(f"sqlite:///{tmp_path / 'stint.db'}")
    proc = subprocess.Popen(stint(tmp_path, "crawl", "--config", config, "--no-index",
                                  "--progress", "0"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: _count(store) >= 20, 90, "the crawl to store 20 listings")
    finally:
        proc.kill()  # SIGKILL: no chance to flush or clean up
        proc.wait()
    stored_at_kill = _count(store)
    seen = {x["id"]: x["title"] for x in store.iter_listings()}
    total = expected()["total"]
    assert 20 <= stored_at_kill < total

    rerun = subprocess.run(stint(tmp_path, "crawl", "--config", config, "--no-index",
                                 "--progress", "0"), capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr  # the dead run's locks did not survive it
    assert store.count() == total
    after = {x["id"]: x["title"] for x in store.iter_listings()}
    assert all(after[i] == title for i, title in seen.items())  # nothing lost or changed
    print(f"\nstored at the kill: {stored_at_kill}; after the rerun: {store.count()} of {total}")
    store.close()


def _count(store: Store) -> int:
    try:
        return store.count()
    except Exception:  # the table may not exist yet in the first instant
        return 0


def test_crawl_with_meili_down_stores_everything_then_reindex_catches_up(tmp_path, network, meili):
    config = write_sources(tmp_path, network)
    down = {**os.environ, "MEILI_URL": "http://127.0.0.1:9", "STINT_INDEX": "faults_down"}
    crawl = subprocess.run(stint(tmp_path, "crawl", "--config", config, "--progress", "0"),
                           env=down, capture_output=True, text=True, timeout=180)
    assert crawl.returncode == 0, crawl.stderr
    assert "will be indexed by the next crawl or `stint reindex`" in crawl.stderr
    store = Store(f"sqlite:///{tmp_path / 'stint.db'}")
    assert store.count() == expected()["total"]
    assert len(store.pending_ids()) == store.count()

    up = {**os.environ, "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key,
          "STINT_INDEX": "faults_down"}
    reindex = subprocess.run(stint(tmp_path, "reindex"), env=up, capture_output=True, text=True,
                             timeout=120)
    assert reindex.returncode == 0, reindex.stderr
    index = MeiliIndex(meili.url, meili.master_key, "faults_down")
    # Every active listing is searchable, through its opening's document (one per cluster).
    doc_ids = {d.id for d in index.index.get_documents({"fields": ["id"], "limit": 10_000}).results}
    assert {x["cluster_id"] for x in store.iter_listings(status="active")} == doc_ids
    assert store.pending_ids() == []
    store.close()


def test_fast_schedulers_never_overlap_runs_of_one_source(tmp_path, network, meili):
    northfield = [t for t in network.sources() if t["name"] == "northfield"]
    config = tmp_path / "sources.toml"
    config.write_text(dump_sources([{**northfield[0], "schedule": "1s", "download_delay": 0.01}]))
    env = {**os.environ, "MEILI_URL": meili.url, "MEILI_MASTER_KEY": meili.master_key,
           "STINT_INDEX": "faults_schedule"}
    # Two schedulers on one home: only the source's lock keeps their crawls apart.
    schedulers = [
        subprocess.Popen(stint(tmp_path, "schedule", "--config", str(config), "--tick", "0.2"),
                         env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    store = Store(f"sqlite:///{tmp_path / 'stint.db'}")
    try:
        wait_until(lambda: _runs(store) >= 3, 120, "three scheduled runs")
    finally:
        for proc in schedulers:
            proc.send_signal(signal.SIGTERM)
        outputs = [proc.communicate(timeout=90)[1] for proc in schedulers]
    assert all(proc.returncode == 0 for proc in schedulers), outputs
    assert all("stopping" in out for out in outputs)
    runs = sorted(store.recent_runs(source="northfield", limit=100), key=lambda r: r["started_at"])
    for earlier, later in zip(runs, runs[1:], strict=False):
        assert earlier["finished_at"] <= later["started_at"], (earlier, later)
    assert all(run["status"] in ("ok", "partial") for run in runs)
    store.close()


def _runs(store: Store) -> int:
    try:
        return len(store.recent_runs(limit=100))
    except Exception:
        return 0
