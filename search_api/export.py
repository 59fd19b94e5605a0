"""Listings -> CSV: the one CSV writer, used by the API's `/export.csv` (index documents,
`INDEX_COLUMNS`) and by `stint export --format csv` (stored listings, `LISTING_COLUMNS`).

One row per listing, one value per cell (lists joined with "; "), so a spreadsheet opens it
as it is. A text cell that starts with = + - @ or a tab/return is prefixed with a quote: a
spreadsheet would otherwise run a posting's title such as `=HYPERLINK(...)` as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from search_api.jsonld import source_urls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _get(*path: str) -> Callable[[dict[str, Any]], Any]:
    def read(doc: dict[str, Any]) -> Any:
        value: Any = doc
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return read


Columns = list[tuple[str, Callable[[dict[str, Any]], Any]]]

INDEX_COLUMNS: Columns = [
    ("id", _get("id")),
    ("title", _get("title")),
    ("organization", _get("organization", "name")),
    ("url", _get("url")),
    ("apply_url", _get("apply_url")),
    ("also_posted_on", lambda d: source_urls(d)[1:]),
    ("arrangement", _get("arrangement")),
    ("countries", _get("countries")),
    ("cities", _get("cities")),
    ("employment_types", _get("employment_types")),
    ("category", _get("category")),
    ("skills", _get("skills")),
    ("paid", _get("pay", "paid")),
    ("pay_min", _get("pay", "min")),
    ("pay_max", _get("pay", "max")),
    ("currency", _get("pay", "currency")),
    ("pay_period", _get("pay", "period")),
    ("pay_hourly_min", _get("pay", "hourly_min")),
    ("pay_hourly_max", _get("pay", "hourly_max")),
    ("pay_hourly_min_usd", _get("pay_hourly_min_usd")),
    ("duration_weeks_min", _get("duration_weeks", "min")),
    ("duration_weeks_max", _get("duration_weeks", "max")),
    ("hours_per_week_min", _get("hours_per_week", "min")),
    ("hours_per_week_max", _get("hours_per_week", "max")),
    ("posted_at", _get("posted_at")),
    ("deadline", _get("deadline")),
    ("micro_internship", _get("micro_internship", "is_micro")),
]


def _places(listing: dict[str, Any]) -> str:
    return "; ".join(
        ", ".join(p for p in (loc.get("city"), loc.get("region"), loc.get("country")) if p)
        or (loc.get("raw") or "")
        for loc in listing.get("locations") or []
    )


LISTING_COLUMNS: Columns = [
    ("id", _get("id")),
    ("title", _get("title")),
    ("organization", _get("organization", "name")),
    ("url", _get("url")),
    ("apply_url", _get("apply_url")),
    ("locations", _places),
    ("arrangement", _get("arrangement")),
    ("employment_types", lambda d: " ".join(d.get("employment_types") or [])),
    ("pay_min", _get("pay", "min")),
    ("pay_max", _get("pay", "max")),
    ("pay_currency", _get("pay", "currency")),
    ("pay_period", _get("pay", "period")),
    ("paid", _get("pay", "paid")),
    ("duration_weeks_min", _get("duration_weeks", "min")),
    ("duration_weeks_max", _get("duration_weeks", "max")),
    ("hours_per_week_min", _get("hours_per_week", "min")),
    ("hours_per_week_max", _get("hours_per_week", "max")),
    ("posted_at", _get("posted_at")),
    ("deadline", _get("deadline")),
    ("category", _get("category")),
    ("source", _get("source")),
    ("first_seen_at", _get("first_seen_at")),
    ("last_seen_at", _get("last_seen_at")),
    ("status", _get("status")),
]


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if v is not None)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(columns: Columns, records: Iterable[dict[str, Any]], out: TextIO) -> None:
    """A header, then one escaped row per record, written as they come (RFC 4180 line ends)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in columns])
    for record in records:
        writer.writerow([cell(read(record)) for _, read in columns])


def to_csv(docs: Iterable[dict[str, Any]]) -> bytes:
    """Index documents as a CSV file, with a BOM so spreadsheet programs read it as UTF-8."""
    out = io.StringIO()
    out.write("\ufeff")
    write_csv(INDEX_COLUMNS, docs, out)
    return out.getvalue().encode()
