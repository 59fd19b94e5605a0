"""What every route module shares: the orjson response, the app's configuration, and the
dependencies that hand a route the Meilisearch client or that configuration."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

import anyio
import orjson
from fastapi import Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from search_api.meili_client import MeiliSearchClient
from search_api.query import listing_body

FEED_ITEMS = 50  # items in a feed unless page_size says otherwise (at most MAX_PAGE_SIZE)
EXPORT_ROWS = 1_000  # rows in a CSV export


class OrjsonResponse(JSONResponse):
    """JSON via orjson (fastapi.responses.ORJSONResponse is deprecated)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


@dataclass(frozen=True)
class ApiConfig:
    """The app's options beyond Meilisearch (see create_app)."""

    public_url: str | None = None
    admin_token: str | None = None
    reindex: Callable[[], Any] | None = None
    crawl: Callable[[], Any] | None = None
    sources: Callable[[], Any] | None = None
    cors_origins: Sequence[str] = field(default_factory=tuple)
    feed_items: int = FEED_ITEMS
    export_rows: int = EXPORT_ROWS


# The dependencies are `async def` on purpose: FastAPI runs a plain `def` dependency in a
# worker thread, a thread hop per request on the search hot path for a mere attribute read.
async def meili(request: Request) -> MeiliSearchClient:
    return request.app.state.meili


async def config(request: Request) -> ApiConfig:
    return request.app.state.config


def base_url(request: Request) -> str:
    """The URL the app is reached at, for absolute links in feeds and pages: the configured
    public URL when the app runs behind a proxy, else what this request was sent to."""
    configured = request.app.state.config.public_url
    return (configured or str(request.base_url)).rstrip("/")


Meili = Annotated[MeiliSearchClient, Depends(meili)]
Config = Annotated[ApiConfig, Depends(config)]


async def find_listing(client: MeiliSearchClient, listing_id: str) -> dict[str, Any] | None:
    """One whole document by id, or None."""
    result = await client.search(listing_body(listing_id))
    return result["hits"][0] if result.get("hits") else None


async def fetch_listing(client: MeiliSearchClient, listing_id: str) -> dict[str, Any]:
    """One whole document by id, or a 404."""
    doc = await find_listing(client, listing_id)
    if doc is None:
        raise HTTPException(404, f"no listing with id {listing_id!r}")
    return doc


@dataclass(frozen=True)
class Lookup:
    """What a listing id leads to: its document, the card of the cluster it was merged into
    (`moved_to`), or a stored listing that has closed (`closed`); all None: unknown id."""

    doc: dict[str, Any] | None = None
    moved_to: str | None = None
    closed: dict[str, Any] | None = None


async def look_up(request: Request, client: MeiliSearchClient, listing_id: str) -> Lookup:
    """Every listing id the store holds resolves. The index holds one document per cluster,
    keyed by the cluster id, so the id of a merged copy (a card's `sources[].listing_id`) is
    found through the store: its cluster's card if that is indexed, else, if it expired, the
    closed listing. Without a store only document ids resolve."""
    doc = await find_listing(client, listing_id)
    if doc is not None:
        return Lookup(doc=doc)
    store = request.app.state.store
    if store is None:
        return Lookup()
    stored = await anyio.to_thread.run_sync(store.get, listing_id)
    if stored is None:
        return Lookup()
    cluster_id = stored.get("cluster_id")
    if cluster_id and cluster_id != listing_id and await find_listing(client, cluster_id):
        return Lookup(moved_to=cluster_id)
    if stored.get("status") == "expired":
        return Lookup(closed=stored)
    return Lookup()
