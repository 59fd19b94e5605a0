"""Stint's downloader middlewares, wired in crawlers/settings.py.

RedirectLoopMiddleware: a redirect back to a URL already visited in the same chain (A -> B -> A)
is dropped with IgnoreRequest("redirect loop ..."), which reaches the request's errback and is
counted as `stint/errors/redirect_loop`. Without it Scrapy's duplicate filter drops the repeated
URL silently and the page is lost without a trace in the run's stats.

SourceLimitsMiddleware: a spider middleware that makes Scrapy's CLOSESPIDER_PAGECOUNT and
CLOSESPIDER_ITEMCOUNT (set from a source's `max_pages` / `max_items`) exact. Scrapy's CloseSpider
counts responses and items after the fact, so the requests and items already on their way still
go through; this drops the spider's requests past the page limit (so at most that many pages are
asked for) and its items past the item limit. What it holds back is counted as
`stint/limited/max_pages` and `stint/limited/max_items` (not errors: the operator asked). A kind
that reads `max_pages` its own way (the API kinds bound their pagination with it) sets
CLOSESPIDER_PAGECOUNT to 0 and is not limited here.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware
from w3lib.url import safe_url_string

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectLoopMiddleware:
    """Drop a redirect whose target was already visited in this request's redirect chain.

    Must sit after Scrapy's RedirectMiddleware (600) in DOWNLOADER_MIDDLEWARES, i.e. with a
    higher number, so that it sees the 3xx response first."""

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = response.headers.get(b"Location")
        if not location:
            return response
        target = safe_url_string(response.urljoin(location.decode("latin-1")))
        visited = {*request.meta.get("redirect_urls", []), request.url}
        if target in visited:
            raise IgnoreRequest(f"redirect loop: {request.url} -> {target}")
        return response


class SourceLimitsMiddleware(BaseSpiderMiddleware):
    """Drop the spider's requests past CLOSESPIDER_PAGECOUNT and items past CLOSESPIDER_ITEMCOUNT."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.max_pages = crawler.settings.getint("CLOSESPIDER_PAGECOUNT")
        self.max_items = crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")
        self.requested: set[bytes] = set()  # fingerprints: a duplicate costs no page
        self.items = 0

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if not self.max_pages:
            return request
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if fingerprint in self.requested:
            return request  # the scheduler's duplicate filter decides; not a new page
        if len(self.requested) >= self.max_pages:
            self.crawler.stats.inc_value("stint/limited/max_pages")
            return None
        self.requested.add(fingerprint)
        return request

    def get_processed_item(self, item: Any, response: Response | None) -> Any:
        if self.max_items and self.items >= self.max_items:
            self.crawler.stats.inc_value("stint/limited/max_items")
            return None
        self.items += 1
        return item
