"""`stint schedule`: a long-lived process that starts due crawls, and sends due alerts.

Each crawl runs in its own process (`stint crawl --source NAME`; Twisted's reactor cannot be
restarted), at most `max_parallel` at once, never two of one source (the crawl holds the
source's flock, and the scheduler does not start a source whose crawl it is still waiting on).
When an alert is due (stint.alerts), a tick starts `stint alerts run` in its own process too,
one at a time. SIGTERM or SIGINT: start nothing more, ask running crawls to stop, wait for them
and for a run of alerts, exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime

import click

from crawlers.schedule import is_due, parse_schedule
from crawlers.sources import Source, load_sources
from index.settings import Settings
from index.store import Store
from stint.alerts import any_due
from stint.alerts import run_command as alerts_command
from stint.locks import is_locked


def last_started(store: Store, source: str) -> str | None:
    runs = store.recent_runs(source=source, limit=1)
    return runs[0]["started_at"] if runs else None


def due_sources(settings: Settings, sources: list[Source], now: datetime | None = None) -> list[Source]:
    """Enabled, scheduled sources whose next run time has passed."""
    now = now or datetime.now(UTC)
    store = Store(settings.store_url)
    try:
        return [
            s for s in sources
            if s.enabled and s.schedule
            and is_due(parse_schedule(s.schedule), last_started(store, s.name), now)
        ]
    finally:
        store.close()


def crawl_command(settings: Settings, config: str, source: str) -> list[str]:
    return [sys.executable, "-m", "stint", "--home", str(settings.home), "crawl",
            "--config", config, "--source", source, "--progress", "0"]


def run_scheduler(settings: Settings, config: str, tick: float = 30.0, max_parallel: int = 2,
                  max_ticks: int | None = None) -> None:
    stopping = False

    def stop(signum, _frame) -> None:
        nonlocal stopping
        stopping = True
        click.echo(f"schedule: got {signal.Signals(signum).name}, stopping", err=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    running: dict[str, subprocess.Popen] = {}
    alerts_run: subprocess.Popen | None = None  # `stint alerts run`, when alerts are due
    ticks = 0
    click.echo(f"schedule: {config}, tick {tick}s, at most {max_parallel} crawl(s) at once", err=True)
    while not stopping and (max_ticks is None or ticks < max_ticks):
        ticks += 1
        for name, proc in list(running.items()):
            if proc.poll() is not None:
                click.echo(f"schedule: {name} finished with exit code {proc.returncode}", err=True)
                del running[name]
        # Re-read the file every tick: operators edit schedules without restarting.
        sources = load_sources(config).sources
        for source in due_sources(settings, sources):
            if len(running) >= max_parallel:
                break
            if source.name in running or is_locked(settings.home, source.name):
                continue
            click.echo(f"schedule: starting {source.name}", err=True)
            running[source.name] = subprocess.Popen(crawl_command(settings, config, source.name),
                                                    env=os.environ.copy())
        if (alerts_run is None or alerts_run.poll() is not None) and any_due(settings.store_url):
            alerts_run = subprocess.Popen(alerts_command(str(settings.home)), env=os.environ.copy())
        deadline = time.monotonic() + tick
        while not stopping and time.monotonic() < deadline:
            time.sleep(min(0.2, tick))
    for proc in running.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # Scrapy finishes in-flight requests and stores them
    for name, proc in running.items():
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        click.echo(f"schedule: {name} ended with exit code {proc.returncode}", err=True)
    if alerts_run is not None:  # a run of alerts is short: let it finish sending
        try:
            alerts_run.wait(timeout=120)
        except subprocess.TimeoutExpired:
            alerts_run.kill()
            alerts_run.wait()
