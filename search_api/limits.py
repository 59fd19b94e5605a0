"""Request bounds and security headers, as one plain ASGI middleware.

Plain ASGI rather than Starlette's BaseHTTPMiddleware, which costs a task and a stream per
request on the search hot path; this adds a few comparisons and a header list.

Hosts: when the app is given `allowed_hosts`, a request whose Host header names another host
is 400 before any route runs, so no link the app builds from the request (feeds, canonical
links) can point at a host an attacker chose (`curl -H 'Host: evil.example' ...`). Names are
compared without the port, case-insensitively; `*` allows any host.

Bounds: a URL path over MAX_PATH_BYTES or a query string over MAX_QUERY_BYTES is 414; a
declared body over MAX_BODY_BYTES is 413 (no route reads a body; admin POSTs take none).
Uvicorn bounds the header block itself. Page sizes are bounded by params.SearchParams.

Headers on every response: nosniff, no framing, a referrer policy, and a Content-Security-Policy
that allows only the app's own scripts and styles — so even markup that slipped past both
sanitizers could not run inline script or load one from elsewhere. /docs and /redoc (served from
the package, docs.py) get DOCS_CSP: scripts from this origin only as well, but inline styles
(Swagger UI and ReDoc set them from script) and blob: workers (ReDoc's search).
"""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_PATH_BYTES = 2_048
MAX_QUERY_BYTES = 4_096
MAX_BODY_BYTES = 64 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
CSP_HEADER = (b"content-security-policy", CSP.encode())
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'none'; form-action 'self'")
DOC_PATHS = ("/docs", "/redoc")
DOCS_HEADERS = [*SECURITY_HEADERS, (b"content-security-policy", DOCS_CSP.encode())]
PAGE_HEADERS = [*SECURITY_HEADERS, CSP_HEADER]
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(host_header: str) -> str:
    """'Example.org:8000' -> 'example.org'; '[::1]:8000' -> '::1'."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestLimits:
    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str] | None = None):
        self.app = app
        self.allowed_hosts = None if allowed_hosts is None or "*" in allowed_hosts else frozenset(
            h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = _too_big(scope) or self._bad_host(scope)
        if problem:
            await _reject(send, *problem)
            return
        extra = DOCS_HEADERS if scope["path"].startswith(DOC_PATHS) else PAGE_HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


    def _bad_host(self, scope: Scope) -> tuple[int, str] | None:
        if self.allowed_hosts is None:
            return None
        host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        if host_name(host.decode("latin-1")) in self.allowed_hosts:
            return None
        return 400, "this server does not answer for that Host (see --allowed-hosts)"


def _too_big(scope: Scope) -> tuple[int, str] | None:
    if len(scope.get("raw_path") or scope["path"].encode()) > MAX_PATH_BYTES:
        return 414, f"URL path longer than {MAX_PATH_BYTES} bytes"
    if len(scope.get("query_string", b"")) > MAX_QUERY_BYTES:
        return 414, f"query string longer than {MAX_QUERY_BYTES} bytes"
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            if not value.isdigit() or int(value) > MAX_BODY_BYTES:
                return 413, f"request body larger than {MAX_BODY_BYTES} bytes"
    return None


async def _reject(send: Send, status: int, detail: str) -> None:
    body = b'{"detail":"' + detail.encode() + b'"}'
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})


class _UrlTooLong(Exception):
    pass


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, answering an over-long URL with the documented 414 at any
    size. The middleware's bound is far smaller than what the parser takes (~80 KB of request
    line and headers); past that, uvicorn would answer a bare text 400 instead. So the URL is
    bounded here as it arrives: once it cannot fit the middleware's bounds, parsing stops and
    the 414 is sent. Used by `stint serve` (uvicorn.Config(http=...))."""

    max_url_bytes = MAX_PATH_BYTES + MAX_QUERY_BYTES + 1  # "path?query"

    def on_url(self, url: bytes) -> None:
        super().on_url(url)
        if len(self.url) > self.max_url_bytes:
            raise _UrlTooLong

    def send_400_response(self, msg: str) -> None:
        if len(getattr(self, "url", b"")) <= self.max_url_bytes:
            super().send_400_response(msg)
            return
        body = orjson.dumps({"detail": f"URL longer than {self.max_url_bytes} bytes"})
        head = [b"HTTP/1.1 414 Request-URI Too Long\r\n",
                *(name + b": " + value + b"\r\n" for name, value in
                  self.server_state.default_headers),
                b"content-type: application/json\r\n",
                b"content-length: " + str(len(body)).encode() + b"\r\n",
                *(name + b": " + value + b"\r\n" for name, value in SECURITY_HEADERS),
                b"connection: close\r\n\r\n"]
        self.transport.write(b"".join(head) + body)
        self.transport.close()
