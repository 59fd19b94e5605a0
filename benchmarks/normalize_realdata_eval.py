"""Second accuracy check: real Ashby posting-API responses, their own structured fields as truth.

    .venv/bin/python -m benchmarks.normalize_realdata_eval [--dir PATH] [--misses N]

Reads every ../shared/realdata/ashby/*.json (one board's GET /posting-api/job-board/{org}
response each, with `jobs`), normalizes each job through normalize_raw as the ashby spider would
hand it over (the job plus `_board`), and compares against what the same job says in structure:
  employment_types  employmentType (FullTime, PartTime, Intern, Contract, Temporary)
  arrangement       workplaceType, else isRemote (true: remote; false: not remote, so onsite or
                    hybrid both count); neither: not scored
  country           address.postalAddress.addressCountry (by pycountry) among the Listing's places
  pay               the Salary entry of compensation.summaryComponents (min, max, currency and
                    interval; a zero bound means "not given", "1 TIME" a one-off PROJECT fee);
                    jobs without one are not scored
  posted_at         the date of publishedAt
The data is read where it lies and never copied into the repository. Without the folder the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry

from normalize import NormalizeError, normalize_raw

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "ashby"
FETCHED_AT = "2025-10-15T00:00:00+00:00"  # the month the responses were saved
TYPES = {"FullTime": "FULL_TIME", "PartTime": "PART_TIME", "Intern": "INTERN",
         "Contract": "CONTRACTOR", "Temporary": "TEMPORARY"}
ARRANGEMENTS = {"Remote": "remote", "Hybrid": "hybrid", "OnSite": "onsite"}
PERIODS = {"1 HOUR": "HOUR", "1 DAY": "DAY", "1 WEEK": "WEEK", "1 MONTH": "MONTH", "1 YEAR": "YEAR",
           "1 TIME": "PROJECT"}  # "1 TIME": a one-off payment ("$60.00 once")
FIELDS = ("employment_types", "arrangement", "country", "pay", "posted_at")
TARGET = 0.97


def country_code(name: Any) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return {"USA": "US", "UK": "GB"}.get(name.strip())


def truth(job: dict[str, Any]) -> dict[str, Any]:
    """What the job's structured fields say, per scored field (absent = not scored)."""
    out: dict[str, Any] = {}
    if job.get("employmentType") in TYPES:
        out["employment_types"] = TYPES[job["employmentType"]]
    if job.get("workplaceType") in ARRANGEMENTS:
        out["arrangement"] = {ARRANGEMENTS[job["workplaceType"]]}
    elif job.get("isRemote") is True:
        out["arrangement"] = {"remote"}
    elif job.get("isRemote") is False:
        out["arrangement"] = {"onsite", "hybrid"}
    postal = (job.get("address") or {}).get("postalAddress") or {}
    code = country_code(postal.get("addressCountry"))
    if code:
        out["country"] = code
    for c in (job.get("compensation") or {}).get("summaryComponents") or []:
        if c.get("compensationType") == "Salary" and (c.get("minValue") or c.get("maxValue")):
            # A zero bound is how Ashby writes "not given" ("$0 – $750K"): the Listing leaves it
            # empty, as docs/normalization.md says.
            out["pay"] = (c.get("minValue") or None, c.get("maxValue") or None,
                          c.get("currencyCode"), PERIODS.get(c.get("interval")))
            break
    if isinstance(job.get("publishedAt"), str):
        out["posted_at"] = job["publishedAt"][:10]
    return out


def observed(listing: Any) -> dict[str, Any]:
    pay = listing.pay
    return {
        "employment_types": listing.employment_types,
        "arrangement": listing.arrangement,
        "country": [loc.country for loc in listing.locations],
        "pay": (pay.min, pay.max, pay.currency, pay.period),
        "posted_at": listing.posted_at,
    }


def right(field: str, want: Any, got: Any) -> bool:
    if field == "employment_types":
        return got == [want]
    if field == "arrangement":
        return got in want
    if field == "country":
        return want in got
    if field == "pay":
        lo, hi, currency, period = got
        return (_close(lo, want[0]) and _close(hi, want[1]) and currency == want[2]
                and period == want[3])
    return got == want


def _close(got: float | None, want: float | None) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return abs(got - want) < 0.01


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=REALDATA)
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    files = sorted(args.dir.glob("*.json")) if args.dir.is_dir() else []
    if not files:
        print(f"skipped: no Ashby responses in {args.dir} (the shared realdata folder is absent)")
        return 0
    score = {f: [0, 0] for f in FIELDS}
    wrong: dict[str, list[str]] = defaultdict(list)
    jobs = failed = 0
    for path in files:
        board = path.stem
        for job in json.loads(path.read_text()).get("jobs") or []:
            jobs += 1
            raw = {"source": f"ashby-{board.lower()}", "kind": "ashby",
                   "url": f"https://api.ashbyhq.com/posting-api/job-board/{board}",
                   "fetched_at": FETCHED_AT, "payload": {**job, "_board": {"token": board}}}
            try:
                got = observed(normalize_raw(raw))
            except NormalizeError as exc:
                failed += 1
                wrong["rejected"].append(f"  {board}/{job.get('id')}: {exc}")
                got = None
            for field, want in truth(job).items():
                score[field][1] += 1
                if got is not None and right(field, want, got[field]):
                    score[field][0] += 1
                else:
                    value = None if got is None else got[field]
                    wrong[field].append(f"  {board} {job.get('title')!r}: want {want!r} got {value!r}")
    print(f"{jobs} jobs from {len(files)} Ashby boards, {failed} rejected")
    print(f"{'field':18} {'scored':>7} {'accuracy':>9}")
    short = []
    for field in FIELDS:
        ok, total = score[field]
        acc = ok / total if total else 1.0
        if acc < TARGET:
            short.append(field)
        print(f"{field:18} {total:7d} {acc:9.1%}" + ("  << below target" if acc < TARGET else ""))
    if args.misses:
        for field, lines in wrong.items():
            print(f"\n{field}: {len(lines)} wrong")
            print("\n".join(lines[: args.misses]))
    print(f"\nfields below {TARGET:.0%}: {', '.join(short) if short else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
