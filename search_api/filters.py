"""Validated search parameters -> a Meilisearch filter and sort. Pure functions, no I/O.

The filter is Meilisearch's array form: its items are ANDed, and an item that is itself an
array is ORed. Every string value is quoted and escaped, never pasted in bare: a bare `IN`
(India) is a keyword to Meilisearch, and an unescaped `"` would let a value rewrite the
expression (`US" OR status = "expired`). Numbers are written by `number()` from validated,
finite floats in fixed-point notation, so no exponent or `NaN` reaches the parser. Field names
must be filterable (or sortable) attributes of the index (index.documents), so a typo here fails
loudly instead of matching nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime
from datetime import time as clock

from index.documents import FILTERABLE, SORTABLE
from search_api.params import SearchParams

Filter = list[str | list[str]]

DAY_S = 86_400

# Repeatable parameter -> document field. One line per new multi-value filter.
FILTER_FIELDS = {
    "arrangement": "arrangement",
    "employment_type": "employment_types",
    "country": "countries",
    "city": "cities",
    "organization": "organization_name",
    "category": "category",
    "skills": "skills",
}

# Upper-bound parameter -> document field: `field <= value`.
AT_MOST_FIELDS = {
    "duration_max_weeks": "duration_weeks_max",
    "hours_max": "hours_per_week_max",
}

# `sort` value -> Meilisearch sort. Documents without the field come last either way.
SORTS: dict[str, list[str]] = {
    "relevance": [],
    "newest": ["posted_at_ts:desc"],
    "deadline": ["deadline_ts:asc"],
    "pay": ["pay_hourly_min_usd:desc"],  # in US dollars: comparable across currencies
}


def quote(value: str) -> str:
    """A Meilisearch filter string literal: backslash and double quote escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def number(value: float | int) -> str:
    """A filter number literal: fixed-point, at most 4 decimals, never an exponent."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise TypeError(f"not a finite number: {value!r}")
    if isinstance(value, int):
        return str(value)
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _field(name: str) -> str:
    if name not in FILTERABLE:
        raise ValueError(f"{name!r} is not a filterable attribute of the index")
    return name


def equals(field: str, value: str | bool) -> str:
    """`field = "value"`, or `field = true|false` for a boolean."""
    if isinstance(value, bool):
        return f"{_field(field)} = {'true' if value else 'false'}"
    if not isinstance(value, str):
        raise TypeError(f"filter value for {field!r} must be str or bool, not {type(value)}")
    return f"{_field(field)} = {quote(value)}"


def compare(field: str, operator: str, value: float | int) -> str:
    """`field >= 12.5` and the like."""
    if operator not in (">=", "<=", ">", "<"):
        raise ValueError(f"unsupported operator {operator!r}")
    return f"{_field(field)} {operator} {number(value)}"


def any_of(field: str, values: Iterable[str]) -> list[str]:
    """An OR group: the field equals any of the values."""
    return [equals(field, value) for value in values]


def build_filter(params: SearchParams, now: float | None = None) -> Filter:
    """The filter for a search; an empty list means no filter. `now` (epoch seconds, default
    the current time) anchors `posted_within_days`."""
    expression: Filter = []
    for param, field in FILTER_FIELDS.items():
        values = getattr(params, param)
        if values:
            expression.append(any_of(field, values))
    if params.paid is not None:
        expression.append(equals("paid", params.paid))
    if params.pay_min is not None:
        expression.append(compare("pay_hourly_min_usd", ">=", params.pay_min))
    for param, field in AT_MOST_FIELDS.items():
        value = getattr(params, param)
        if value is not None:
            expression.append(compare(field, "<=", value))
    if params.posted_within_days is not None:
        since = int(time.time() if now is None else now) - params.posted_within_days * DAY_S
        expression.append(compare("posted_at_ts", ">=", since))
    if params.deadline_after is not None:
        start_of_day = datetime.combine(params.deadline_after, clock.min, tzinfo=UTC)
        expression.append(compare("deadline_ts", ">=", int(start_of_day.timestamp())))
    if params.micro_only:
        expression.append(equals("is_micro", True))
    return expression


def build_sort(params: SearchParams) -> list[str]:
    """The Meilisearch sort for `params.sort`; empty for relevance."""
    sort = SORTS[params.sort]
    for rule in sort:
        if rule.split(":")[0] not in SORTABLE:
            raise ValueError(f"{rule!r} is not a sortable attribute of the index")
    return sort


def id_filter(listing_id: str) -> Filter:
    """The filter that finds one document by id (a search key cannot GET documents)."""
    return [equals("id", listing_id)]
