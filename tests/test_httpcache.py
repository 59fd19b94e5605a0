"""HTTP cache eviction (crawlers.httpcache): by age, then by total size, oldest first."""

from __future__ import annotations

import os
import time

from crawlers.httpcache import evict


def entry(root, name: str, size: int, age_days: float, now: float):
    folder = root / "spider" / name[:2] / name
    folder.mkdir(parents=True)
    (folder / "response_body").write_bytes(b"x" * size)
    meta = folder / "pickled_meta"
    meta.write_bytes(b"m")
    os.utime(meta, (now - age_days * 86400, now - age_days * 86400))
    return folder


def test_old_entries_go_then_the_oldest_until_under_the_size(tmp_path):
    now = time.time()
    stale = entry(tmp_path, "aa01", 1000, 40, now)
    old = entry(tmp_path, "bb01", 600_000, 10, now)
    mid = entry(tmp_path, "cc01", 600_000, 5, now)
    new = entry(tmp_path, "dd01", 600_000, 1, now)
    result = evict(tmp_path, max_age_days=30, max_mb=1.2, now=now)  # 1.2 MB holds two
    assert not stale.exists() and not old.exists()
    assert mid.exists() and new.exists()
    assert result.entries == 2 and result.kept_entries == 2
    assert result.kept_bytes <= 1.2 * 1024 * 1024


def test_a_missing_cache_is_nothing_to_do(tmp_path):
    assert evict(tmp_path / "none").entries == 0
