"""Per-field accuracy of normalize_raw on the labelled corpus (tests/corpus).

    .venv/bin/python -m benchmarks.normalize_eval [--misses N] [--field NAME] [--kind KIND]

Prints, for every labelled field, how many cases label it and the share normalize_raw gets right
(target >= 97% per field), by kind as well; with --misses, the first N wrong cases per field with
what was wanted and what came out. Exit status 1 when a field is below the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict

from normalize import NormalizeError, normalize_raw
from tests.corpus import FIELDS, TARGET, Case, cases, evaluate, misses, observed


def run(selected: list[Case]) -> list[tuple[Case, dict | None]]:
    results = []
    for case in selected:
        try:
            results.append((case, observed(normalize_raw(case.raw))))
        except NormalizeError:
            results.append((case, None))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", type=int, default=0, help="show up to N wrong cases per field")
    ap.add_argument("--field", help="only this field's misses")
    ap.add_argument("--kind", help="only cases of this kind")
    args = ap.parse_args(argv)
    selected = [c for c in cases() if not args.kind or c.kind == args.kind]
    start = time.perf_counter()
    results = run(selected)
    elapsed = time.perf_counter() - start
    kinds = sorted({c.kind for c in selected})
    print(f"{len(selected)} cases ({', '.join(f'{k} {sum(c.kind == k for c in selected)}' for k in kinds)})"
          f" normalized in {elapsed:.2f}s")
    score = evaluate(results)
    by_kind = {k: evaluate([r for r in results if r[0].kind == k]) for k in kinds}
    print(f"{'field':18} {'cases':>6} {'accuracy':>9}   by kind (right/labelled where < 100%)")
    short = []
    for name in FIELDS:
        right, total = score[name]
        if not total:
            continue
        acc = right / total
        flag = "" if acc >= TARGET else "  << below target"
        if acc < TARGET:
            short.append(name)
        detail = " ".join(f"{k}:{by_kind[k][name][0]}/{by_kind[k][name][1]}" for k in kinds
                          if by_kind[k][name][1] and by_kind[k][name][0] < by_kind[k][name][1])
        print(f"{name:18} {total:6d} {acc:9.1%}   {detail}{flag}")
    if args.misses:
        wrong: dict[str, list[str]] = defaultdict(list)
        for case, got in results:
            for name, want, value in misses(case, got):
                if not args.field or name == args.field:
                    wrong[name].append(f"  {case.id}: want {want!r} got {value!r}")
        for name in FIELDS:
            if wrong[name]:
                print(f"\n{name}: {len(wrong[name])} wrong")
                print("\n".join(wrong[name][: args.misses]))
    print(f"\nfields below {TARGET:.0%}: {', '.join(short) if short else 'none'}")
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
