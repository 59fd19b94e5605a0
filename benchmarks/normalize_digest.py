"""A digest of everything `stint normalize` writes for three fixed inputs, to show that a change
made for speed left the output byte for byte the same.

    .venv/bin/python -m benchmarks.normalize_digest      # run before and after; compare the lines

The inputs: the benchmark's generated postings (make_lines(4000)), the 571 labelled corpus cases
and the 400 real Ashby jobs of ../shared/realdata (skipped when absent). Each line is the SHA-256
of the JSON lines written for that input, in order; a line that cannot be normalized adds its
error instead. A change of behaviour changes the digest too: this is for refactors, not a test.
"""

from __future__ import annotations

import hashlib
import sys

import orjson

from benchmarks.bench_normalize import make_lines, normalize_line, realdata_lines
from normalize import normalize_many
from normalize.schema import listing_json
from stint.cli import NORMALIZE_BATCH
from tests.corpus import cases


def digest(lines: list[bytes]) -> str:
    """Of what `stint normalize` writes (batches through normalize_many), checked line by line
    against normalize_raw one posting at a time: both ways must give the same bytes."""
    h = hashlib.sha256()
    for start in range(0, len(lines), NORMALIZE_BATCH):
        batch = lines[start : start + NORMALIZE_BATCH]
        for line, result in zip(batch, normalize_many([orjson.loads(x) for x in batch]), strict=True):
            written = repr(result).encode() if isinstance(result, Exception) else listing_json(result)
            try:
                alone = normalize_line(line)
            except Exception as exc:  # noqa: BLE001 — an error is part of the output
                alone = repr(exc).encode()
            if written != alone:
                raise SystemExit(f"normalize_many and normalize_raw differ on {line[:200]!r}")
            h.update(written)
    return h.hexdigest()


def main() -> int:
    inputs = {"bench": make_lines(4000), "corpus": [orjson.dumps(c.raw) for c in cases()],
              "realdata": realdata_lines()}
    for name, lines in inputs.items():
        print(f"{name} {len(lines)} {digest(lines) if lines else '(absent)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
