"""Search parameters -> a Meilisearch search request, and its answer -> the API's response.

Pure functions. Hits are kept lean: no `description_html` (only the listing route returns it),
and `_formatted` holds only the highlighted title and the cropped description snippet rather
than Meilisearch's full formatted copy of every retrieved attribute.
"""

from __future__ import annotations

from typing import Any

from index.documents import FACETS, to_document
from normalize.schema import Listing
from search_api.filters import build_filter, id_filter
from search_api.params import SearchParams

HIGHLIGHTED = ["title", "description_text"]
CROPPED = ["description_text"]
CROP_LENGTH = 30  # words: about two lines on a result card
HIGHLIGHT_TAGS = {"highlightPreTag": "<mark>", "highlightPostTag": "</mark>"}


def _document_fields() -> list[str]:
    """Every attribute a document has (Listing fields + flat index fields), derived from the
    schema so a new Listing field shows up in hits without touching this module."""
    sample = Listing(id="x", source="x", kind="x", url="x", title="x")
    return list(to_document(sample.model_dump(mode="json")))


HIT_FIELDS = [name for name in _document_fields() if name != "description_html"]


def search_body(params: SearchParams) -> dict[str, Any]:
    """The body of POST /indexes/{uid}/search. page/hitsPerPage (not offset/limit) makes
    Meilisearch count `totalHits` exactly instead of estimating it."""
    body: dict[str, Any] = {
        "q": params.q,
        "page": params.page,
        "hitsPerPage": params.page_size,
        "facets": FACETS,
        "attributesToRetrieve": HIT_FIELDS,
        "attributesToHighlight": HIGHLIGHTED,
        "attributesToCrop": CROPPED,
        "cropLength": CROP_LENGTH,
        **HIGHLIGHT_TAGS,
    }
    expression = build_filter(params)
    if expression:
        body["filter"] = expression
    return body


def listing_body(listing_id: str) -> dict[str, Any]:
    """The search that fetches one whole document by id."""
    return {"q": "", "filter": id_filter(listing_id), "limit": 1}


def lean_hit(hit: dict[str, Any]) -> dict[str, Any]:
    formatted = hit.get("_formatted") or {}
    hit["_formatted"] = {name: formatted[name] for name in HIGHLIGHTED if name in formatted}
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
        "facets": {name: facets.get(name, {}) for name in FACETS},
        "processing_ms": round(elapsed_ms, 2),
    }
