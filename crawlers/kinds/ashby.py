"""Kind `ashby`: an Ashby job board through its public posting API.

    GET {api_base}/posting-api/job-board/{board}?includeCompensation=true    the whole board

Default api_base: https://api.ashbyhq.com. Sources-file keys: `board` (the organization's
job-board name, as in jobs.ashbyhq.com/{board}) and `api_base`. The response is
{"apiVersion": "1", "jobs": [...]}; each payload is one job object (id, title, department, team,
employmentType, location, secondaryLocations[], isRemote, workplaceType, address.postalAddress,
publishedAt, isListed, jobUrl, applyUrl, descriptionHtml, descriptionPlain,
shouldDisplayCompensationOnJobPostings, compensation). Jobs with isListed = false are not on
the board and are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scrapy.http import Response

from crawlers.kinds.api import ApiSpider


class AshbySpider(ApiSpider):
    kind = "ashby"
    default_api_base = "https://api.ashbyhq.com"

    async def start(self):
        url = self.api_url(f"/posting-api/job-board/{self.token}", includeCompensation="true")
        yield self.get(url, self.parse_board)

    def parse_board(self, response: Response) -> Iterator[Any]:
        doc = self.read_json(response, list, "jobs")
        if doc is None:
            return
        for job in doc["jobs"]:
            if isinstance(job, dict) and job.get("isListed") is False:
                continue  # reachable by its URL but not listed on the board
            yield self.posting(response.url, job)
