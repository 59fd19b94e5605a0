"""The search API's only way to Meilisearch: one pooled async HTTP client and a search-only key.

Why not the Meilisearch Python client: it is synchronous and opens a connection per call. One
`httpx.AsyncClient` keeps connections alive across requests. `Accept-Encoding: identity` because
compressing a response costs Meilisearch ~40 ms here, far more than sending it over loopback.

Failures become `SearchUnavailable` with an HTTP status and a message fit for API users:
unreachable or timing out -> 503, key rejected or index missing -> 503 (an operator problem,
the caller can only retry later), any other Meilisearch error -> 502.
"""

from __future__ import annotations

import logging
from typing import Any

import httpx
import orjson

log = logging.getLogger("stint.search_api")

TIMEOUT = httpx.Timeout(10.0, connect=2.0)
HEALTH_TIMEOUT_S = 2.0
LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=50)


class SearchUnavailable(Exception):
    """Meilisearch could not answer a search; `status_code` is what the API returns."""

    def __init__(self, status_code: int, detail: str):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail


class MeiliSearchClient:
    """Searches one index with a search-only key over a pooled connection."""

    def __init__(self, url: str, search_key: str, index_uid: str,
                 transport: httpx.AsyncBaseTransport | None = None):
        self.index_uid = index_uid
        self._search_path = f"/indexes/{index_uid}/search"
        self._http = httpx.AsyncClient(
            base_url=url.rstrip("/"),
            headers={
                "Authorization": f"Bearer {search_key}",
                "Accept-Encoding": "identity",
                "Content-Type": "application/json",
            },
            timeout=TIMEOUT,
            limits=LIMITS,
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def search(self, body: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
        """POST a search; the parsed answer, or SearchUnavailable."""
        kwargs = {"timeout": timeout} if timeout is not None else {}
        try:
            response = await self._http.post(self._search_path, content=orjson.dumps(body),
                                             **kwargs)
        except httpx.TimeoutException as exc:
            log.warning("search_api.meili_timeout: %r", exc)
            raise SearchUnavailable(503, "search is unavailable: Meilisearch timed out") from exc
        except httpx.TransportError as exc:
            log.warning("search_api.meili_unreachable: %r", exc)
            raise SearchUnavailable(503, "search is unavailable: Meilisearch cannot be reached"
                                    ) from exc
        if response.status_code != 200:
            raise self._error(response)
        return orjson.loads(response.content)

    def _error(self, response: httpx.Response) -> SearchUnavailable:
        try:
            error = orjson.loads(response.content)
        except orjson.JSONDecodeError:
            error = {"code": "unreadable", "message": response.text[:200]}
        code, message = error.get("code", "unknown"), error.get("message", "")
        log.warning("search_api.meili_error: %s %s: %s", response.status_code, code, message)
        if response.status_code in (401, 403):
            return SearchUnavailable(503, "search is unavailable: Meilisearch rejected the "
                                          "search key")
        if code == "index_not_found":
            return SearchUnavailable(503, f"search is unavailable: the index {self.index_uid!r} "
                                          "does not exist yet (run `stint reindex`)")
        return SearchUnavailable(502, f"Meilisearch error {code}: {message}")

    async def key_can_admin(self) -> bool:
        """True when the key can list keys, i.e. it is a master or admin key, which the API must
        never hold. False when it cannot, or when Meilisearch is unreachable (checked later)."""
        try:
            response = await self._http.get("/keys", params={"limit": 1},
                                            timeout=HEALTH_TIMEOUT_S)
        except httpx.TransportError:
            return False
        return response.status_code == 200

    async def health(self) -> dict[str, Any]:
        """Reachable, key accepted, index present: an exact count costs one tiny search."""
        try:
            result = await self.search({"q": "", "hitsPerPage": 0}, timeout=HEALTH_TIMEOUT_S)
        except SearchUnavailable as exc:
            return {"ok": False, "index": self.index_uid, "error": exc.detail}
        return {"ok": True, "index": self.index_uid, "documents": result.get("totalHits")}
