"""Per-source crawl locks.

Locks are `flock`s on `<home>/locks/<source>.lock`, held by the crawl process for the whole
run: the kernel releases them when the process dies, even by SIGKILL, so a crash never leaves
a source locked, and two runs of one source can never overlap.
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
