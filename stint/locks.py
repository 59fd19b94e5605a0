"""Per-source crawl locks.

Locks are `flock`s on `<home>/locks/<source>.lock`, held by the crawl process for the whole
run: the kernel releases them when the process dies, even by SIGKILL, so a crash never leaves
a source locked, and two runs of one source can never overlap. When the store is PostgreSQL,
workers on several machines (each with its own home) share it, and the locks are PostgreSQL
advisory locks instead (index.store.AdvisoryLock), released by the server when the holder's
connection ends: `source_lock(settings, name)` picks the right one. `SyncLock`: one index sync
at a time.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path


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


def is_locked(home: Path, source: str) -> bool:
    lock = SourceLock(home, source)
    if lock.acquire():
        lock.release()
        return False
    return True


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
