"""Run a crawl: one Scrapy crawler per source in one process, then record each run.

Twisted's reactor cannot be restarted, so `run_crawl` can be called once per process; the CLI
(`stint crawl`) is that process. A run's status is `failed` when no page could be read,
`partial` when some pages or postings failed, `ok` otherwise.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess

from crawlers.kinds import KINDS
from crawlers.settings import base_settings, source_settings
from index.store import Store, utcnow
from stint.settings import Settings
from stint.sources import Source


@dataclass
class RunResult:
    source: str
    status: str
    started_at: str
    finished_at: str
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return self.stats.get("pages", 0)

    @property
    def postings(self) -> int:
        return self.stats.get("postings", 0)

    @property
    def stored(self) -> int:
        return self.stats.get("stored", 0)

    @property
    def errors(self) -> dict[str, int]:
        return self.stats.get("errors", {})

    @property
    def error_total(self) -> int:
        return sum(self.errors.values())


def summarize_stats(raw: dict[str, Any]) -> dict[str, Any]:
    """Scrapy's stats -> the counts a run keeps: pages, postings, stored, rejected, errors."""
    summary: dict[str, Any] = {
        "pages": raw.get("stint/pages", 0),
        "postings": raw.get("stint/postings", 0),
        "stored": raw.get("stint/stored", 0),
        "rejected": raw.get("stint/rejected", 0),
        "requests": raw.get("downloader/request_count", 0),
        "finish_reason": raw.get("finish_reason"),
        "errors": {
            key.removeprefix("stint/errors/"): value
            for key, value in sorted(raw.items())
            if key.startswith("stint/errors/")
        },
    }
    if raw.get("stint/rejected"):
        summary["errors"]["rejected"] = raw["stint/rejected"]
    return summary


def run_status(summary: dict[str, Any]) -> str:
    if summary["pages"] == 0:
        return "failed"
    if summary["errors"]:
        return "partial"
    return "ok"


def spider_for(source: Source) -> type:
    """The kind's spider, specialised with this source's settings layer."""
    base = KINDS[source.kind]
    return type(
        f"{base.__name__}_{source.name}",
        (base,),
        {"name": source.name, "custom_settings": source_settings(source)},
    )


def run_crawl(settings: Settings, sources: list[Source], contact: str | None = None,
              extra_settings: dict[str, Any] | None = None) -> list[RunResult]:
    scrapy_settings = base_settings(settings.store_url, contact)
    scrapy_settings.update(extra_settings or {})
    Store(settings.store_url).close()  # create the schema once, before crawlers race to it
    process = CrawlerProcess(scrapy_settings)
    crawlers = []
    started_at, t0 = utcnow(), time.monotonic()
    for source in sources:
        crawler = process.create_crawler(spider_for(source))
        process.crawl(crawler, source=source)
        crawlers.append((source, crawler))
    process.start()
    finished_at, seconds = utcnow(), time.monotonic() - t0

    store = Store(settings.store_url)
    results = []
    try:
        for source, crawler in crawlers:
            summary = summarize_stats(crawler.stats.get_stats())
            status = run_status(summary)
            store.record_run(source.name, started_at, finished_at, status, summary)
            results.append(RunResult(source.name, status, started_at, finished_at, seconds, summary))
    finally:
        store.close()
    return results
