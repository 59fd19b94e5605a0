"""HTML routes: the student search page (/), listing pages (/listings/{id}.html) and the
career-center page (/career-centers). The student page is static (search_api/static/): its
script calls /search from the browser, so the server does no templating for it.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from search_api.deps import Meili, base_url, look_up
from search_api.feed_routes import search_urls
from search_api.params import LISTING_ID_PATTERN, SEARCH_OPENAPI, SearchParams, query_dict
from search_api.query import count_body
from search_api.schemas import html
from search_api.views import career_center_page, closed_page, listing_page, not_found_page

STATIC_DIR = FilePath(__file__).resolve().parent / "static"

router = APIRouter(tags=["pages"])


@router.get("/", response_class=FileResponse, include_in_schema=False)
async def home() -> FileResponse:
    """The student search page."""
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")


@router.get("/listings/{listing_id}.html", response_class=HTMLResponse,
            responses={308: {"description": "A copy merged into another card: its page."},
                       404: html("No listing has this id."),
                       410: html("The listing has closed: a page with similar searches.")})
async def listing_html(request: Request,
                       listing_id: Annotated[str, Path(pattern=LISTING_ID_PATTERN)],
                       client: Meili) -> Response:
    """The listing as an HTML page embedding schema.org JobPosting JSON-LD. A copy merged into
    another card redirects (308) to it; a listing that has closed is a 410 page with links to
    similar searches; an unknown id a 404 page."""
    found = await look_up(request, client, listing_id)
    if found.doc is not None:
        return HTMLResponse(listing_page(found.doc, base_url(request)))
    if found.moved_to:
        return RedirectResponse(f"/listings/{quote(found.moved_to)}.html", status_code=308)
    if found.closed is not None:
        return HTMLResponse(closed_page(found.closed), status_code=410)
    return HTMLResponse(not_found_page(listing_id), status_code=404)


def _errors(exc: ValidationError) -> list[str]:
    messages = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error["loc"] if not isinstance(part, int))
        messages.append(f"{where}: {error['msg']}" if where else error["msg"])
    return messages


@router.get("/career-centers", response_class=HTMLResponse, openapi_extra=SEARCH_OPENAPI,
            responses={422: html("The form again, with what to fix.")})
async def career_centers(request: Request, client: Meili) -> HTMLResponse:
    """A form that turns a search into RSS, Atom, JSON Feed and CSV URLs (same parameters as
    /search; empty form fields are ignored)."""
    values = query_dict(request, drop_empty=True)
    shown = {k: (v[0] if isinstance(v, list) else v) for k, v in values.items()}
    if not values:
        return HTMLResponse(career_center_page(shown, None, None, []))
    try:
        params = SearchParams(**values)
    except ValidationError as exc:
        return HTMLResponse(career_center_page(shown, None, None, _errors(exc)), status_code=422)
    total = (await client.search(count_body(params))).get("totalHits", 0)
    return HTMLResponse(career_center_page(shown, search_urls(base_url(request), params), total, []))
