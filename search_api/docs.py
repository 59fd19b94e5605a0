"""/docs (Swagger UI) and /redoc, served from the package, under a Content-Security-Policy.

FastAPI's own pages load their scripts from a CDN at floating versions (`swagger-ui-dist@5`)
with no integrity check, and carry an inline script. Here the assets come from the pinned
`fastapi-offline` distribution (its static folder holds Swagger UI and ReDoc bundles), are
served at /docs-assets/, and the pages carry no inline script (Swagger UI is started by
static/docs.js), so DOCS_CSP in limits.py can allow scripts from this origin only.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))
ASSETS_PATH = "/docs-assets"

router = APIRouter(include_in_schema=False)

_HEAD = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
         '<meta name="viewport" content="width=device-width, initial-scale=1">'
         '<meta name="description" content="The Stint search API: every route, parameter and '
         'response.">'
         '<link rel="icon" href="data:,">')

SWAGGER_PAGE = (
    f"{_HEAD}<title>Stint search API — Swagger UI</title>"
    f'<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css"></head><body>'
    '<div id="swagger-ui" data-spec="/openapi.json"></div>'
    f'<script src="{ASSETS_PATH}/swagger-ui-bundle.js"></script>'
    '<script src="/static/docs.js"></script></body></html>'
)
REDOC_PAGE = (
    f"{_HEAD}<title>Stint search API — ReDoc</title></head><body>"
    '<redoc spec-url="/openapi.json"></redoc>'
    f'<script src="{ASSETS_PATH}/redoc.standalone.js"></script></body></html>'
)


@router.get("/docs", response_class=HTMLResponse)
async def swagger_ui() -> HTMLResponse:
    return HTMLResponse(SWAGGER_PAGE)


@router.get("/redoc", response_class=HTMLResponse)
async def redoc() -> HTMLResponse:
    return HTMLResponse(REDOC_PAGE)
