"""StorePipeline: RawListing items -> normalize -> the store, in batches.

Items are buffered (at most STINT_STORE_BATCH of them, or STINT_STORE_FLUSH_SECONDS: a killed
crawl loses at most that much) and written a batch at a time. A posting whose raw payload is
the one an active stored listing was made from, by the same normalizer code (`raw_hash`), is
not normalized again: the store only notes it was seen (an unchanged re-crawl costs the fetch
and a hash). The others are normalized together (normalize_many) and upserted.

A posting that cannot be normalized is counted (`stint/rejected`) and logged with its URL; the
crawl goes on. Settings: STINT_STORE_URL (where to store), STINT_STORE_BATCH (rows per write),
STINT_STORE_FLUSH_SECONDS, STINT_RUN_STARTED_AT (the run's start, written as each listing's
last_seen_at).
"""

from __future__ import annotations

import hashlib
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from scrapy.crawler import Crawler

from index.store import Store, utcnow
from normalize import normalize_many, prepare


@lru_cache(maxsize=1)
def normalizer_fingerprint() -> bytes:
    """A hash of the normalizer's own code: a raw payload normalized by other code is
    normalized again (a parser fix re-reads what it changes at the next crawl)."""
    import normalize

    digest = hashlib.sha1()
    root = Path(normalize.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".toml", ".json", ".txt", ".csv"):
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.digest()


def raw_hash(item: dict[str, Any]) -> str:
    """The raw posting without its fetch time, and the normalizer's fingerprint."""
    stable = {k: v for k, v in item.items() if k != "fetched_at"}
    return hashlib.sha1(normalizer_fingerprint()
                        + orjson.dumps(stable, option=orjson.OPT_SORT_KEYS)).hexdigest()


class StorePipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.store_url: str = crawler.settings.get("STINT_STORE_URL")
        self.batch_size: int = crawler.settings.getint("STINT_STORE_BATCH", 200)
        self.flush_seconds: float = crawler.settings.getfloat("STINT_STORE_FLUSH_SECONDS", 1.0)
        self.last_flush = time.monotonic()
        self.buffer: list[dict[str, Any]] = []
        self.store: Store | None = None
        self.seen_at = crawler.settings.get("STINT_RUN_STARTED_AT") or utcnow()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        self.store = Store(self.store_url)
        prepare()  # before the first request, not while a response waits on its timeout

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        self.buffer.append(item)
        if (len(self.buffer) >= self.batch_size
                or time.monotonic() - self.last_flush >= self.flush_seconds):
            self.flush()
        return item

    def flush(self) -> None:
        self.last_flush = time.monotonic()
        if not self.buffer or self.store is None:
            return
        items, self.buffer = self.buffer, []
        hashes = [raw_hash(item) for item in items]
        unchanged = self.store.touch_unchanged(hashes, self.seen_at)
        todo = [(item, h) for item, h in zip(items, hashes, strict=True) if h not in unchanged]
        stored = len(items) - len(todo)
        pairs, raw_hashes = [], {}
        for (item, h), result in zip(todo, normalize_many([item for item, _ in todo]), strict=True):
            if isinstance(result, Exception):
                self.stats.inc_value("stint/rejected")
                self.crawler.spider.logger.warning(
                    "%s.rejected %s: %s", item.get("source"), item.get("url"), result)
                continue
            listing = result.model_dump(mode="json")
            pairs.append((listing, item))
            raw_hashes[listing["id"]] = h
        if pairs:
            self.store.upsert(pairs, seen_at=self.seen_at, raw_hashes=raw_hashes)
        self.stats.inc_value("stint/stored", stored + len(pairs))
        self.stats.inc_value("stint/unchanged", stored)

    def close_spider(self) -> None:
        self.flush()
        if self.store is not None:
            self.store.close()
