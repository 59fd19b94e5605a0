"""Feeds and exports of any search: /feeds/search.rss, .atom, .json and /export/search.csv.

Each takes exactly the query parameters of /search (same validation, same 422 for unknown
ones). Feeds are newest first and hold `page_size` items when it is given, else the app's
`feed_items` (50); the CSV holds `page_size` rows when given, else the app's `export_rows`
(1 000), in the search's own sort order. Both start at `page` (pages of that size; default 1).
Every response carries ETag and Last-Modified and answers 304 to a matching conditional GET.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from search_api import feeds
from search_api.deps import Config, Meili, base_url
from search_api.export import to_csv
from search_api.http_cache import conditional
from search_api.params import SEARCH_OPENAPI, SearchParams, SearchQuery
from search_api.query import SORTS, documents_body
from search_api.schemas import INVALID, NOT_MODIFIED

router = APIRouter(tags=["feeds"])

FEED_PATHS = {"rss": "/feeds/search.rss", "atom": "/feeds/search.atom",
              "json": "/feeds/search.json", "csv": "/export/search.csv"}
MEDIA_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
}
RENDERERS: dict[str, Callable[[feeds.FeedMeta, list[feeds.FeedItem]], bytes]] = {
    "rss": feeds.rss, "atom": feeds.atom, "json": feeds.json_feed}
# Parameters that do not change which postings a feed holds, left out of its links and id.
NOT_IN_FEED_URL = ("page", "page_size", "sort")


def _responses(media_type: str) -> dict:
    schema = {"type": "string"} if media_type != "application/feed+json" else {"type": "object"}
    return {200: {"content": {media_type: {"schema": schema}}}, **NOT_MODIFIED, **INVALID}


def search_urls(base: str, params: SearchParams) -> dict[str, str]:
    """Absolute URLs of this search as the web page, each feed and the CSV export."""
    query = urlencode(params.query_items(exclude=NOT_IN_FEED_URL))
    suffix = f"?{query}" if query else ""
    urls = {kind: f"{base}{path}{suffix}" for kind, path in FEED_PATHS.items()}
    urls["html"] = f"{base}/{suffix}"
    urls["career_centers"] = f"{base}/career-centers{suffix}"
    return urls


def describe(params: SearchParams) -> str:
    """'"data" · arrangement: remote · paid: true', or 'all postings'."""
    parts = [f'"{params.q}"'] if params.q else []
    parts += [f"{name.replace('_', ' ')}: {value}"
              for name, value in params.query_items(exclude=(*NOT_IN_FEED_URL, "q"))]
    return " · ".join(parts) or "all postings"


def _window(params: SearchParams, default_size: int) -> tuple[int, int]:
    """(limit, offset): `page_size` if given, else the default, from `page`."""
    limit = params.page_size if "page_size" in params.model_fields_set else default_size
    return limit, (params.page - 1) * limit


async def _newest(client, params: SearchParams, limit: int, offset: int) -> list[dict[str, Any]]:
    result = await client.search(documents_body(params, limit, sort=SORTS["newest"],
                                                 offset=offset))
    docs = result.get("hits", [])
    # Meilisearch ranks a text query's relevance before the sort (the index's ranking rules);
    # order the items by date here as well so a feed is always newest first.
    docs.sort(key=lambda d: d.get("posted_at_ts") or 0, reverse=True)
    return docs


async def _feed(kind: str, request: Request, params: SearchParams, client, cfg) -> Response:
    docs = await _newest(client, params, *_window(params, cfg.feed_items))
    base = base_url(request)
    items = [feeds.feed_item(doc, base) for doc in docs]
    urls = search_urls(base, params)
    # The self link is this very request (page_size included), on the public host.
    urls[kind] = f"{base}{request.url.path}" + (f"?{request.url.query}" if request.url.query else "")
    meta = feeds.FeedMeta(
        title=f"Stint: {describe(params)}",
        description=f"Short paid gigs and micro-internships matching {describe(params)}, "
                    "newest first.",
        feed_id=feeds.search_feed_id(params.query_items(exclude=NOT_IN_FEED_URL)),
        urls=urls, updated=feeds.latest(docs))
    return conditional(request, RENDERERS[kind](meta, items), MEDIA_TYPES[kind], meta.updated)


# HEAD too (kept out of the OpenAPI schema, where it would duplicate the GET operation): some
# feed readers poll with it; uvicorn sends the headers (ETag, Last-Modified) without the body.
@router.head("/feeds/search.rss", include_in_schema=False)
@router.get("/feeds/search.rss", response_class=Response,
            responses=_responses("application/rss+xml"), openapi_extra=SEARCH_OPENAPI)
async def rss_feed(request: Request, params: SearchQuery, client: Meili, cfg: Config) -> Response:
    """RSS 2.0 feed of a search (same parameters as /search), newest first."""
    return await _feed("rss", request, params, client, cfg)


@router.head("/feeds/search.atom", include_in_schema=False)
@router.get("/feeds/search.atom", response_class=Response,
            responses=_responses("application/atom+xml"), openapi_extra=SEARCH_OPENAPI)
async def atom_feed(request: Request, params: SearchQuery, client: Meili, cfg: Config) -> Response:
    """Atom feed of a search (same parameters as /search), newest first."""
    return await _feed("atom", request, params, client, cfg)


@router.head("/feeds/search.json", include_in_schema=False)
@router.get("/feeds/search.json", response_class=Response,
            responses=_responses("application/feed+json"), openapi_extra=SEARCH_OPENAPI)
async def json_feed(request: Request, params: SearchQuery, client: Meili, cfg: Config) -> Response:
    """JSON Feed 1.1 of a search (same parameters as /search), newest first."""
    return await _feed("json", request, params, client, cfg)


@router.head("/export/search.csv", include_in_schema=False)
@router.get("/export/search.csv", response_class=Response,
            responses=_responses("text/csv"), openapi_extra=SEARCH_OPENAPI)
async def csv_export(request: Request, params: SearchQuery, client: Meili, cfg: Config) -> Response:
    """CSV of a search (same parameters as /search) in its sort order: `page_size` rows
    (default 1 000) from `page`."""
    limit, offset = _window(params, cfg.export_rows)
    result = await client.search(documents_body(params, limit, offset=offset))
    docs = result.get("hits", [])
    return conditional(request, to_csv(docs), MEDIA_TYPES["csv"], feeds.latest(docs),
                       headers={"Content-Disposition": 'attachment; filename="stint-search.csv"'})
