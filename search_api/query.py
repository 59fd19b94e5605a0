"""Search parameters -> a Meilisearch search request, and its answer -> the API's response.

Pure functions. Hits are kept lean: the fields of a result card (HIT_FIELDS), and `_formatted`
holds only the highlighted title and the cropped description snippet rather than Meilisearch's
full formatted copy of every retrieved attribute.

`_formatted` values are safe HTML: Meilisearch inserts its highlight tags into the raw text
without escaping it, so it is asked for private-use sentinels instead of `<mark>`; the text is
then HTML-escaped and only the sentinels become `<mark>`/`</mark>`. A title holding `<script>`
comes out as `&lt;script&gt;`, and a literal `<mark>` in a description stays text.
"""

from __future__ import annotations

import html
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from datetime import time as clock
from typing import Any

from index.documents import FACETS, FILTERABLE, SORTABLE
from search_api.params import SearchParams

HIGHLIGHTED = ["title", "description_text"]
CROPPED = ["description_text"]
CROP_LENGTH = 30  # words: about two lines on a result card
PRE, POST = "\ue000", "\ue001"  # private-use code points: never meaningful in a posting
HIGHLIGHT_TAGS = {"highlightPreTag": PRE, "highlightPostTag": POST}
# The facets a search asks for: the index's facets plus the ones the web page filters on.
SEARCH_FACETS = [*FACETS, *(name for name in ("skills", "is_micro") if name not in FACETS)]


# What a result card shows, and the flat values a client sorts or compares on. Everything else
# (description_html and description_text, locations, lifecycle fields, warnings) comes from
# /listings/{id}: the API's time per search grows with the bytes it relays, and Meilisearch
# doubles them, since `_formatted` repeats every retrieved attribute. The description's
# cropped, highlighted snippet is in `_formatted` all the same (Meilisearch formats the
# attributes it crops whether or not they are retrieved). `sources` and `cluster_id` arrive
# with deduplication; asking for absent fields costs nothing.
HIT_FIELDS = [
    "id", "source", "title", "organization", "url", "apply_url", "arrangement", "employment_types", "pay",
    "duration_weeks", "hours_per_week", "posted_at", "deadline", "start_date", "category",
    "skills", "countries", "cities", "is_micro", "pay_hourly_min", "pay_hourly_min_usd",
    "pay_hourly_max_usd", "posted_at_ts",
    "deadline_ts", "sources", "cluster_id",
]


def search_body(params: SearchParams, now: float | None = None,
                page_size: int | None = None, sort: list[str] | None = None) -> dict[str, Any]:
    """The body of POST /indexes/{uid}/search. page/hitsPerPage (not offset/limit) makes
    Meilisearch count `totalHits` exactly instead of estimating it. `page_size` and `sort`
    override the parameters' own (feeds and exports use them)."""
    body: dict[str, Any] = {
        "q": params.q,
        "page": params.page,
        "hitsPerPage": page_size or params.page_size,
        "facets": SEARCH_FACETS,
        "attributesToRetrieve": HIT_FIELDS,
        "attributesToHighlight": HIGHLIGHTED,
        "attributesToCrop": CROPPED,
        "cropLength": CROP_LENGTH,
        **HIGHLIGHT_TAGS,
    }
    expression = build_filter(params, now)
    if expression:
        body["filter"] = expression
    sort = build_sort(params) if sort is None else sort
    if sort:
        body["sort"] = sort
    return body


def listing_body(listing_id: str) -> dict[str, Any]:
    """The search that fetches one whole document by id."""
    return {"q": "", "filter": id_filter(listing_id), "limit": 1}


def safe_highlight(text: str) -> str:
    """Escaped HTML in which only the highlight sentinels become <mark> elements."""
    return html.escape(text, quote=False).replace(PRE, "<mark>").replace(POST, "</mark>")


def lean_hit(hit: dict[str, Any]) -> dict[str, Any]:
    formatted = hit.get("_formatted") or {}
    hit["_formatted"] = {name: safe_highlight(formatted[name]) for name in HIGHLIGHTED
                         if isinstance(formatted.get(name), str)}
    hit.pop("description_html", None)
    return hit


def search_response(params: SearchParams, result: dict[str, Any],
                    elapsed_ms: float) -> dict[str, Any]:
    """The /search response from Meilisearch's answer."""
    facets = result.get("facetDistribution") or {}
    return {
        "query": params.q,
        "page": result.get("page", params.page),
        "page_size": result.get("hitsPerPage", params.page_size),
        "total": result.get("totalHits", 0),
        "total_pages": result.get("totalPages", 0),
        "hits": [lean_hit(hit) for hit in result.get("hits", [])],
        # Every facet is present, empty when no hit has a value for it.
        "facets": {name: facets.get(name, {}) for name in SEARCH_FACETS},
        "processing_ms": round(elapsed_ms, 2),
    }


def documents_body(params: SearchParams, limit: int, sort: list[str] | None = None,
                   now: float | None = None, offset: int = 0) -> dict[str, Any]:
    """The search for whole documents (feeds, exports): `limit` matches of the parameters'
    filters and query from `offset`, no facets, no highlighting."""
    body: dict[str, Any] = {"q": params.q, "limit": limit, "offset": offset}
    expression = build_filter(params, now)
    if expression:
        body["filter"] = expression
    sort = build_sort(params) if sort is None else sort
    if sort:
        body["sort"] = sort
    return body


def count_body(params: SearchParams, now: float | None = None) -> dict[str, Any]:
    """The search that only counts (exactly) what the parameters match."""
    body: dict[str, Any] = {"q": params.q, "page": 1, "hitsPerPage": 0}
    expression = build_filter(params, now)
    if expression:
        body["filter"] = expression
    return body


# -- Validated search parameters -> a Meilisearch filter and sort ---------------------------
# The filter is Meilisearch's array form: its items are ANDed, and an item that is itself an
# array is ORed. Every string value is quoted and escaped, never pasted in bare: a bare `IN`
# (India) is a keyword to Meilisearch, and an unescaped `"` would let a value rewrite the
# expression (`US" OR status = "expired`). Numbers are written by `number()` from validated,
# finite floats in fixed-point notation, so no exponent or `NaN` reaches the parser. Field names
# must be filterable (or sortable) attributes of the index (index.documents), so a typo here fails
# loudly instead of matching nothing.

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
    "currency": "pay.currency",
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
