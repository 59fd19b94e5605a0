"""Search results -> CSV. Pure functions.

One row per listing, one value per cell (lists joined with "; "), so a spreadsheet opens it
as it is. A text cell that starts with = + - @ or a tab/return is prefixed with a quote: a
spreadsheet would otherwise run a posting's title such as `=HYPERLINK(...)` as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from search_api.jsonld import source_urls

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _get(*path: str) -> Callable[[dict[str, Any]], Any]:
    def read(doc: dict[str, Any]) -> Any:
        value: Any = doc
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        return value

    return read


COLUMNS: list[tuple[str, Callable[[dict[str, Any]], Any]]] = [
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
    ("duration_weeks_min", _get("duration_weeks", "min")),
    ("duration_weeks_max", _get("duration_weeks", "max")),
    ("hours_per_week_min", _get("hours_per_week", "min")),
    ("hours_per_week_max", _get("hours_per_week", "max")),
    ("posted_at", _get("posted_at")),
    ("deadline", _get("deadline")),
    ("micro_internship", _get("micro_internship", "is_micro")),
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


def to_csv(docs: Iterable[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in COLUMNS])
    for doc in docs:
        writer.writerow([cell(read(doc)) for _, read in COLUMNS])
    # A BOM so that spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + out.getvalue()).encode()
