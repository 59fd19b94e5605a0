"""Places, arrangement, remote regions and pay read from free text, scored on real postings.

    .venv/bin/python -m benchmarks.places_eval [--dev FILE] [--misses FIELD] [--show N]

Labels: benchmarks/devsets/places_dev.jsonl (rules in benchmarks/devsets/README_places.md), each
a reference to a real posting in ../shared/realdata/ (a Hacker News comment by `id`, a LinkedIn
internship row by `row`); the text itself is read where it lies and never copied here. Without
that folder the script says so and exits 0.

Each posting goes through normalize_raw as a `feed` entry with nothing structured: a title (an
HN comment's first line, a CSV row's title) and the HTML description. Scored per field:
  countries       the set of ISO countries of the Listing's locations and of its remote regions
                  that are country codes (what `GET /search?country=` filters on)
  arrangement     the set of options the Listing offers (`arrangements`, else {arrangement})
                  equals the labelled set; `arrangement_primary`: the one `arrangement` is in it
  remote_regions  the set equals the labelled set (both empty counts as right)
  pay_currency, pay_period, pay_min, pay_max   equal to the label (None = "states none"; amounts
                  within 1%)
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from normalize import normalize_raw
from normalize.fields.places import is_country_code

HERE = Path(__file__).resolve().parent


def _realdata() -> Path:
    """$STINT_REALDATA, else ../shared/realdata beside the checkout (or beside its parent, for a
    git worktree kept one level deeper)."""
    if os.environ.get("STINT_REALDATA"):
        return Path(os.environ["STINT_REALDATA"])
    near = [parent / "shared" / "realdata" for parent in HERE.parents[1:3]]
    return next((path for path in near if path.is_dir()), near[0])


REALDATA = _realdata()
DEV = HERE / "devsets" / "places_dev.jsonl"
FETCHED_AT = "2026-10-03T00:00:00+00:00"
FIELDS = ("countries", "arrangement", "arrangement_primary", "remote_regions", "pay_currency",
          "pay_period", "pay_min", "pay_max")
TARGETS = {"countries": 0.90, "arrangement": 0.90, "remote_regions": 0.90, "pay_currency": 0.92,
           "pay_period": 0.92, "pay_min": 0.92, "pay_max": 0.92}
_FIRST_LINE_RE = re.compile(r"<p>|\n")
_TAG_RE = re.compile(r"<[^>]+>")
csv.field_size_limit(10_000_000)


def _hn_posts(path: Path) -> dict[int, dict[str, Any]]:
    jobs = json.loads(path.read_text(encoding="utf-8"))["jobs"]
    return {job["id"]: job for job in jobs}


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def payload_for(label: dict[str, Any], cache: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(url, feed entry) for a labelled posting: a title and an HTML description, nothing else."""
    path = REALDATA / label["file"]
    if label["file"] not in cache:
        cache[label["file"]] = _hn_posts(path) if path.suffix == ".json" else _csv_rows(path)
    data = cache[label["file"]]
    if "id" in label:
        text = data[label["id"]].get("text") or ""
        first = _FIRST_LINE_RE.split(text, maxsplit=1)[0]
        title = html.unescape(_TAG_RE.sub("", first)).strip()[:200] or "HN post"
        url = f"https://news.ycombinator.com/item?id={label['id']}"
        return url, {"title": title, "summary": text, "link": url, "id": url}
    row = data[label["row"]]
    body = row.get("raw_description") or row.get("raw description") or ""
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    description = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    url = f"https://example.invalid/{Path(label['file']).stem}/{label['row']}"
    return url, {"title": row["title"], "summary": description, "link": url, "id": url}


def observed(listing: Any) -> dict[str, Any]:
    countries = {loc.country for loc in listing.locations if loc.country}
    countries |= {r for r in listing.remote_regions if is_country_code(r)}
    offered = set(getattr(listing, "arrangements", None) or [listing.arrangement])
    pay = listing.pay
    has_amount = pay.min is not None or pay.max is not None
    return {
        "countries": sorted(countries),
        "arrangement": sorted(offered),
        "arrangement_primary": listing.arrangement,
        "remote_regions": sorted(listing.remote_regions),
        "pay_currency": pay.currency if has_amount else None,
        "pay_period": pay.period if has_amount else None,
        "pay_min": pay.min,
        "pay_max": pay.max,
    }


def expected(label: dict[str, Any]) -> dict[str, Any]:
    pay = label.get("pay") or {}
    return {
        "countries": sorted(label["countries"]),
        "arrangement": sorted(label["arrangements"]),
        "remote_regions": sorted(label["remote_regions"]),
        "pay_currency": pay.get("currency"),
        "pay_period": pay.get("period"),
        "pay_min": pay.get("min"),
        "pay_max": pay.get("max"),
    }


def _same_amount(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def right(field: str, got: dict[str, Any], want: dict[str, Any]) -> bool:
    if field == "arrangement_primary":
        return got[field] in want["arrangement"]
    if field in ("pay_min", "pay_max"):
        return _same_amount(got[field], want[field])
    return got[field] == want[field]


def evaluate(labels: list[dict[str, Any]]) -> tuple[Counter[str], list[tuple[str, dict, dict]]]:
    cache: dict[str, Any] = {}
    hits: Counter[str] = Counter()
    rows = []
    for label in labels:
        url, entry = payload_for(label, cache)
        listing = normalize_raw({"source": "realdata", "kind": "feed", "url": url,
                                 "fetched_at": FETCHED_AT, "payload": entry})
        got, want = observed(listing), expected(label)
        ref = f"{Path(label['file']).name}#{label.get('id', label.get('row'))}"
        rows.append((ref, got, want))
        for field in FIELDS:
            hits[field] += right(field, got, want)
    return hits, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--misses", choices=FIELDS, help="list the misses of one field")
    parser.add_argument("--show", type=int, default=40, help="how many misses to list")
    args = parser.parse_args(argv)
    if not REALDATA.is_dir():
        print(f"places_eval: {REALDATA} is absent; nothing to score (skipped)")
        return 0
    labels = [json.loads(line) for line in args.dev.read_text(encoding="utf-8").splitlines()
              if line.strip()]
    labels = [label for label in labels if not label.get("skip")]
    hits, rows = evaluate(labels)
    n = len(labels)
    sources = Counter(Path(label["file"]).parent.name for label in labels)
    with_pay = sum(1 for label in labels if label.get("pay"))
    print(f"places_eval: {n} hand-labelled real postings "
          f"({', '.join(f'{k}: {v}' for k, v in sorted(sources.items()))}; {with_pay} state pay)")
    for field in FIELDS:
        target = TARGETS.get(field)
        mark = "" if target is None else ("  ok" if hits[field] / n >= target else
                                          f"  below target {target:.2f}")
        print(f"  {field:20s} {hits[field] / n:6.3f}  ({hits[field]}/{n}){mark}")
    if args.misses:
        shown = 0
        for ref, got, want in rows:
            if not right(args.misses, got, want) and shown < args.show:
                shown += 1
                key = "arrangement" if args.misses == "arrangement_primary" else args.misses
                print(f"  miss {ref}: got {got[args.misses]!r}, want {want[key]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
