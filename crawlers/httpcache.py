"""Eviction for the HTTP cache under `<home>/httpcache` (Scrapy's FilesystemCacheStorage).

Scrapy keeps one folder per cached request, `<dir>/<spider>/<fp[:2]>/<fp>/`, and never deletes
any: a home that crawls for months would grow without bound. After each crawl, `evict`:
  1. deletes entries not written for `max_age_days` (default 30: a page not fetched for that
     long is gone from its source or no longer crawled; re-fetching it costs one full GET);
  2. then, while the cache is larger than `max_mb` (default 2,048 MB), deletes the least
     recently written entries.
An entry's age is the modification time of its `pickled_meta` file, which Scrapy rewrites
whenever it stores the response again (a 304 revalidation included). Settings (index/settings.py):
STINT_HTTPCACHE_MAX_AGE_DAYS, STINT_HTTPCACHE_MAX_MB.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_AGE_DAYS = 30.0
DEFAULT_MAX_MB = 2048.0


@dataclass
class Evicted:
    entries: int = 0
    bytes: int = 0
    kept_entries: int = 0
    kept_bytes: int = 0


def _entries(root: Path):
    """(mtime, size, folder) of every cached response under `root`."""
    for meta in root.glob("*/*/*/pickled_meta"):
        folder = meta.parent
        try:
            mtime = meta.stat().st_mtime
            size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
        except FileNotFoundError:  # another crawl replaced it meanwhile
            continue
        yield mtime, size, folder


def evict(root: str | Path, max_age_days: float = DEFAULT_MAX_AGE_DAYS,
          max_mb: float = DEFAULT_MAX_MB, now: float | None = None) -> Evicted:
    root = Path(root)
    out = Evicted()
    if not root.is_dir():
        return out
    now = time.time() if now is None else now
    cutoff = now - max_age_days * 86400
    kept = []
    for mtime, size, folder in _entries(root):
        if mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            out.entries, out.bytes = out.entries + 1, out.bytes + size
        else:
            kept.append((mtime, size, folder))
    total, limit = sum(size for _, size, _ in kept), max_mb * 1024 * 1024
    kept.sort()  # oldest first
    while kept and total > limit:
        _, size, folder = kept.pop(0)
        shutil.rmtree(folder, ignore_errors=True)
        out.entries, out.bytes, total = out.entries + 1, out.bytes + size, total - size
    out.kept_entries, out.kept_bytes = len(kept), total
    return out
