"""Operator routes, behind a bearer token: POST /admin/reindex, POST /admin/crawl,
GET /admin/sources.

Without a configured token the routes answer 404, as routes that do not exist (a deployment
that did not ask for them has none); with one, a request without the right `Authorization: Bearer <token>`
gets 401. Tokens are compared in constant time. The operations themselves are callables given to
create_app (blocking work such as a reindex runs in a worker thread); one that was not given
answers 501. `crawl` is expected to start a crawl and return at once (a crawl takes minutes),
so its route answers 202 Accepted with whatever the callable returned (a run id, say).
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from search_api.deps import ApiConfig, Config, OrjsonResponse
from search_api.schemas import AdminAnswer, json_error

bearer = HTTPBearer(auto_error=False, description="The admin token given to create_app.")
router = APIRouter(prefix="/admin", tags=["admin"], default_response_class=OrjsonResponse,
                   responses={401: json_error("The admin token is missing or wrong."),
                              404: json_error("Admin routes are off (no admin token set)."),
                              501: json_error("This deployment does not offer the operation.")})


def require_admin(cfg: Config,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
                  ) -> ApiConfig:
    if not cfg.admin_token:
        raise HTTPException(404, "Not Found")
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), cfg.admin_token.encode()):
        raise HTTPException(401, "admin token missing or wrong",
                            headers={"WWW-Authenticate": 'Bearer realm="stint-admin"'})
    return cfg


Admin = Annotated[ApiConfig, Depends(require_admin)]


async def _run(operation, name: str) -> Any:
    if operation is None:
        raise HTTPException(501, f"{name} is not available in this deployment")
    return await anyio.to_thread.run_sync(operation)


@router.post("/reindex", response_model=AdminAnswer)
async def reindex(cfg: Admin) -> OrjsonResponse:
    """Rebuild the search index from the store; answers with the operation's report."""
    return OrjsonResponse({"reindex": await _run(cfg.reindex, "reindex")})


@router.post("/crawl", status_code=202, response_model=AdminAnswer)
async def crawl(cfg: Admin) -> OrjsonResponse:
    """Start a crawl of the configured sources; answers once it has started."""
    return OrjsonResponse({"crawl": await _run(cfg.crawl, "crawl")}, status_code=202)


@router.get("/sources", response_model=AdminAnswer)
async def sources(cfg: Admin) -> OrjsonResponse:
    """Every configured source with its status (last crawl, counts, errors)."""
    return OrjsonResponse({"sources": await _run(cfg.sources, "source status")})
