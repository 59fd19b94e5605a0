"""Past one machine (issue 18): crawl workers with homes of their own share one real PostgreSQL
store and coordinate through it: a source is never crawled by two workers at once, and the run
of a worker that dies is found lost and its source crawled again by another."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from crawlers.sources import dump_sources
from index.store import Store, metadata
from stint.demo import expected, serve

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def network():
    with serve() as net:
        yield net


@pytest.fixture
def pg_store(postgres_url):
    store = Store(postgres_url)
    with store.engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(table.delete())
    yield store
    store.close()


def stint(home, *args: str) -> list[str]:
    return [sys.executable, "-m", "stint", "--home", str(home), *args]


def worker_env(postgres_url, meili) -> dict[str, str]:
    return {**os.environ, "STINT_STORE_URL": postgres_url, "MEILI_URL": meili.url,
            "MEILI_MASTER_KEY": meili.master_key or "", "STINT_INDEX": "pg_workers"}


def wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def finished_runs(store: Store) -> list[dict]:
    return [r for r in store.recent_runs(limit=500) if r["status"] not in ("running", "lost")]


def test_two_schedulers_on_two_homes_share_the_sources(tmp_path, network, meili, postgres_url,
                                                       pg_store):
    config = tmp_path / "sources.toml"
    config.write_text(dump_sources([{**t, "schedule": "1s", "download_delay": 0.01}
                                    for t in network.sources()[:2]]))
    env = worker_env(postgres_url, meili)
    homes = [tmp_path / "worker-a", tmp_path / "worker-b"]
    workers = [subprocess.Popen(stint(home, "schedule", "--config", str(config), "--tick", "0.2",
                                      "--max-parallel", "1"),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
               for home in homes]
    try:
        # Two sources, one crawl at a time per worker: the two workers share them.
        wait_until(lambda: len(
            {r["stats"]["worker"].split(":")[-1] for r in finished_runs(pg_store)}) == 2,
            300, "finished runs by both workers")
    finally:
        for proc in workers:
            proc.send_signal(signal.SIGTERM)
        outputs = [proc.communicate(timeout=120)[1] for proc in workers]
    assert all(proc.returncode == 0 for proc in workers), outputs
    runs = pg_store.recent_runs(limit=500)
    assert all(r["status"] in ("ok", "partial") for r in runs), [r["status"] for r in runs]
    for name in {r["source"] for r in runs}:
        mine = sorted((r for r in runs if r["source"] == name), key=lambda r: r["started_at"])
        for earlier, later in zip(mine, mine[1:], strict=False):
            assert earlier["finished_at"] <= later["started_at"], (name, earlier, later)
    # Both workers crawled: the store and the sources are shared, not split by hand.
    by_home = {str(home): sum(1 for r in runs if str(home) in r["stats"].get("worker", ""))
               for home in homes}
    assert all(by_home.values()), by_home
    names = {t["name"] for t in network.sources()[:2]}
    assert pg_store.count() == sum(n for s, n in expected()["counts"].items() if s in names)


def test_a_dead_workers_run_is_lost_and_its_source_crawled_again(tmp_path, network, meili,
                                                                 postgres_url, pg_store):
    northfield = next(t for t in network.sources() if t["name"] == "northfield")
    config = tmp_path / "sources.toml"
    config.write_text(dump_sources([{**northfield, "schedule": "1h", "download_delay": 0.2}]))
    env = worker_env(postgres_url, meili)
    a, b = tmp_path / "worker-a", tmp_path / "worker-b"
    dying = subprocess.Popen(stint(a, "crawl", "--config", str(config), "--no-index", "--progress", "0"),
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: pg_store.count() >= 5, 90, "worker a to store a few listings")
        # While a crawls, b may not crawl the same source.
        busy = subprocess.run(stint(b, "crawl", "--config", str(config), "--no-index", "--progress", "0"),
                              env=env, capture_output=True, text=True, timeout=60)
        assert "already running; skipped" in busy.stderr
    finally:
        dying.kill()  # SIGKILL: the worker records nothing more
        dying.wait()
    assert [r["status"] for r in pg_store.recent_runs()] == ["running"]
    config.write_text(dump_sources([{**northfield, "schedule": "1h", "download_delay": 0.01}]))
    # Another worker, another home: the dead run is lost, the source due again, and crawled.
    rerun = subprocess.run(stint(b, "crawl", "--due", "--config", str(config), "--no-index",
                                 "--progress", "0"),
                           env=env, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    statuses = [r["status"] for r in pg_store.recent_runs()]
    assert statuses[0] in ("ok", "partial") and statuses[1] == "lost", statuses
    assert pg_store.count(source="northfield") == expected()["counts"]["northfield"]
