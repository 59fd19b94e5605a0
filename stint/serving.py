"""Serve the search API: make sure Meilisearch runs and the index exists, hand the API a
search-only key (never the master key), run uvicorn.

Admin routes are on when STINT_ADMIN_TOKEN is set. Their operations run as `stint` child
processes (a crawl needs its own process anyway), so the API process keeps no master key.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import uvicorn

from index.meili import MeiliIndex
from index.meili_server import MeiliConnection, connect
from index.settings import Settings
from index.store import Store
from search_api.limits import BoundedHttpToolsProtocol
from stint.errors import StintError

RUNS_SHOWN = 10  # recent runs per source in GET /admin/sources


def _stint(settings: Settings, *args: str) -> list[str]:
    return [sys.executable, "-m", "stint", "--home", str(settings.home), *args]


def _child_env(settings: Settings, connection: MeiliConnection) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MEILI_URL=connection.url, MEILI_MASTER_KEY=connection.master_key or "",
               STINT_INDEX=settings.index_uid, STINT_STORE_URL=settings.store_url)
    return env


def admin_operations(settings: Settings, connection: MeiliConnection, store: Store,
                     sources_file: str | None) -> dict[str, Any]:
    """The callables behind POST /admin/reindex, POST /admin/crawl and GET /admin/sources."""
    env = _child_env(settings, connection)

    def reindex() -> dict[str, Any]:
        done = subprocess.run(_stint(settings, "reindex"), env=env,
                              capture_output=True, text=True, timeout=3600)
        return {"exit_code": done.returncode, "output": done.stderr.strip()[-2000:]}

    def crawl() -> dict[str, Any]:
        if not sources_file:
            return {"started": False, "reason": "no sources file"}
        proc = subprocess.Popen(_stint(settings, "crawl", "--config", sources_file,
                                       "--progress", "0"),
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return {"started": True, "pid": proc.pid}

    def sources() -> list[dict[str, Any]]:
        """Every source that has run: its recent runs (newest first), listings, failure streak."""
        names = sorted({run["source"] for run in store.recent_runs(limit=1000)})
        return [
            {"source": name, "runs": store.recent_runs(source=name, limit=RUNS_SHOWN),
             "listings": store.count(source=name),
             "active_listings": store.count(status="active", source=name),
             "failing_runs_in_a_row": store.consecutive_failures(name)}
            for name in names
        ]

    return {"reindex": reindex, "crawl": crawl, "sources": sources}


def build_app(settings: Settings, connection: MeiliConnection, store: Store,
              sources_file: str | None = None, public_url: str | None = None,
              allowed_hosts: list[str] | None = None):
    from search_api.app import create_app

    index = MeiliIndex(connection.url, connection.master_key, settings.index_uid)
    index.ensure()
    token = settings.admin_token
    ops = admin_operations(settings, connection, store, sources_file) if token else {}
    app = create_app(connection.url, index.search_key(), settings.index_uid, store=store,
                     admin_token=token, cors_origins=list(settings.cors_origins),
                     public_url=public_url, allowed_hosts=allowed_hosts, **ops)
    _configure_alerts(app, settings, store)
    return app


def _configure_alerts(app, settings: Settings, store: Store) -> None:
    """Alerts over the same store; email only with SMTP and a public URL (see README)."""
    from search_api.alerts_routes import configure
    from search_api.mail import MailConfigError, MailSettings

    try:
        mail = MailSettings.configured(settings.smtp_url, settings.mail_from)
    except MailConfigError as exc:
        raise StintError(str(exc)) from exc
    configure(app, store, mail, app.state.config.public_url or settings.public_url)


def _exit_cleanly(signum, _frame) -> None:
    raise SystemExit(0)


def bind(host: str, port: int) -> socket.socket:
    """The API's listening socket, bound before anything else starts: a busy port fails at
    once with a clear message, and no other server (Meilisearch, the sample sites) can take it
    meanwhile. Port 0 picks a free one. It listens at once, so a client that read the printed
    URL can connect even before uvicorn runs: its connection waits in the backlog."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise StintError(f"cannot listen on {host}:{port}: {exc.strerror} (try --port)") from exc
    return sock


def serve_api(settings: Settings, sock: socket.socket,
              connection: MeiliConnection | None = None, sources_file: str | None = None,
              public_url: str | None = None, allowed_hosts: list[str] | None = None) -> None:
    own_connection = connection is None
    connection = connection or connect(settings)
    store = Store(settings.store_url)
    host, port = sock.getsockname()[:2]
    try:
        if sources_file and not Path(sources_file).exists():
            sources_file = None
        app = build_app(settings, connection, store, sources_file, public_url, allowed_hosts)
        click.echo(f"Stint API on http://{host}:{port}  (Meilisearch {connection.url})", err=True)
        # uvicorn shuts down gracefully on SIGTERM, then raises the signal again; with the
        # default handler that kills the process before the `finally` below stops Meilisearch.
        signal.signal(signal.SIGTERM, _exit_cleanly)
        try:
            config = uvicorn.Config(app, log_level="warning", http=BoundedHttpToolsProtocol)
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:  # Ctrl-C: uvicorn re-raises it after its graceful shutdown
            pass
    finally:
        sock.close()
        store.close()
        if own_connection:
            connection.stop()
