"""Micro-internship verdict on real postings, against labels written by hand.

    .venv/bin/python -m benchmarks.micro_eval [--labels PATH] [--misses N]
    .venv/bin/python -m benchmarks.micro_eval --show FILE [--rows 0:20]   (for labelling)

The development set, benchmarks/devsets/micro_dev.jsonl, names real postings in
../shared/realdata/ by file and row (CSV) or id (HN comment, Ashby job); it holds no posting
text. Each line carries the labels: duration_weeks, hours_per_week (null or {min, max}), paid
(yes / no / unknown), audience (students / any), is_micro, and a note. The rules for labelling
are in benchmarks/devsets/README.md.

Each posting is normalized the way Stint would receive it: an Ashby job as the ashby spider
hands it over (the job plus `_board`), a LinkedIn CSV row and a Hacker News comment as a feed
entry with only a title and an HTML description. Reported: per-field accuracy, duration and
hours split into "stated" (right within 10%) and "not stated" (left empty), and is_micro
precision, recall and false-positive rate. Without the realdata folder the script says so and
exits 0. `--show FILE` prints postings of one file with the sentences that matter for labelling
(and what the parser says, after the labels were written, to look at misses).
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import sys
from pathlib import Path
from typing import Any

from normalize import NormalizeError, normalize_raw
from normalize.fields.micro import is_for_students
from normalize.schema import RawListing

HERE = Path(__file__).resolve().parent
LABELS = HERE / "devsets" / "micro_dev.jsonl"
FETCHED_AT = "2025-10-15T00:00:00+00:00"
TOLERANCE = 0.10


def realdata_dir() -> Path | None:
    """../shared/realdata from the checkout (a worktree may sit one level deeper)."""
    for parent in HERE.parents:
        candidate = parent / "shared" / "realdata"
        if candidate.is_dir():
            return candidate
    return None


# --- loading the real postings --------------------------------------------------------------

_CACHE: dict[Path, Any] = {}


def _csv_rows(path: Path) -> dict[str, dict[str, str]]:
    if path not in _CACHE:
        csv.field_size_limit(sys.maxsize)
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        _CACHE[path] = {row[""]: row for row in rows}  # the unnamed first column: pandas index
    return _CACHE[path]


def _json(path: Path) -> Any:
    if path not in _CACHE:
        _CACHE[path] = json.loads(path.read_text(encoding="utf-8"))
    return _CACHE[path]


def _text_html(text: str) -> str:
    """Plain text (runs of blank lines) as HTML paragraphs, as a career site would show it."""
    lines = (line.strip() for line in text.splitlines())
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def _hn_title(text: str) -> str:
    first = text.split("<p>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", first)).strip()[:200] or "(untitled)"


def raw_listing(root: Path, ref: dict[str, Any]) -> RawListing:
    """The RawListing of one referenced posting."""
    path = root / ref["file"]
    if path.suffix == ".csv":
        row = _csv_rows(path)[str(ref["row"])]
        text = row.get("raw_description") or row.get("raw description") or ""
        payload = {"title": row["title"], "summary": _text_html(text),
                   "id": f"{ref['file']}#{ref['row']}"}
        return RawListing(source="dev-linkedin", kind="feed", url="https://example.invalid/",
                          fetched_at=FETCHED_AT, payload=payload)
    data = _json(path)
    if "ashby" in ref["file"]:
        job = next(j for j in data["jobs"] if j.get("id") == ref["id"])
        board = {"token": path.stem, "name": path.stem}
        return RawListing(source="dev-ashby", kind="ashby", url=f"https://jobs.ashbyhq.com/{path.stem}",
                          fetched_at=FETCHED_AT, payload={**job, "_board": board})
    item = next(j for j in data["jobs"] if j.get("id") == ref["id"])
    text = item.get("text") or ""
    payload = {"title": _hn_title(text), "summary": text, "id": str(ref["id"])}
    return RawListing(source="dev-hn", kind="feed", url="https://news.ycombinator.com/",
                      fetched_at=FETCHED_AT, payload=payload)


def refs_of(root: Path, file: str) -> list[dict[str, Any]]:
    """Every posting reference in one file, in file order."""
    path = root / file
    if path.suffix == ".csv":
        return [{"file": file, "row": int(k)} for k in _csv_rows(path)]
    return [{"file": file, "id": j["id"]} for j in _json(path)["jobs"]]


# --- scoring --------------------------------------------------------------------------------

def _bounds(value: dict[str, Any] | None) -> tuple[float, float] | None:
    if not value:
        return None
    lo, hi = value.get("min"), value.get("max")
    if lo is None and hi is None:
        return None
    return (lo if lo is not None else hi, hi if hi is not None else lo)


def _close(got: tuple[float, float], want: tuple[float, float]) -> bool:
    return all(abs(g - w) <= TOLERANCE * w + 1e-9 for g, w in zip(got, want, strict=True))


def predicted(listing: Any) -> dict[str, Any]:
    paid = listing.pay.paid  # audience: the micro-internship verdict's gate, as it reads it
    low = f"{listing.title}\n{listing.description_text}".lower()
    audience = is_for_students(low, eligibility=listing.eligibility,
                               employment_types=listing.employment_types)
    return {
        "duration_weeks": listing.duration_weeks.model_dump(),
        "hours_per_week": listing.hours_per_week.model_dump(),
        "paid": {True: "yes", False: "no"}.get(paid, "unknown"),
        "audience": "students" if audience else "any",
        "is_micro": listing.micro_internship.is_micro,
        "reasons": listing.micro_internship.reasons,
    }


class Tally:
    def __init__(self) -> None:
        self.right: dict[str, int] = {}
        self.total: dict[str, int] = {}
        self.misses: dict[str, list[str]] = {}

    def add(self, name: str, ok: bool, miss: str) -> None:
        self.total[name] = self.total.get(name, 0) + 1
        self.right[name] = self.right.get(name, 0) + ok
        if not ok:
            self.misses.setdefault(name, []).append(miss)


def score(labels: list[dict[str, Any]], root: Path) -> tuple[Tally, dict[str, int]]:
    tally = Tally()
    confusion = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for label in labels:
        ref = label["ref"]
        where = f"{ref['file']}#{ref.get('row', ref.get('id'))} {label.get('title', '')[:50]!r}"
        try:
            got = predicted(normalize_raw(raw_listing(root, ref)))
        except NormalizeError as exc:
            tally.add("normalized", False, f"{where}: {exc}")
            continue
        tally.add("normalized", True, "")
        for name in ("duration_weeks", "hours_per_week"):
            want, have = _bounds(label[name]), _bounds(got[name])
            if want is None:
                tally.add(f"{name}: not stated -> empty", have is None,
                          f"{where}: got {have}")
            else:
                tally.add(f"{name}: stated -> right ±10%", have is not None and _close(have, want),
                          f"{where}: want {want} got {have}")
        for name in ("paid", "audience"):
            tally.add(name, got[name] == label[name],
                      f"{where}: want {label[name]} got {got[name]}")
        want_micro, is_micro = bool(label["is_micro"]), got["is_micro"]
        key = ("t" if want_micro == is_micro else "f") + ("p" if is_micro else "n")
        confusion[key] += 1
        tally.add("is_micro", want_micro == is_micro,
                  f"{where}: want {want_micro} got {is_micro} {got['reasons']}")
    return tally, confusion


def report(tally: Tally, confusion: dict[str, int], misses: int) -> None:
    for name in tally.total:
        right, total = tally.right[name], tally.total[name]
        print(f"{name:42} {right:4}/{total:<4} {right / total:6.1%}")
    tp, fp, fn, tn = (confusion[k] for k in ("tp", "fp", "fn", "tn"))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    fpr = fp / (fp + tn) if fp + tn else float("nan")
    print(f"is_micro: {tp + fn} micro, {fp + tn} not; precision {precision:.2f} ({tp}/{tp + fp}), "
          f"recall {recall:.2f} ({tp}/{tp + fn}), false-positive rate {fpr:.2%} ({fp}/{fp + tn})")
    if misses:
        for name, lines in tally.misses.items():
            print(f"\n-- {name}: {len(lines)} misses")
            for line in lines[:misses]:
                print("  ", line)


# --- showing postings for labelling ---------------------------------------------------------

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_CUE_RE = re.compile(
    r"\d\s*(?:[-–]|to)?\s*(?:\d+\s*)?[- ]?(?:weeks?|wks?|months?|days?|hours?|hrs?|h\b|years?)"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)[\s-]+(?:weeks?|months?)\b"
    r"|part[- ]time|full[- ]time|\bunpaid|stipend|volunteer|[$€£]|per\s+hour|/\s*hr|hourly"
    r"|\b(?:duration|length|term|contract|temporary|seasonal|freelance|gig)\b"
    rf"|\b{_MONTHS}\s*(?:\d|[-–]|to\b|through\b)",
    re.I,
)
_AUDIENCE_CUE_RE = re.compile(r"\b(?:students?|undergrad\w*|graduat\w*|class\s+of|co-?op)\b", re.I)
_BOILERPLATE_RE = re.compile(r"without regard|equal opportunity|accommodation", re.I)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+|\n+")


def show(root: Path, file: str, rows: slice, with_parser: bool) -> None:
    shown: set[str] = set()
    for ref in refs_of(root, file)[rows]:
        raw = raw_listing(root, ref)
        listing = normalize_raw(raw)
        key = ref.get("row", ref.get("id"))
        if listing.description_text in shown:
            print(f"=== {file}#{key} (same text as one above)")
            continue
        shown.add(listing.description_text)
        print(f"=== {file}#{key} | {listing.title[:110]}")
        seen: set[str] = set()
        audience = 0
        for sentence in _SENTENCE_RE.split(listing.description_text):
            s = sentence.strip()
            if not s or s in seen or _BOILERPLATE_RE.search(s):
                continue
            cue = bool(_CUE_RE.search(s))
            if not cue and audience < 2 and _AUDIENCE_CUE_RE.search(s):
                audience += 1
                cue = True
            if cue:
                seen.add(s)
                print("   ", s[:200])
        if with_parser:
            got = predicted(listing)
            print("  parser:", {k: got[k] for k in ("duration_weeks", "hours_per_week", "paid",
                                                    "audience", "is_micro")})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--misses", type=int, default=0, help="print N misses per field")
    parser.add_argument("--show", metavar="FILE", help="print one realdata file's postings")
    parser.add_argument("--rows", default=":", help="with --show: a slice such as 0:20")
    parser.add_argument("--parser", action="store_true", help="with --show: the parser's view")
    args = parser.parse_args(argv)
    root = realdata_dir()
    if root is None:
        print("skipped: ../shared/realdata is absent")
        return 0
    if args.show:
        parts = [int(p) if p else None for p in args.rows.split(":")]
        show(root, args.show, slice(*parts), args.parser)
        return 0
    labels = [json.loads(line) for line in args.labels.read_text().splitlines() if line.strip()]
    print(f"{len(labels)} hand-labelled real postings from {root}")
    tally, confusion = score(labels, root)
    report(tally, confusion, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
