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
from typing import Any

from index.documents import FACETS
from search_api.filters import build_filter, build_sort, id_filter
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
