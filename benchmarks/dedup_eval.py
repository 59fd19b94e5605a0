"""Pairwise precision, recall and F1 of deduplication on the labelled set of dedup_dataset.py,
overall and by variation type.

    .venv/bin/python -m benchmarks.dedup_eval [--n 20000] [--seed S] [--errors 5]

A pair of listings is positive when both belong to the same opening. By type: the pairs that
involve at least one listing with that label (so a title-reworded copy wrongly merged with a
hard negative counts against `title_reword` as well as against the negative's label). For hard
negatives, also the false-merge rate: of the pairs (negative listing or its copies, listing of
the opening it mimics), the share merged.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from benchmarks.dedup_dataset import COPY_VARIATIONS, NEGATIVES, SEED, Dataset, generate
from normalize.dedup import Deduper

TARGET_PRECISION = 0.98
TARGET_RECALL = 0.95


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    overall: Score
    by_label: dict[str, Score]
    negatives: dict[str, tuple[int, int]]  # type -> (pairs merged, pairs)
    false_pairs: list[tuple[str, str]]
    missed_pairs: list[tuple[str, str]]
    seconds: float
    listings: int
    clusters: int


def _pairs(groups: Iterable[list[str]]) -> set[tuple[str, str]]:
    out = set()
    for g in groups:
        out.update((a, b) if a < b else (b, a) for a, b in combinations(g, 2))
    return out


def evaluate(ds: Dataset, deduper: Deduper | None = None) -> Report:
    deduper = Deduper() if deduper is None else deduper
    start = time.perf_counter()
    deduper.add(ds.listings)
    clusters = deduper.clusters()
    seconds = time.perf_counter() - start
    predicted = _pairs(c.members for c in clusters)
    truth_groups: dict[str, list[str]] = defaultdict(list)
    for lid, opening in ds.opening.items():
        truth_groups[opening].append(lid)
    truth = _pairs(truth_groups.values())
    overall = Score(len(predicted & truth), len(predicted - truth), len(truth - predicted))
    by_label: dict[str, Score] = defaultdict(Score)
    for pair_set, attr in ((predicted & truth, "tp"), (predicted - truth, "fp"), (truth - predicted, "fn")):
        for a, b in pair_set:
            for label in {ds.label[a], ds.label[b]}:
                setattr(by_label[label], attr, getattr(by_label[label], attr) + 1)
    negatives: dict[str, list[int]] = {k: [0, 0] for k in NEGATIVES}
    for neg_key, (opening, kind) in ds.related.items():
        for a in truth_groups[neg_key]:
            for b in truth_groups[opening]:
                negatives[kind][1] += 1
                negatives[kind][0] += ((a, b) if a < b else (b, a)) in predicted
    return Report(overall, dict(by_label), {k: (v[0], v[1]) for k, v in negatives.items()},
                  sorted(predicted - truth), sorted(truth - predicted), seconds,
                  len(ds.listings), len(clusters))


def format_report(r: Report) -> str:
    lines = [f"{r.listings} listings -> {r.clusters} clusters in {r.seconds:.2f} s",
             f"{'':22} {'pairs':>7} {'precision':>9} {'recall':>7} {'F1':>6}",
             _row("overall", r.overall)]
    order = ["original", *COPY_VARIATIONS, *NEGATIVES]
    for label in order:
        if label in r.by_label:
            lines.append(_row(label, r.by_label[label]))
    lines.append("hard negatives: false merges / pairs with the opening they mimic")
    for kind, (merged, total) in r.negatives.items():
        rate = merged / total if total else 0.0
        lines.append(f"  {kind:20} {merged:5} / {total:5}  ({rate:.3f})")
    return "\n".join(lines)


def _row(label: str, s: Score) -> str:
    return (f"{label:22} {s.tp + s.fn:7} {s.precision:9.4f} {s.recall:7.4f} {s.f1:6.4f}"
            f"   (tp {s.tp}, fp {s.fp}, fn {s.fn})")


def _show_errors(ds: Dataset, deduper: Deduper, pairs: list[tuple[str, str]], limit: int, what: str) -> None:
    by_id = {x["id"]: x for x in ds.listings}
    kinds = Counter((ds.label[a], ds.label[b]) for a, b in pairs)
    print(f"\n{what}: {len(pairs)} pairs; by labels: {kinds.most_common(8)}")
    for a, b in pairs[:limit]:
        v = deduper.compare_ids(a, b)
        for x in (a, b):
            x_ = by_id[x]
            print(f"  {ds.label[x]:18} {x_['kind']:8} {x_['organization']['name']!s:34.34} "
                  f"{x_['title']!s:50.50} {[loc.get('city') or loc.get('raw') for loc in x_['locations']]}"
                  f" {x_['arrangement']}")
        print(f"    -> {v.as_dict()}  desc: {by_id[a]['description_text'][:60]!r} | "
              f"{by_id[b]['description_text'][:60]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000, help="listings to generate")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--errors", type=int, default=0, help="show this many false and missed pairs")
    args = parser.parse_args(argv)
    ds = generate(args.n, args.seed)
    deduper = Deduper()
    report = evaluate(ds, deduper)
    print(format_report(report))
    if args.errors:
        _show_errors(ds, deduper, report.false_pairs, args.errors, "false merges")
        _show_errors(ds, deduper, report.missed_pairs, args.errors, "missed pairs")
    ok = report.overall.precision >= TARGET_PRECISION and report.overall.recall >= TARGET_RECALL
    print(f"\ntargets: precision >= {TARGET_PRECISION}, recall >= {TARGET_RECALL}: "
          f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
