"""Dedup quality through the incremental sync: the labelled dedup sets arrive over several
crawls (new listings, titles changed and changed back, expiries and reactivations), each
followed by `index.meili.sync` against a real Meilisearch, and the clusters the store ends with
are scored against the ground truth next to a full re-cluster of the same final store.

    .venv/bin/python -m benchmarks.sync_equivalence [--n 20000] [--crawls 4] [--seed 18]

Sets: dedup_dataset's generated set (`--n` listings) and, when ../shared/realdata is present,
dedup_realvar's set from real Ashby postings (seed 1515). Reported per set: pairwise precision,
recall and F1 of the incremental clusters and of the full re-cluster, and how many listings
the two put in different clusters (0 means the incremental sync changed nothing). Not part of
the test suite (tests/test_sync_incremental.py checks the same on 1,200 listings).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Partition:
    """What dedup_eval.evaluate scores: a `Deduper`-like view of fixed clusters."""

    groups: list[list[str]]

    def add(self, _listings) -> None:
        pass

    def clusters(self) -> list[Any]:
        return [type("Cluster", (), {"members": g})() for g in self.groups]


def raw_of(listing: dict[str, Any]) -> dict[str, Any]:
    return {"source": listing["source"], "kind": listing["kind"], "url": listing["url"],
            "fetched_at": "2026-11-27T12:00:00+00:00", "payload": {"title": listing["title"]}}


def crawl_in_steps(store, index, listings: list[dict[str, Any]], crawls: int,
                   rng: random.Random) -> float:
    """Put `listings` into the store over `crawls` crawls and sync after each; returns the
    seconds spent in syncs. Every listing ends as given (edits are undone, expiries reversed)."""
    from index.meili import sync

    items = listings[:]
    rng.shuffle(items)  # copies of one opening arrive in different crawls
    size = -(-len(items) // crawls)
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    seen: list[dict[str, Any]] = []
    edited: list[dict[str, Any]] = []
    expired: list[dict[str, Any]] = []
    seconds = 0.0
    for day, chunk in enumerate(chunks, start=1):
        last = day == len(chunks)
        batch = [*chunk, *edited, *expired]  # undo the last crawl's edits, reactivate
        edited = [] if last or not seen else [
            {**x, "title": x["title"] + " (Data)"} for x in rng.sample(seen, max(1, len(seen) // 50))]
        batch += edited
        store.upsert([(x, raw_of(x)) for x in batch], seen_at=f"2026-11-{day:02d}T00:00:00+00:00")
        expired = [] if last or not seen else rng.sample(seen, max(1, len(seen) // 100))
        for x in expired:  # gone from its source, and back the next crawl
            store.expire_gone(x["source"], {x["url"]})
        seen += chunk
        t0 = time.perf_counter()
        sync(store, index)
        seconds += time.perf_counter() - t0
    return seconds


def partitions(store) -> tuple[list[list[str]], list[list[str]]]:
    """(clusters the syncs left in the store, clusters of a full re-cluster of the store)."""
    from normalize.dedup import dedupe

    synced: dict[str, list[str]] = {}
    for listing in store.iter_listings():
        synced.setdefault(listing["cluster_id"], []).append(listing["id"])
    full = [c.members for c in dedupe(list(store.iter_listings()))]
    return list(synced.values()), full


def moved(a: list[list[str]], b: list[list[str]]) -> int:
    """Listings whose cluster (as a set of listing ids) differs between two partitions."""
    of_a = {lid: frozenset(g) for g in a for lid in g}
    of_b = {lid: frozenset(g) for g in b for lid in g}
    return sum(1 for lid in of_a if of_a[lid] != of_b.get(lid))


def run_set(name: str, listings: list[dict[str, Any]], score, crawls: int, seed: int, meili) -> None:
    from index.meili import MeiliIndex
    from index.store import Store

    with tempfile.TemporaryDirectory(prefix="stint-synceq-") as tmp:
        store = Store(f"sqlite:///{tmp}/stint.db")
        index = MeiliIndex(meili.url, meili.master_key, f"synceq-{name}-{seed}")
        try:
            seconds = crawl_in_steps(store, index, listings, crawls, random.Random(seed))
            synced, full = partitions(store)
        finally:
            index.client.delete_index(index.uid)
            store.close()
    inc, ref = score(Partition(synced)), score(Partition(full))
    print(f"{name}: {len(listings)} listings in {crawls} crawls, syncs {seconds:.1f} s; "
          f"listings clustered differently from a full re-cluster: {moved(synced, full)}")
    for what, s in (("incremental", inc), ("full re-cluster", ref)):
        print(f"  {what:<16} P {s.precision:.4f}  R {s.recall:.4f}  F1 {s.f1:.4f}  "
              f"(tp {s.tp}, fp {s.fp}, fn {s.fn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20_000, help="listings of the generated set")
    parser.add_argument("--crawls", type=int, default=4)
    parser.add_argument("--seed", type=int, default=18, help="the arrival order and edits")
    args = parser.parse_args(argv)

    from benchmarks import dedup_eval, dedup_realvar
    from benchmarks.dedup_dataset import generate
    from index.meili_server import start_local
    from index.settings import Settings

    with tempfile.TemporaryDirectory(prefix="stint-synceq-meili-") as home:
        meili = start_local(Settings.load(home=Path(home), env={}))
        try:
            ds = generate(args.n)
            run_set("generated", ds.listings, lambda p: dedup_eval.evaluate(ds, p).overall,
                    args.crawls, args.seed, meili)
            root = dedup_realvar.realdata_dir()
            if root is None or not (root / "ashby").is_dir():
                print("realvar: skipped, ../shared/realdata (Ashby boards) is absent")
                return 0
            real = dedup_realvar.build(root, dedup_realvar.SEED)
            listings, _, _ = dedup_realvar.normalize_all(real)
            run_set("realvar", listings, lambda p: dedup_realvar.evaluate(real, p)[0].overall,
                    args.crawls, args.seed, meili)
        finally:
            meili.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
