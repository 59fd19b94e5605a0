"""ProgressExtension: one line per source every few seconds while a crawl runs, on stderr.

    [northfield] 120 pages, 98 postings, 96 stored, 3 errors  (24.1 pages/s)

Setting: STINT_PROGRESS_INTERVAL (seconds, default 5; 0 turns it off).
"""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task


def error_count(stats: dict) -> int:
    return sum(v for k, v in stats.items() if k.startswith("stint/errors/"))


def progress_line(name: str, stats: dict, elapsed: float) -> str:
    pages = stats.get("stint/pages", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    return (
        f"[{name}] {pages} pages, {stats.get('stint/postings', 0)} postings, "
        f"{stats.get('stint/stored', 0)} stored, {error_count(stats)} errors  ({rate:.1f} pages/s)"
    )


class ProgressExtension:
    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        ext = cls(crawler, crawler.settings.getfloat("STINT_PROGRESS_INTERVAL", 5.0))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        if self.interval > 0:
            self.loop = task.LoopingCall(self.report)
            self.loop.start(self.interval, now=False)

    def report(self) -> None:
        stats = self.crawler.stats.get_stats()
        elapsed = time.monotonic() - self.started
        print(progress_line(self.crawler.spider.name, stats, elapsed), file=sys.stderr, flush=True)

    def spider_closed(self) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
