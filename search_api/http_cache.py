"""Conditional GET for generated documents (feeds, exports): ETag and Last-Modified, 304.

The ETag is a hash of the body itself, so it changes exactly when the bytes do. Following RFC
9110 §13.2.2, If-None-Match decides when present and If-Modified-Since is read only without it.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request
from fastapi.responses import Response

CACHE_CONTROL = "public, max-age=300"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    # Weak comparison: W/"x" matches "x" (a proxy may weaken the tag after recompressing).
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def not_modified(request: Request, etag: str, last_modified: datetime) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        return _matches(if_none_match, etag)
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return int(last_modified.timestamp()) <= int(parsedate_to_datetime(since).timestamp())
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as the RFC says
    return False


def conditional(request: Request, body: bytes, media_type: str, last_modified: datetime,
                headers: dict[str, str] | None = None) -> Response:
    """The document, or 304 Not Modified when the client already has it."""
    etag = etag_of(body)
    cache = {"ETag": etag, "Last-Modified": format_datetime(last_modified, usegmt=True),
             "Cache-Control": CACHE_CONTROL, **(headers or {})}
    if not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=cache)
    return Response(body, media_type=media_type, headers=cache)
