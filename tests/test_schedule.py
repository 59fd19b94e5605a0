"""Schedules, due checks and crash-safe per-source locks."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest

from crawlers.schedule import is_due, parse_schedule
from stint.locks import SourceLock, is_locked

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "delta"), [
    ("30m", timedelta(minutes=30)), ("6h", timedelta(hours=6)), ("every 2h", timedelta(hours=2)),
    ("1d", timedelta(days=1)), ("45s", timedelta(seconds=45)),
])
def test_intervals(text, delta):
    assert parse_schedule(text).interval == delta


def test_cron_next_after():
    schedule = parse_schedule("0 */6 * * *")
    assert schedule.next_after(NOW) == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["", "often", "0m", "61 * * * * *", "* * *", "every x"])
def test_bad_schedules(text):
    with pytest.raises(ValueError):
        parse_schedule(text)


def test_is_due():
    every_hour = parse_schedule("1h")
    assert is_due(every_hour, None, NOW)  # never ran
    assert is_due(every_hour, "2026-11-27T10:59:00+00:00", NOW)
    assert not is_due(every_hour, "2026-11-27T11:30:00+00:00", NOW)
    assert not is_due(parse_schedule("0 0 * * *"), "2026-11-27T00:00:00", NOW)


def test_lock_is_exclusive_and_released(tmp_path):
    first = SourceLock(tmp_path, "a")
    assert first.acquire()
    assert not SourceLock(tmp_path, "a").acquire()
    assert SourceLock(tmp_path, "b").acquire()  # another source is independent
    assert is_locked(tmp_path, "a")
    first.release()
    assert not is_locked(tmp_path, "a")


def test_lock_released_when_holder_is_killed(tmp_path):
    """A process killed with SIGKILL while holding the lock leaves the source unlocked."""
    code = ("import sys, time; from pathlib import Path; from stint.locks import SourceLock;"
            f"l = SourceLock(Path({str(tmp_path)!r}), 'a'); assert l.acquire();"
            "print('locked', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert is_locked(tmp_path, "a")
    finally:
        proc.kill()
        proc.wait()
    assert not is_locked(tmp_path, "a")


def test_schedule_key_is_validated():
    from crawlers.sources import ConfigError, parse_sources

    text = '[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["x"]\nschedule = "sometimes"\n'
    with pytest.raises(ConfigError, match="s.toml:1: .*neither an interval"):
        parse_sources(text, "s.toml")
