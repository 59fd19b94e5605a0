"""The FastAPI app: /search, /listings/{id}, /health.

`create_app(meili_url, search_key, index_uid, store)` wires it. The app reaches Meilisearch only
with a search-only key (the CLI makes one with MeiliIndex.search_key()) and refuses to start
with a key that can manage keys. One pooled HTTP client lives for the app's lifespan. Responses
are serialized with orjson and returned as ready bytes, skipping FastAPI's slower encoder.
The optional `store` (index.store.Store) is read only by /health.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import anyio
import orjson
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse

from search_api.meili_client import MeiliSearchClient, SearchUnavailable
from search_api.params import LISTING_ID_PATTERN, SearchParams
from search_api.query import listing_body, search_body, search_response
from stint.errors import MeiliError

log = logging.getLogger("stint.search_api")

STORE_HEALTH_TIMEOUT_S = 3.0


class OrjsonResponse(JSONResponse):
    """JSON via orjson (fastapi.responses.ORJSONResponse is deprecated)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


router = APIRouter(default_response_class=OrjsonResponse)


def meili(request: Request) -> MeiliSearchClient:
    return request.app.state.meili


Meili = Annotated[MeiliSearchClient, Depends(meili)]


@router.get("/search")
async def search(params: Annotated[SearchParams, Query()], client: Meili) -> OrjsonResponse:
    """Full-text, typo-tolerant search with filters, facet counts and highlighted snippets.

    Parameters: `q` (≤ 200 chars), `page` (≥ 1), `page_size` (1–100), and the filters
    `arrangement`, `employment_type`, `country` (ISO alpha-2, any case), `organization`
    (each repeatable: values ORed), `paid` (true|false), `micro_only` (bool). Different
    filters are ANDed. An unknown parameter is rejected with 422 naming it, so a typo such
    as `?countri=US` fails instead of silently returning everything. `total` is exact.
    `processing_ms` is the API's own time for the request, Meilisearch included.
    """
    started = time.perf_counter()
    result = await client.search(search_body(params))
    elapsed_ms = (time.perf_counter() - started) * 1000
    return OrjsonResponse(search_response(params, result, elapsed_ms))


@router.get("/listings/{listing_id}")
async def get_listing(listing_id: Annotated[str, Path(pattern=LISTING_ID_PATTERN)],
                      client: Meili) -> OrjsonResponse:
    """One whole listing document (description_html included); 404 when there is none."""
    result = await client.search(listing_body(listing_id))
    if not result.get("hits"):
        raise HTTPException(404, f"no listing with id {listing_id!r}")
    return OrjsonResponse(result["hits"][0])


@router.get("/health")
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
               store=None) -> FastAPI:
    """The search API over the index `index_uid` at `meili_url`, searched with `search_key`."""

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
                  default_response_class=OrjsonResponse)
    app.state.store = store
    app.add_exception_handler(SearchUnavailable, _unavailable)
    app.include_router(router)
    return app
