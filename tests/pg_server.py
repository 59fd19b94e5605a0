"""A throwaway PostgreSQL server for the store's tests, from Debian's `postgresql` package.

initdb into a temporary folder, start on a free loopback port, stop and delete afterwards.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
With STINT_REQUIRE_PG=1 (CI) a missing server is an error instead of a skip.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.meili_server import free_port


def pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL of a fresh, empty PostgreSQL database."""
    bindir = pg_bin()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL server binaries not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="stint-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    port = free_port()
    run = lambda *cmd: subprocess.run(_as_server_user([str(c) for c in cmd]),  # noqa: E731
                                      check=True, capture_output=True)
    try:
        run(bindir / "initdb", "-D", data, "-A", "trust", "-U", "stint", "--no-sync")
        run(bindir / "pg_ctl", "-D", data, "-w", "-l", root / "log",
            "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        yield f"postgresql+psycopg://stint@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            run(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
