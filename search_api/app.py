"""The FastAPI app: /search, /listings/{id}, /health, and the routers of the other concerns.

`create_app(meili_url, search_key, index_uid, store, ...)` wires it. The app reaches Meilisearch
only with a search-only key (the CLI makes one with MeiliIndex.search_key()) and refuses to
start with a key that can manage keys. One pooled HTTP session lives for the app's lifespan.
Responses are serialized with orjson and returned as ready bytes, skipping FastAPI's slower
encoder. The optional `store` (index.store.Store) is read only by /health.

Routers: pages.py (the student page, listing pages, the career-center page), feed_routes.py
(RSS, Atom, JSON Feed, CSV), admin.py (token-protected operations). limits.py bounds requests
and sets security headers on every response.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any
from urllib.parse import quote

import anyio
from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from index.errors import MeiliError
from search_api import admin, alerts_routes, docs, feed_routes, pages
from search_api.deps import EXPORT_ROWS, FEED_ITEMS, ApiConfig, Meili, OrjsonResponse, look_up
from search_api.limits import LOOPBACK_HOSTS, RequestLimits
from search_api.meili_client import MeiliSearchClient, SearchUnavailable
from search_api.params import LISTING_ID_PATTERN, SEARCH_OPENAPI, SearchQuery
from search_api.query import search_body, search_response
from search_api.schemas import ANY_ROUTE, INVALID, Health, ListingDocument, SearchResponse, json_error

log = logging.getLogger("stint.search_api")

STORE_HEALTH_TIMEOUT_S = 3.0

router = APIRouter(default_response_class=OrjsonResponse)


@router.get("/search", tags=["search"], openapi_extra=SEARCH_OPENAPI,
            response_model=SearchResponse, responses=INVALID)
async def search(request: Request, params: SearchQuery) -> OrjsonResponse:
    """Full-text, typo-tolerant search with filters, facet counts and highlighted snippets.

    `q` (≤ 200 chars), `page` (≥ 1), `page_size` (1–100), `sort` (relevance | newest |
    deadline | pay). Repeatable filters, values ORed: `arrangement`, `employment_type`,
    `country` (ISO alpha-2, any case), `city`, `organization`, `category` (task type slug),
    `skills`. Single filters: `paid` (bool), `pay_min` (hourly equivalent), `duration_max_weeks`,
    `hours_max` (per week), `posted_within_days`, `deadline_after` (YYYY-MM-DD), `micro_only`.
    Different filters are ANDed; range filters drop listings whose value is unknown. An unknown
    parameter is a 422 naming it, so `?countri=US` fails instead of returning everything.
    `total` is exact. `_formatted` holds safe HTML: escaped text with `<mark>` highlights.
    `processing_ms` is the API's own time for the request, Meilisearch included.
    """
    started = time.perf_counter()
    # The client from app state directly, not through a dependency: one fewer to solve per call.
    result = await request.app.state.meili.search(search_body(params))
    elapsed_ms = (time.perf_counter() - started) * 1000
    return OrjsonResponse(search_response(params, result, elapsed_ms))


@router.get("/listings/{listing_id}", tags=["listings"], response_model=ListingDocument,
            responses={308: {"description": "A copy merged into another card: its URL."},
                       404: json_error("No listing has this id."),
                       410: json_error("The listing has closed.")})
async def get_listing(request: Request,
                      listing_id: Annotated[str, Path(pattern=LISTING_ID_PATTERN)],
                      client: Meili) -> Response:
    """One whole listing document (description_html and `sources` included). The id of a copy
    merged into another card (`sources[].listing_id`) redirects (308) to that card; a listing
    that has closed is 410; an unknown id 404. As an HTML page with JSON-LD:
    /listings/{id}.html."""
    found = await look_up(request, client, listing_id)
    if found.doc is not None:
        return OrjsonResponse(found.doc)
    if found.moved_to:
        return RedirectResponse(f"/listings/{quote(found.moved_to)}", status_code=308)
    if found.closed is not None:
        return OrjsonResponse({"detail": f"listing {listing_id!r} has closed"}, status_code=410)
    return OrjsonResponse({"detail": f"no listing with id {listing_id!r}"}, status_code=404)


@router.get("/health", tags=["operations"], response_model=Health,
            responses={503: {"description": "A part is down.", "model": Health}})
async def health(request: Request, client: Meili) -> OrjsonResponse:
    """200 when Meilisearch (and the store, if the app has one) work, else 503. Never raises."""
    report = {"meilisearch": await _guarded(client.health),
              "store": await _guarded(_store_health, request.app.state.store)}
    parts = [part for part in report.values() if part.get("configured", True)]
    ok = all(part.get("ok") for part in parts)
    body = {"status": "ok" if ok else "degraded", **report}
    return OrjsonResponse(body, status_code=200 if ok else 503)


async def _guarded(check, *args) -> dict[str, Any]:
    # A health probe that raises must report, not turn /health into a 500.
    try:
        return await check(*args)
    except Exception as exc:  # health reports every failure, whatever it is
        log.warning("search_api.health_check_failed: %r", exc)
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


async def _store_health(store) -> dict[str, Any]:
    if store is None:
        return {"configured": False}
    # Store.health is blocking SQL; run it in a thread, and stop waiting for a stuck database.
    with anyio.fail_after(STORE_HEALTH_TIMEOUT_S):
        return await anyio.to_thread.run_sync(store.health, abandon_on_cancel=True)


async def _unavailable(_request: Request, exc: SearchUnavailable) -> OrjsonResponse:
    return OrjsonResponse({"detail": exc.detail}, status_code=exc.status_code,
                          headers={"Retry-After": "5"} if exc.status_code == 503 else None)


def create_app(meili_url: str, search_key: str, index_uid: str = "listings",
               store=None, *, admin_token: str | None = None,
               reindex: Callable[[], Any] | None = None,
               crawl: Callable[[], Any] | None = None,
               sources: Callable[[], Any] | None = None,
               cors_origins: Sequence[str] = (),
               public_url: str | None = None,
               allowed_hosts: Sequence[str] | None = None,
               feed_items: int = FEED_ITEMS,
               export_rows: int = EXPORT_ROWS) -> FastAPI:
    """The search API over the index `index_uid` at `meili_url`, searched with `search_key`.

    admin_token: the bearer token the /admin routes require; without one they answer 503.
    reindex, sources: blocking callables behind POST /admin/reindex and GET /admin/sources
        (run in a worker thread); each returns something JSON-serializable.
    crawl: behind POST /admin/crawl; starts a crawl and returns at once (answered with 202).
    cors_origins: origins allowed to call the API from a browser (GET only); none by default.
    public_url: the URL the app is reached at, used for every absolute link (feeds, their self
        links, canonical links). Without it, links are built from the request's Host, so only
        `allowed_hosts` are answered.
    allowed_hosts: Host names answered (others get 400); `*` for any. Default: loopback names
        (localhost, 127.0.0.1, ::1) without public_url, any host with it.
    feed_items, export_rows: how many items a feed and rows a CSV export hold.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        client = MeiliSearchClient(meili_url, search_key, index_uid)
        try:
            if await client.key_can_admin():
                raise MeiliError("refusing to serve with a Meilisearch key that can manage keys; "
                                 "give the search API a search-only key (MeiliIndex.search_key())")
            app.state.meili = client
            yield
        finally:
            await client.aclose()

    app = FastAPI(title="Stint search API", lifespan=lifespan,
                  default_response_class=OrjsonResponse, docs_url=None, redoc_url=None)
    app.state.store = store
    public_url = public_url.rstrip("/") if public_url else None
    app.state.config = ApiConfig(public_url=public_url, admin_token=admin_token or None,
                                 reindex=reindex, crawl=crawl, sources=sources,
                                 cors_origins=tuple(cors_origins), feed_items=feed_items,
                                 export_rows=export_rows)
    app.add_exception_handler(SearchUnavailable, _unavailable)
    # Order matters: the listing page route must come before /listings/{id}.
    # Every route may meet the middleware's answers (bad Host, too long a URL): documented once.
    for routes in (pages.router, router, feed_routes.router, admin.router,
                   alerts_routes.router):
        app.include_router(routes, responses=ANY_ROUTE)
    app.include_router(docs.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    app.mount(docs.ASSETS_PATH, StaticFiles(directory=docs.ASSETS_DIR), name="docs-assets")
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins),
                           allow_methods=["GET"], allow_headers=[], max_age=600)
    if allowed_hosts is None:
        allowed_hosts = ("*",) if public_url else LOOPBACK_HOSTS
    app.add_middleware(RequestLimits, allowed_hosts=frozenset(allowed_hosts))
    return app
