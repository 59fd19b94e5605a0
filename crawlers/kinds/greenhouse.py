"""Kind `greenhouse`: a Greenhouse job board through its public Job Board API.

    GET {api_base}/v1/boards/{board}/jobs?content=true          one request for the whole board
    GET {api_base}/v1/boards/{board}/jobs/{id}?pay_transparency=true
                                                                 per job, only with pay_transparency

Default api_base: https://boards-api.greenhouse.io. Sources-file keys: `board` (the board
token), `api_base`, and `pay_transparency = true` to read each job's `pay_input_ranges` (one more
request per job, so it is off by default). The payload is the board's job object (id, title,
updated_at, first_published, absolute_url, location, content, company_name, metadata,
departments, offices) with `pay_input_ranges` from the job endpoint when asked for. A job whose
pay request fails is not emitted this run (the failure is counted, the run is partial).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.kinds.api import ApiSpider


class GreenhouseSpider(ApiSpider):
    kind = "greenhouse"
    default_api_base = "https://boards-api.greenhouse.io"
    options = {**ApiSpider.options, "pay_transparency": bool}

    async def start(self):
        yield self.get(self.api_url(f"/v1/boards/{self.token}/jobs", content="true"),
                       self.parse_board)

    def parse_board(self, response: Response) -> Iterator[Any]:
        doc = self.read_json(response, list, "jobs")
        if doc is None:
            return
        with_pay = self.source.options.get("pay_transparency", False)
        for job in doc["jobs"]:
            if with_pay and isinstance(job, dict) and job.get("id") is not None:
                yield self._pay_request(job)
            else:
                yield self.posting(response.url, job)

    def _pay_request(self, job: dict[str, Any]) -> scrapy.Request:
        url = self.api_url(f"/v1/boards/{self.token}/jobs/{job['id']}", pay_transparency="true")
        return self.get(url, self.parse_pay, page=0, job=job)

    def parse_pay(self, response: Response, job: dict[str, Any]) -> Iterator[dict[str, Any]]:
        detail = self.read_json(response, dict)
        if detail is None:
            return
        ranges = detail.get("pay_input_ranges")
        yield self.posting(response.url, {**job, "pay_input_ranges": ranges} if ranges else job)
