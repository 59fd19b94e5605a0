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
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from stint.sources import Source


def error_type(failure: Failure) -> str:
    """A short, stable name for why a request failed (the stats key suffix)."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    if failure.check(IgnoreRequest):
        return "robots_disallowed" if "robots" in str(failure.value).lower() else "ignored"
    return failure.type.__name__ if failure.type else "unknown"


class StintSpider(scrapy.Spider):
    kind: ClassVar[str]
    # sources-file keys this kind takes: name -> type
    options: ClassVar[dict[str, type | tuple[type, ...]]] = {}
    can_render: ClassVar[bool] = False

    def __init__(self, source: Source, **kwargs: Any):
        super().__init__(name=source.name, **kwargs)
        self.source = source

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
            if self.source.wait_for:
                meta["playwright_page_methods"] = [
                    PageMethod("wait_for_selector", self.source.wait_for, timeout=15_000)
                ]
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta)

    def raw_listing(self, url: str, payload: Any) -> dict[str, Any]:
        """The RawListing item: nothing parsed here beyond locating the posting."""
        self.count("postings")
        return {
            "source": self.source.name,
            "kind": self.kind,
            "url": url,
            "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "payload": payload,
        }
