"""What every kind's spider shares: the source it crawls, request building (plain or rendered
in Chromium), error accounting, and RawListing items.

Failures are counted in the crawler's stats under `stint/...` (one crawler per source, so the
stats are the source's): `stint/pages`, `stint/postings`, `stint/errors/<type>`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawlers.sources import Source


def error_type(failure: Failure) -> str:
    """A short, stable name for why a request failed (the stats key suffix)."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    # Scrapy >= 2.13 raises its own exception types; older ones raise Twisted's.
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection_refused"
    if failure.check(DownloadCancelledError):
        # The HTTP handler cancels a body over DOWNLOAD_MAXSIZE with this error and a message
        # saying so; any other cancellation is named as such.
        return "too_large" if "max size" in str(failure.value).lower() else "cancelled"
    if failure.check(IgnoreRequest):
        return _ignored_type(str(failure.value).lower())
    return failure.type.__name__ if failure.type else "unknown"


def _ignored_type(message: str) -> str:
    """Why a request was dropped by a middleware, from the IgnoreRequest message."""
    if "robots" in message:
        return "robots_disallowed"
    if "redirect loop" in message:  # crawlers.middlewares.RedirectLoopMiddleware
        return "redirect_loop"
    if "max redirections" in message:  # Scrapy's RedirectMiddleware past REDIRECT_MAX_TIMES
        return "too_many_redirects"
    return "ignored"


GONE = frozenset({"http_404", "http_410"})


class StintSpider(scrapy.Spider):
    kind: ClassVar[str]
    # sources-file keys this kind takes: name -> type
    options: ClassVar[dict[str, type | tuple[type, ...]]] = {}
    can_render: ClassVar[bool] = False

    def __init__(self, source: Source, **kwargs: Any):
        super().__init__(name=source.name, **kwargs)
        self.source = source
        # Pages that answered 404/410: a stored listing fetched from one of them is gone.
        self.gone_urls: set[str] = set()

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        """A message if the options cannot work together, else None."""
        return None

    # -- accounting ---------------------------------------------------------------------

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"stint/{key}", n)

    def on_error(self, failure: Failure) -> None:
        kind = error_type(failure)
        self.count(f"errors/{kind}")
        url = failure.request.url if hasattr(failure, "request") else "?"
        if kind in GONE:
            self.gone_urls.add(url)
        self.logger.warning("%s.fetch_failed %s %s", self.source.name, kind, url)

    # -- requests and items -------------------------------------------------------------

    def request(self, url: str, callback: Callable, render: bool | None = None,
                **meta: Any) -> scrapy.Request:
        """A request with Stint's error accounting; rendered in Chromium when the source says
        `render = true` (and `render` is not turned off for this request, e.g. a sitemap)."""
        render = self.source.render if render is None else render
        if render:
            from scrapy_playwright.page import PageMethod

            meta["playwright"] = True
            # A rendered page is the DOM after scripts ran, not what the server sent: it cannot
            # be revalidated with the server's ETag, so the HTTP cache stays out of it.
            meta.setdefault("dont_cache", True)
            if self.source.wait_for:
                # "attached", not Playwright's default "visible": what a page draws for a
                # crawler may be invisible (a JSON-LD <script>, an empty marker element).
                meta["playwright_page_methods"] = [
                    PageMethod("wait_for_selector", self.source.wait_for, state="attached",
                               timeout=15_000)
                ]
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta)

    def raw_listing(self, url: str, payload: Any) -> dict[str, Any]:
        """The RawListing item: nothing parsed here beyond locating the posting."""
        self.count("postings")
        item = {
            "source": self.source.name,
            "kind": self.kind,
            "url": url,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "payload": payload,
        }
        if self.source.audience:  # only when declared: other items keep their JSON as before
            item["audience"] = self.source.audience
        return item
