"""Kind `smartrecruiters`: a SmartRecruiters company through its public Posting API.

    GET {api_base}/v1/companies/{board}/postings?limit=100&offset=N    pages of summaries
    GET {api_base}/v1/companies/{board}/postings/{id}                  each posting's detail

Default api_base: https://api.smartrecruiters.com. Sources-file keys: `board` (the company
identifier) and `api_base`. A page is {"offset", "limit", "totalFound", "content": [summary]};
the next offset is the previous one plus what the page held (the server may clamp `limit`);
a page with no new posting ids, or more than max_api_pages pages, stops as `pagination_limit`.
The detail (what a summary's `ref` points at, fetched from api_base so a mirror serves both)
adds jobAd.sections, postingUrl and applyUrl; the payload is the summary updated with the
detail. A posting whose detail fails is not emitted this run (counted; 404 means it is gone).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from crawlers.kinds.api import ApiSpider

PAGE_SIZE = 100


class SmartRecruitersSpider(ApiSpider):
    kind = "smartrecruiters"
    default_api_base = "https://api.smartrecruiters.com"

    def __init__(self, source, **kwargs: Any):
        super().__init__(source, **kwargs)
        self.seen: set[str] = set()

    async def start(self):
        yield self._page(offset=0, page=1)

    def _page(self, offset: int, page: int) -> scrapy.Request:
        url = self.api_url(f"/v1/companies/{self.token}/postings", limit=PAGE_SIZE, offset=offset)
        return self.get(url, self.parse_page, page=page, offset=offset)

    def parse_page(self, response: Response, offset: int) -> Iterator[Any]:
        page = response.meta["stint_page"]
        doc = self.read_json(response, list, "content")
        if doc is None:
            return
        new = 0
        for summary in doc["content"]:
            if not isinstance(summary, dict) or summary.get("id") is None:
                yield self.posting(response.url, summary)  # no detail to ask for: as it is
                continue
            key = str(summary["id"])
            if key in self.seen:
                continue
            self.seen.add(key)
            new += 1
            url = self.api_url(f"/v1/companies/{self.token}/postings/{quote(key, safe='')}")
            yield self.get(url, self.parse_detail, page=0, summary=summary)
        total = doc.get("totalFound")
        next_offset = offset + len(doc["content"])
        if not doc["content"] or not isinstance(total, int) or next_offset >= total:
            return  # the last page
        if new == 0:
            self.pagination_repeats(response)
        elif self.may_turn_page(page, response):
            yield self._page(next_offset, page + 1)

    def parse_detail(self, response: Response, summary: dict[str, Any]) -> Iterator[Any]:
        detail = self.read_json(response, dict)
        if detail is not None:
            yield self.posting(response.url, {**summary, **detail})
