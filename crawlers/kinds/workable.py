"""Kind `workable`: a Workable account through its public careers-widget API.

    GET {api_base}/api/v1/widget/accounts/{board}?details=true    the whole account

Default api_base: https://apply.workable.com. Sources-file keys: `board` (the account slug, as
in apply.workable.com/{board}) and `api_base`. The response is {"name", "description", "jobs"};
each payload is one job (title, shortcode, code, employment_type, telecommuting, department,
url, shortlink, application_url, published_on, created_at, country, city, state, locations[],
education, experience, function, industry, description and, when given, requirements and
benefits), with the account's `name` in `_board`, since the jobs do not repeat it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawlers.kinds.api import ApiSpider


class WorkableSpider(ApiSpider):
    kind = "workable"
    default_api_base = "https://apply.workable.com"

    async def start(self):
        yield self.get(self.api_url(f"/api/v1/widget/accounts/{self.token}", details="true"),
                       self.parse_account)

    def parse_account(self, response: Response) -> Iterator[Any]:
        doc = self.read_json(response, list, "jobs")
        if doc is None:
            return
        name = doc.get("name") if isinstance(doc.get("name"), str) else None
        for job in doc["jobs"]:
            yield self.posting(response.url, job, name=name)
