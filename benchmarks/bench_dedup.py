"""Deduplication speed at 10k, 100k and 200k listings, against the naive all-pairs approach.

    .venv/bin/python -m benchmarks.bench_dedup [--sizes 10000,100000,200000] [--naive-sample 1500]

For each size: generate the labelled set (not timed), then time `Deduper().add(listings)` and
`clusters()` (canonical records included): wall time and this process's CPU time (the machine
is shared; CPU time is what the engine costs). In the same run, the naive approach — every pair
through the same rules, no blocking — is timed on a sample and scaled to 10k by n^2 (running it
on all 10k listings would take many minutes). Printed: times, listings/s, the ratio of each size
to the first (linear growth is 10x and 20x), and blocked vs naive at 10k.

Targets (issue 5): 100k in <= 30 s on this 2-core machine; 200k in <= 2.2x the 100k time.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sys
import time
from itertools import combinations

from benchmarks.dedup_dataset import generate
from normalize.dedup import DEFAULT, Deduper, compare, prepare

TARGET_100K_S = 30.0
TARGET_200K_RATIO = 2.2


def time_engine(listings: list[dict]) -> tuple[float, float, int, int]:
    """(wall seconds, cpu seconds, clusters, links) for one full run."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    deduper = Deduper()
    changes = deduper.add(listings)
    clusters = deduper.clusters()
    return time.perf_counter() - wall, time.process_time() - cpu, len(clusters), changes.links


def time_naive(listings: list[dict]) -> tuple[float, int]:
    """Seconds to run every pair of `listings` through the rules (no blocking, no clustering)."""
    wall = time.perf_counter()
    feats = [prepare(x, DEFAULT) for x in listings]
    matches = sum(1 for a, b in combinations(feats, 2) if compare(a, b, DEFAULT).match)
    return time.perf_counter() - wall, matches


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,200000",
                        help="comma-separated listing counts (default: 10000,100000,200000)")
    parser.add_argument("--naive-sample", type=int, default=1500,
                        help="listings of the 10k set the naive all-pairs run compares (0: skip)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    print(f"{'listings':>9} {'clusters':>9} {'wall s':>8} {'cpu s':>8} {'listings/s':>11} "
          f"{'wall x first':>12}")
    results: dict[int, float] = {}
    first_listings: list[dict] = []
    for size in sizes:
        listings = generate(size, args.seed).listings
        wall, cpu, clusters, _ = time_engine(listings)
        results[size] = wall
        base = results[sizes[0]]
        print(f"{len(listings):>9} {clusters:>9} {wall:>8.2f} {cpu:>8.2f} {len(listings) / wall:>11.0f} "
              f"{wall / base:>11.2f}x", flush=True)
        if not first_listings:
            first_listings = listings
        del listings
    ok = True
    if 100_000 in results:
        within = results[100_000] <= TARGET_100K_S
        ok &= within
        print(f"100k: {results[100_000]:.2f} s (target <= {TARGET_100K_S:.0f} s): "
              f"{'met' if within else 'NOT met'}")
        if 200_000 in results:
            ratio = results[200_000] / results[100_000]
            ok &= ratio <= TARGET_200K_RATIO
            print(f"200k / 100k: {ratio:.2f}x (target <= {TARGET_200K_RATIO}x): "
                  f"{'met' if ratio <= TARGET_200K_RATIO else 'NOT met'}")
    if args.naive_sample and first_listings:
        n = len(first_listings)
        sample = random.Random(args.seed).sample(first_listings, min(args.naive_sample, n))
        naive_s, _ = time_naive(sample)
        blocked_s, _, _, _ = time_engine(sample)
        scale = (n / len(sample)) ** 2
        naive_full = naive_s * scale
        blocked_full = results[sizes[0]]
        print(f"naive all-pairs: {len(sample)} listings in {naive_s:.2f} s "
              f"({len(sample) * (len(sample) - 1) // 2} pairs); blocked engine on the same sample "
              f"{blocked_s:.2f} s ({naive_s / blocked_s:.0f}x faster)")
        print(f"naive all-pairs scaled to {n} listings (x{scale:.1f}, n^2): ~{naive_full:.0f} s; "
              f"blocked engine measured: {blocked_full:.2f} s -> {naive_full / blocked_full:.0f}x faster")
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
