"""Schedules, due checks and per-source locks.

A source's `schedule` is an interval (`30m`, `6h`, `1d`, `every 2h`) or a five-field cron
expression (`0 */6 * * *`, UTC). A source is due when it has never run, or when its next
scheduled time after its last run's start has passed. A source without a schedule is never due.

Locks are `flock`s on `<home>/locks/<source>.lock`, held by the crawl process for the whole
run: the kernel releases them when the process dies, even by SIGKILL, so a crash never leaves
a source locked, and two runs of one source can never overlap. When the store is PostgreSQL,
workers on several machines (each with its own home) share it, and the locks are PostgreSQL
advisory locks instead (index.store.AdvisoryLock), released by the server when the holder's
connection ends: `source_lock(settings, name)` picks the right one.
"""

from __future__ import annotations

import fcntl
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from croniter import croniter

_INTERVAL = re.compile(r"^(?:every\s+)?(\d+)\s*(s|m|h|d)$", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class Schedule:
    text: str
    interval: timedelta | None = None
    cron: str | None = None

    def next_after(self, moment: datetime) -> datetime:
        if self.interval is not None:
            return moment + self.interval
        return croniter(self.cron, moment).get_next(datetime)


def parse_schedule(text: str) -> Schedule:
    """Parse an interval or a cron expression; ValueError with a readable message otherwise."""
    text = text.strip()
    match = _INTERVAL.match(text)
    if match:
        amount, unit = int(match[1]), match[2].lower()
        if amount <= 0:
            raise ValueError(f"schedule {text!r}: the interval must be positive")
        return Schedule(text, interval=timedelta(**{_UNITS[unit]: amount}))
    if len(text.split()) == 5 and croniter.is_valid(text):
        return Schedule(text, cron=text)
    raise ValueError(f"schedule {text!r} is neither an interval (30m, 6h, 1d) "
                     "nor a five-field cron expression")


def parse_time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_due(schedule: Schedule, last_started_at: str | None, now: datetime) -> bool:
    if last_started_at is None:
        return True
    return schedule.next_after(parse_time(last_started_at)) <= now


class SourceLock:
    """An exclusive, non-blocking, crash-safe lock on one source of one home."""

    def __init__(self, home: Path, source: str):
        self.path = home / "locks" / f"{source}.lock"
        self.fd: int | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> SourceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def source_lock(settings, source: str):
    """The lock of one source: shared by every worker of a PostgreSQL store, else per home."""
    if settings.store_url.startswith("postgresql"):
        from index.store import AdvisoryLock

        return AdvisoryLock(settings.store_url, f"source:{source}")
    return SourceLock(settings.home, source)


def source_busy(settings, source: str) -> bool:
    """Whether a crawl of `source` is running (anywhere that shares the store's locks)."""
    lock = source_lock(settings, source)
    if lock.acquire():
        lock.release()
        return False
    return True


class SyncLock:
    """One index sync at a time per store and index (crawls of several sources, or several
    workers, finishing together): a blocking flock, or an advisory lock on PostgreSQL."""

    def __init__(self, settings):
        if settings.store_url.startswith("postgresql"):
            from index.store import AdvisoryLock

            self.lock = AdvisoryLock(settings.store_url, f"sync:{settings.index_uid}")
        else:
            self.lock = None
            self.path = settings.home / "locks" / f"sync-{settings.index_uid}.lock"
        self.fd: int | None = None

    def __enter__(self) -> SyncLock:
        if self.lock is not None:
            self.lock.acquire(wait=True)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.lock is not None:
            self.lock.release()
        elif self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def is_locked(home: Path, source: str) -> bool:
    lock = SourceLock(home, source)
    if lock.acquire():
        lock.release()
        return False
    return True
