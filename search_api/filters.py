"""Validated search parameters -> a Meilisearch filter. Pure functions, no I/O.

The filter is Meilisearch's array form: its items are ANDed, and an item that is itself an
array is ORed. Every string value is quoted and escaped, never pasted in bare: a bare `IN`
(India) is a keyword to Meilisearch, and an unescaped `"` would let a value rewrite the
expression (`US" OR status = "expired`). Field names must be filterable attributes of the
index (index.documents.FILTERABLE), so a typo here fails loudly instead of matching nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.documents import FILTERABLE
from search_api.params import SearchParams

Filter = list[str | list[str]]

# Repeatable parameter -> document field. One line per new multi-value filter.
FILTER_FIELDS = {
    "arrangement": "arrangement",
    "employment_type": "employment_types",
    "country": "countries",
    "organization": "organization_name",
}


def quote(value: str) -> str:
    """A Meilisearch filter string literal: backslash and double quote escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


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


def any_of(field: str, values: Iterable[str]) -> list[str]:
    """An OR group: the field equals any of the values."""
    return [equals(field, value) for value in values]


def build_filter(params: SearchParams) -> Filter:
    """The filter for a search; an empty list means no filter."""
    expression: Filter = []
    for param, field in FILTER_FIELDS.items():
        values = getattr(params, param)
        if values:
            expression.append(any_of(field, values))
    if params.paid is not None:
        expression.append(equals("paid", params.paid))
    if params.micro_only:
        expression.append(equals("is_micro", True))
    return expression


def id_filter(listing_id: str) -> Filter:
    """The filter that finds one document by id (a search key cannot GET documents)."""
    return [equals("id", listing_id)]
