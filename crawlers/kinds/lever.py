"""Kind `lever`: a Lever job site through its public Postings API.

    GET {api_base}/v0/postings/{board}?mode=json&skip=N&limit=100    pages until a short page

Default api_base: https://api.lever.co (EU sites: https://api.eu.lever.co). Sources-file keys:
`board` (the Lever site name) and `api_base`. The payload is Lever's posting object (id, text,
categories{location, commitment, team, department, allLocations}, workplaceType, country,
description, descriptionPlain, lists[], additional, salaryRange, salaryDescription, hostedUrl,
applyUrl, createdAt). A full page means "there may be more"; a page with no new posting ids, or
more than max_api_pages pages, stops the board as `pagination_limit`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.kinds.api import ApiSpider

PAGE_SIZE = 100


class LeverSpider(ApiSpider):
    kind = "lever"
    default_api_base = "https://api.lever.co"

    def __init__(self, source, **kwargs: Any):
        super().__init__(source, **kwargs)
        self.seen: set[str] = set()

    async def start(self):
        yield self._page(skip=0, page=1)

    def _page(self, skip: int, page: int) -> scrapy.Request:
        url = self.api_url(f"/v0/postings/{self.token}", mode="json", skip=skip, limit=PAGE_SIZE)
        return self.get(url, self.parse_page, page=page, skip=skip)

    def parse_page(self, response: Response, skip: int) -> Iterator[Any]:
        page = response.meta["stint_page"]
        postings = self.read_json(response, list)
        if postings is None:
            return
        new = 0
        for posting in postings:
            key = str(posting.get("id")) if isinstance(posting, dict) else None
            if key in self.seen:
                continue  # a posting that moved pages while we read: yielded once
            if key is not None:
                self.seen.add(key)
                new += 1
            yield self.posting(response.url, posting)
        if len(postings) < PAGE_SIZE:
            return  # the last page
        if new == 0:
            self.pagination_repeats(response)
        elif self.may_turn_page(page, response):
            yield self._page(skip + len(postings), page + 1)
