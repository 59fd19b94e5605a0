"""Kind `recruitee`: a Recruitee careers site through its public offers API.

    GET {api_base}/api/offers/    every published offer, in one response

Default api_base: https://{board}.recruitee.com (each company has its own host; `{board}` in a
configured api_base is replaced too, so one mirror can serve many companies). Sources-file keys:
`board` (the company's subdomain) and `api_base`. The response is {"offers": [...]}; each
payload is one offer (id, slug, title, company_name, department, description, requirements,
employment_type_code, experience_code, location, city, state_name, country, country_code,
locations[], remote, hybrid, on_site, min_hours, max_hours, salary{min, max, period, currency},
careers_url, careers_apply_url, published_at, created_at, close_at, tags).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawlers.kinds.api import ApiSpider


class RecruiteeSpider(ApiSpider):
    kind = "recruitee"
    default_api_base = "https://{board}.recruitee.com"

    async def start(self):
        yield self.get(self.api_url("/api/offers/"), self.parse_offers)

    def parse_offers(self, response: Response) -> Iterator[Any]:
        doc = self.read_json(response, list, "offers")
        if doc is None:
            return
        for offer in doc["offers"]:
            yield self.posting(response.url, offer)
