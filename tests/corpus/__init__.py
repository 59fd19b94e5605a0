"""The labelled normalization corpus: RawListings of all nine kinds with the values a careful
reader would write down for them, and the per-field comparison used to score normalize_raw.

    cases() -> list[Case]              every case, in a stable order
    observed(listing) -> dict          a Listing in the label shape below
    field_matches(field, want, got)    whether one field of one case is right

Two generators, both written by hand (no label is computed by the code under test):
  tests/corpus/postings.py   whole postings: a task, terms, eligibility and place, rendered into
                             each kind's native payload (tests/corpus/render.py); every field
                             labelled.
  tests/corpus/snippets.py   messy phrases ("€2.000 brutto/Monat", "apply by March 3",
                             "Remote (US only)") placed in a posting of a rotating kind; only the
                             field the snippet is about is labelled.

Label shape (absent key = not labelled for that case):
  pay             {"min", "max", "currency", "period", "paid"} or None (nothing said about pay)
  hourly          {"min", "max", "derived"} or None
  duration_weeks, hours_per_week, total_hours   [min, max] or None (a bound may be None)
  posted_at, deadline, start_date               "YYYY-MM-DD" or None
  locations       [[city, region, country], ...] (order ignored)
  arrangement     remote / hybrid / onsite / unknown
  remote_regions, employment_types, skills, eligibility    lists (order ignored)
  category        a slug or None
  is_micro        bool
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from normalize.fields.places import CA_PROVINCES, US_STATES

FIELDS = ("pay", "pay.paid", "hourly", "duration_weeks", "hours_per_week", "total_hours",
          "posted_at", "deadline", "start_date", "locations", "arrangement", "remote_regions",
          "employment_types", "category", "skills", "eligibility", "is_micro")
TARGET = 0.97  # per-field accuracy floor
FETCHED_AT = "2026-03-10T09:00:00+00:00"  # the fetch time of most cases ("3 days ago" = 03-07)


@dataclass
class Case:
    """One labelled RawListing."""

    id: str
    kind: str
    raw: dict[str, Any]
    expected: dict[str, Any]
    tags: list[str] = field(default_factory=list)


def cases() -> list[Case]:
    from tests.corpus import postings, snippets

    return [*postings.cases(), *snippets.cases()]


def observed(listing: Any) -> dict[str, Any]:
    """A Listing (model or its JSON dict) in the label shape."""
    x = listing if isinstance(listing, dict) else listing.model_dump(mode="json")
    pay = x["pay"]
    said = any(pay.get(k) is not None for k in ("min", "max", "currency", "period", "paid"))
    return {
        "pay": {k: pay.get(k) for k in ("min", "max", "currency", "period", "paid")} if said
        else None,
        "pay.paid": pay.get("paid"),
        "hourly": {"min": pay.get("hourly_min"), "max": pay.get("hourly_max"),
                   "derived": pay.get("hourly_derived")}
        if pay.get("hourly_min") is not None or pay.get("hourly_max") is not None else None,
        "duration_weeks": _range(x.get("duration_weeks")),
        "hours_per_week": _range(x.get("hours_per_week")),
        "total_hours": _range(x.get("total_hours")),
        "posted_at": x.get("posted_at"),
        "deadline": x.get("deadline"),
        "start_date": x.get("start_date"),
        "locations": [[loc.get("city"), loc.get("region"), loc.get("country")]
                      for loc in x.get("locations") or []],
        "arrangement": x.get("arrangement"),
        "remote_regions": list(x.get("remote_regions") or []),
        "employment_types": list(x.get("employment_types") or []),
        "category": x.get("category"),
        "skills": list(x.get("skills") or []),
        "eligibility": list(x.get("eligibility") or []),
        "is_micro": (x.get("micro_internship") or {}).get("is_micro"),
    }


def _range(r: dict[str, Any] | None) -> list[float | None] | None:
    if not r or (r.get("min") is None and r.get("max") is None):
        return None
    return [r.get("min"), r.get("max")]


def labelled(case: Case) -> dict[str, Any]:
    """The case's labels, with pay.paid implied by a pay label."""
    want = dict(case.expected)
    if "pay" in want and "pay.paid" not in want:
        want["pay.paid"] = (want["pay"] or {}).get("paid")
    return want


def field_matches(name: str, want: Any, got: Any) -> bool:
    if name in ("pay", "hourly"):
        if want is None or got is None:
            return want is None and got is None
        return all(_same(want.get(k), got.get(k)) for k in want)
    if name in ("duration_weeks", "hours_per_week", "total_hours"):
        if want is None or got is None:
            return want is None and got is None
        return all(_same(w, g, tolerance=0.1) for w, g in zip(want, got, strict=True))
    if name == "locations":
        return sorted(map(_place_key, want)) == sorted(map(_place_key, got))
    if name in ("remote_regions", "employment_types", "skills", "eligibility"):
        return sorted(want) == sorted(got)
    return want == got


def _same(want: Any, got: Any, *, tolerance: float = 0.01) -> bool:
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        return isinstance(got, (int, float)) and abs(want - got) <= tolerance
    return want == got


_REGION_CODES = {name: code for code, name in {**US_STATES, **CA_PROVINCES}.items()}


def _place_key(place: list[Any]) -> tuple[str, str, str]:
    """City and region compared without case, a US state or Canadian province by its code."""
    city, region, country = (list(place) + [None, None, None])[:3]
    region_key = (region or "").strip().lower()
    region_key = _REGION_CODES.get(region_key, region_key).lower()
    return ((city or "").strip().lower(), region_key, country or "")


def evaluate(results: list[tuple[Case, dict[str, Any] | None]]) -> dict[str, tuple[int, int]]:
    """Per field: (right, labelled) over (case, observed-or-None-if-rejected) pairs."""
    score = {name: [0, 0] for name in FIELDS}
    for case, got in results:
        for name, want in labelled(case).items():
            score[name][1] += 1
            if got is not None and field_matches(name, want, got[name]):
                score[name][0] += 1
    return {name: (right, total) for name, (right, total) in score.items()}


def misses(case: Case, got: dict[str, Any] | None) -> list[tuple[str, Any, Any]]:
    """(field, wanted, got) for every labelled field of the case that is wrong."""
    out = []
    for name, want in labelled(case).items():
        value = None if got is None else got[name]
        if got is None or not field_matches(name, want, value):
            out.append((name, want, value))
    return out
