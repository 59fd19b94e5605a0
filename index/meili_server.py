"""A local Meilisearch process managed by Stint.

The server runs on 127.0.0.1 with its data under `<home>/meili/`, a generated master key kept in
`<home>/meili/master.key` (mode 0600) and handed to the child through its environment (never its
command line, which every local user can read), analytics off, in production mode (no web
dashboard). A server this home already started is
reused (its pid and URL are in `<home>/meili/server.json`). The pinned binary is verified by
sha256 before every start; a binary given through MEILI_BIN is the user's own and is not.
A server given through MEILI_URL + MEILI_MASTER_KEY is used as it is and never started here.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from index.errors import MeiliError
from index.settings import PINNED_MEILI_BIN, Settings

MEILI_VERSION = "1.21.0"
PINNED_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"
START_TIMEOUT_S = 30.0
MIN_KEY_BYTES = 16  # Meilisearch refuses a shorter master key with --env production


@dataclass
class MeiliConnection:
    """How to reach a Meilisearch server, and the process if this connection started it."""

    url: str
    master_key: str | None
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def owned(self) -> bool:
        return self.process is not None

    def stop(self) -> None:
        """Stop the server if this connection started it; a reused or remote one keeps running."""
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def resolve_binary(settings: Settings) -> Path:
    """The binary to start: MEILI_BIN as given, else the pinned one, verified."""
    if settings.meili_bin is not None:
        if not os.access(settings.meili_bin, os.X_OK):
            raise MeiliError(f"MEILI_BIN={settings.meili_bin} is not an executable file")
        return settings.meili_bin
    path = PINNED_MEILI_BIN
    if not path.exists():
        raise MeiliError(
            f"Meilisearch {MEILI_VERSION} is not installed at {path}. "
            "Run `bash dev setup` (or scripts/install-meilisearch.sh), "
            "or set MEILI_BIN to a binary or MEILI_URL + MEILI_MASTER_KEY to a server."
        )
    actual = sha256_of(path)
    if actual != PINNED_SHA256:
        raise MeiliError(
            f"refusing to run {path}: its sha256 is {actual}, expected {PINNED_SHA256} "
            f"(Meilisearch {MEILI_VERSION}). Delete it and run scripts/install-meilisearch.sh."
        )
    return path


def master_key_for(meili_dir: Path) -> str:
    """The home's master key, generated on first use and readable by its owner only."""
    key_file = meili_dir / "master.key"
    if key_file.exists():
        key = key_file.read_text().strip()
        if len(key.encode()) < MIN_KEY_BYTES:
            raise MeiliError(
                f"{key_file} holds a key of {len(key.encode())} bytes; Meilisearch in production "
                f"mode needs at least {MIN_KEY_BYTES}. Delete the file to have a new one made."
            )
        return key
    meili_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key + "\n")
    return key


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def is_healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def key_works(url: str, key: str) -> bool:
    try:
        r = httpx.get(f"{url}/version", headers={"Authorization": f"Bearer {key}"}, timeout=2.0)
    except httpx.HTTPError:
        return False
    return r.status_code == 200


def _reusable(meili_dir: Path, key: str) -> str | None:
    """The URL of a server this home started earlier, if it still runs and takes our key."""
    state_file = meili_dir / "server.json"
    try:
        state = json.loads(state_file.read_text())
        os.kill(int(state["pid"]), 0)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    url = state.get("url")
    if url and is_healthy(url) and key_works(url, key):
        return url
    return None


def _child_env(key: str) -> dict[str, str]:
    """The server's environment: ours without any MEILI_* variable (Meilisearch reads each as an
    option, and MEILI_URL / MEILI_MASTER_KEY may be set for another server), plus the master key.
    The key goes by environment, never argv: any local user reads a command line with `ps`,
    while /proc/PID/environ is readable by the owner only (and a key beginning with "-" is not
    read as a flag)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("MEILI_")}
    env["MEILI_MASTER_KEY"] = key
    return env


def start_local(settings: Settings, port: int | None = None) -> MeiliConnection:
    """Start (or reuse) the home's local Meilisearch and wait for /health."""
    meili_dir = settings.meili_dir
    key = master_key_for(meili_dir)
    reused = _reusable(meili_dir, key)
    if reused:
        return MeiliConnection(url=reused, master_key=key)

    binary = resolve_binary(settings)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = meili_dir / "meilisearch.log"
    cmd = [
        str(binary),
        "--db-path", str(meili_dir / "data.ms"),
        "--dump-dir", str(meili_dir / "dumps"),
        "--snapshot-dir", str(meili_dir / "snapshots"),
        "--http-addr", f"127.0.0.1:{port}",
        "--no-analytics",
        "--env", "production",  # no web dashboard; needs a master key of >= 16 bytes
    ]
    with log_path.open("wb") as log:  # this start's messages only, for the error below
        process = subprocess.Popen(
            cmd, stdout=log, stderr=subprocess.STDOUT, cwd=meili_dir, start_new_session=True,
            env=_child_env(key),
        )
    connection = MeiliConnection(url=url, master_key=key, process=process)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not is_healthy(url, timeout=0.5):
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-2000:]
            raise MeiliError(f"Meilisearch exited with code {process.returncode}:\n{tail}")
        if time.monotonic() > deadline:
            connection.stop()
            raise MeiliError(f"Meilisearch did not answer {url}/health within {START_TIMEOUT_S}s")
        time.sleep(0.05)
    (meili_dir / "server.json").write_text(json.dumps({"pid": process.pid, "url": url}))
    return connection


def connect(settings: Settings, start: bool = True) -> MeiliConnection:
    """The Meilisearch to use: MEILI_URL if set, else the home's local server (started if
    `start`). Raises MeiliError with a clear message when none can be had."""
    if settings.meili_url:
        url = settings.meili_url.rstrip("/")
        if not is_healthy(url):
            raise MeiliError(f"MEILI_URL={url} does not answer /health")
        return MeiliConnection(url=url, master_key=settings.meili_master_key)
    if start:
        return start_local(settings)
    key = master_key_for(settings.meili_dir)
    url = _reusable(settings.meili_dir, key)
    if url is None:
        raise MeiliError("no local Meilisearch is running for this home")
    return MeiliConnection(url=url, master_key=key)
