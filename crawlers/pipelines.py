"""StorePipeline: RawListing items -> normalize -> the store, in batches.

A posting that cannot be normalized is counted (`stint/rejected`) and logged with its URL; the
crawl goes on. Settings: STINT_STORE_URL (where to store), STINT_STORE_BATCH (rows per write),
STINT_STORE_FLUSH_SECONDS (longest time a posting waits in memory: a killed crawl loses at
most that much), STINT_RUN_STARTED_AT (the run's start, written as each listing's last_seen_at).
"""

from __future__ import annotations

import time
from typing import Any

from scrapy.crawler import Crawler

from index.store import Store, utcnow
from normalize import NormalizeError, normalize_raw, prepare


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store_url: str = crawler.settings.get("STINT_STORE_URL")
        self.batch_size: int = crawler.settings.getint("STINT_STORE_BATCH", 200)
        self.flush_seconds: float = crawler.settings.getfloat("STINT_STORE_FLUSH_SECONDS", 1.0)
        self.last_flush = time.monotonic()
        self.buffer: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self.store: Store | None = None
        self.seen_at = crawler.settings.get("STINT_RUN_STARTED_AT") or utcnow()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.store = Store(self.store_url)
        prepare()  # before the first request, not while a response waits on its timeout

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        try:
            listing = normalize_raw(item)
        except NormalizeError as exc:
            self.stats.inc_value("stint/rejected")
            self.crawler.spider.logger.warning(
                "%s.rejected %s: %s", item.get("source"), item.get("url"), exc
            )
            return item
        self.buffer.append((listing.model_dump(mode="json"), item))
        if (len(self.buffer) >= self.batch_size
                or time.monotonic() - self.last_flush >= self.flush_seconds):
            self.flush()
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if self.buffer and self.store is not None:
            stored = self.store.upsert(self.buffer, seen_at=self.seen_at)
            self.stats.inc_value("stint/stored", stored)
            self.buffer.clear()

    def close_spider(self) -> None:
        self.flush()
        if self.store is not None:
            self.store.close()
