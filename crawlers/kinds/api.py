"""What the ATS API kinds share (greenhouse, lever, ashby, smartrecruiters, workable, recruitee):
one board per source, JSON requests, bounded pagination and the failure rules.

Sources-file keys of every API kind:
  board      the board's token: Greenhouse board token, Lever site, Ashby organization,
             SmartRecruiters company, Workable or Recruitee slug (required)
  api_base   the API's base URL (optional; the real public API by default), so tests and
             mirrors can point a source at 127.0.0.1; `{board}` in it is replaced by the board
             (Recruitee's default is "https://{board}.recruitee.com")
  company    the employer's name, for boards whose API does not say it (Lever, Ashby): every
             posting of the board is this organization's (optional; else the API's name for
             it, else the board token)
  max_api_pages  the most pages of the board's list to read before pagination counts as
             endless (default MAX_API_PAGES); a guard against APIs that never stop, unlike the
             common `max_pages`, which caps every request the source makes

Failure rules, counted in `stint/errors/<type>`:
  - page 1 failing fails the board: 404/410 is `http_404`/`http_410` (the board is gone),
    timeout or 5xx is `timeout`/`http_5xx` (unreadable); nothing read, so the run is failed;
  - a later page failing gives a partial result: its 404/410 is `page_gone` (listings were
    missed, unlike a gone board), anything else keeps its own name;
  - a body that is not JSON is `bad_json`, JSON of the wrong shape is `bad_response`;
  - pagination that does not end within the page limit (or repeats itself) is stopped and
    counted as `pagination_limit`;
  - a posting whose own request fails (a Greenhouse pay range, a SmartRecruiters detail) is
    not emitted this run: a 404 there means the posting is gone (`http_404`), anything else
    makes the run partial;
  - an item of a job list that is not a job object is emitted as it is, and rejected by
    normalizing (`rejected`): one bad posting, not an unreadable board.
`stint/pages` counts the API responses read, so an empty board (one response, zero jobs) is a
healthy run with 0 postings.

Each RawListing's payload is the API's own job object, unchanged, plus `_board`: the board
token, where the API names the company only once per board (Workable), its `name`, and the
source's `company` when the operator set one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import quote, urlencode

import scrapy
from scrapy.http import Response
from scrapy.settings import BaseSettings
from twisted.python.failure import Failure

from crawlers.kinds.base import StintSpider, error_type
from crawlers.sources import Source

MAX_API_PAGES = 50
GONE = frozenset({"http_404", "http_410"})


class ApiSpider(StintSpider):
    """Base of the ATS API kinds. A subclass sets `kind` and `default_api_base` and starts from
    `start()`; it reads JSON with `read_json` and yields postings with `posting`."""

    options: ClassVar[dict[str, type | tuple[type, ...]]] = {
        "board": str, "api_base": str, "max_api_pages": int, "company": str}
    default_api_base: ClassVar[str]

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        board = options.get("board")
        if not board or not board.strip():
            return f"kind {cls.kind!r} needs board (the board's token on {cls.default_api_base})"
        if "/" in board:  # a token may hold a space or a dot ("ambient.ai"), never a path
            return f"board {board!r} must be the board's token, not a URL"
        base = options.get("api_base")
        if base is not None and not base.startswith(("http://", "https://")):
            return f"api_base {base!r} must be an http(s) URL"
        if options.get("max_api_pages", 1) < 1:
            return "max_api_pages must be at least 1"
        return None

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        # One board per crawler, one request at a time to its API host: boards crawl in
        # parallel with each other, never several requests at once to one board.
        settings.set("CONCURRENT_REQUESTS_PER_DOMAIN", 1, priority="spider")

    def __init__(self, source: Source, **kwargs: Any):
        super().__init__(source, **kwargs)
        self.board: str = source.options["board"].strip()
        base = source.options.get("api_base") or self.default_api_base
        self.api_base: str = base.replace("{board}", quote(self.board, safe="")).rstrip("/")
        self.max_api_pages: int = source.options.get("max_api_pages") or MAX_API_PAGES
        company = (source.options.get("company") or "").strip()
        self.board_context: dict[str, Any] = {"company": company} if company else {}

    # -- requests ------------------------------------------------------------------------

    @property
    def token(self) -> str:
        """The board as a URL path segment."""
        return quote(self.board, safe="")

    def api_url(self, path: str, **query: Any) -> str:
        return f"{self.api_base}{path}" + (f"?{urlencode(query)}" if query else "")

    def get(self, url: str, callback: Callable, *, page: int = 1, **cb_kwargs: Any) -> scrapy.Request:
        """A JSON GET. `page` is the board's pagination page (1 = the board itself); detail
        requests of one posting pass page=0."""
        return scrapy.Request(url, callback=callback, errback=self.on_api_error,
                              headers={"Accept": "application/json"}, cb_kwargs=cb_kwargs,
                              meta={"stint_page": page})

    def on_api_error(self, failure: Failure) -> None:
        kind = error_type(failure)
        page = failure.request.meta.get("stint_page", 1)
        if page > 1 and kind in GONE:
            kind = "page_gone"  # the board is there but a page of it is not: listings missed
        self.count(f"errors/{kind}")
        what = "board" if page == 1 else ("page" if page > 1 else "posting")
        self.logger.warning("%s.%s_failed %s board=%s %s", self.kind, what, kind, self.board,
                            failure.request.url)

    # -- responses -----------------------------------------------------------------------

    def read_json(self, response: Response, expect: type, key: str | None = None) -> Any | None:
        """The response's JSON document, counted as a page read; None, counted as an error, when
        it is not JSON or when the document (or its member `key`) is not of the `expect`ed type."""
        try:
            data = response.json()
        except (ValueError, AttributeError):  # AttributeError: a binary (non-text) response
            self.count("errors/bad_json")
            self.logger.warning("%s.bad_json board=%s %s", self.kind, self.board, response.url)
            return None
        part = data if key is None else (data.get(key) if isinstance(data, dict) else None)
        if not isinstance(part, expect):
            self.count("errors/bad_response")
            self.logger.warning("%s.bad_response board=%s %s: expected %s%s", self.kind,
                                self.board, response.url, expect.__name__,
                                f" at {key!r}" if key else "")
            return None
        self.count("pages")
        return data

    def may_turn_page(self, page: int, response: Response) -> bool:
        """Whether page `page` + 1 may be fetched; counts the guard when it may not."""
        if page < self.max_api_pages:
            return True
        self.count("errors/pagination_limit")
        self.logger.warning("%s.pagination_limit board=%s stopped after %d pages at %s",
                            self.kind, self.board, page, response.url)
        return False

    def pagination_repeats(self, response: Response) -> None:
        """A page with nothing new on it: the API is paging in a circle."""
        self.count("errors/pagination_limit")
        self.logger.warning("%s.pagination_repeat board=%s no new postings at %s",
                            self.kind, self.board, response.url)

    def posting(self, url: str, job: Any, **board: Any) -> dict[str, Any]:
        """The RawListing of one job object, with the board's context under `_board`. An item
        of a job list that is not an object goes as it is: normalizing rejects it, and the
        run counts it as `rejected` (one bad posting, not an unreadable board)."""
        if not isinstance(job, dict):
            return self.raw_listing(url, job)
        return self.raw_listing(url, {**job, "_board": {"token": self.board, **board,
                                                        **self.board_context}})
