"""The `stint` command: a thin layer over the library functions.

Everything Stint keeps lives under one home folder (--home, else STINT_HOME, else ./data).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import click
import orjson

from index.settings import Settings
from stint.alerts_cmd import alerts
from stint.common import config_option, format_counts
from stint.dedupe_cmd import dedupe
from stint.errors import USER_ERRORS, ConfigError
from stint.source_check import sources_check


class StintGroup(click.Group):
    """Turns a user-facing error (stint/errors.py) into a one-line message and exit code 2
    instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            click.echo(f"stint: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=StintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False), envvar="STINT_HOME",
              help="Folder for everything Stint keeps (store, Meilisearch data, keys). "
                   "Default: $STINT_HOME, else ./data")
@click.version_option(package_name="stint")
@click.pass_context
def cli(ctx: click.Context, home: str | None) -> None:
    """Stint finds micro-internships: it crawls career sites, normalizes every posting to one
    schema, stores them, indexes them in Meilisearch and serves search and feeds.

    Try `stint demo` to crawl the bundled sample sites and search them."""
    ctx.obj = Settings.load(home=home)
    _use_home_rates(ctx.obj)


def _home_rates_file(settings: Settings) -> Path:
    return settings.home / "rates.csv"


def _use_home_rates(settings: Settings) -> None:
    """The reference rates `stint rates import` wrote to this home, if any (else the shipped
    table): the index documents' US-dollar pay is computed with them."""
    from index import rates

    path = _home_rates_file(settings)
    if path.exists():
        try:
            rates.use(rates.load(path))
        except rates.RatesError as exc:
            raise ConfigError(str(exc)) from exc


# -- crawl -------------------------------------------------------------------------------


@cli.command()
@config_option
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="Crawl only this source (repeatable). Default: every enabled source.")
@click.option("--due", is_flag=True,
              help="Only the sources whose schedule says they are due (for cron / systemd timers).")
@click.option("--index/--no-index", default=True, show_default=True,
              help="Sync the Meilisearch index after the crawl.")
@click.option("--progress", type=float, default=5.0, show_default=True, metavar="SECONDS",
              help="Seconds between progress lines (0: none).")
@click.option("--max-sources", type=click.IntRange(1, 256), default=8, show_default=True,
              help="Sources crawled at once; the next starts when one finishes (bounds memory).")
@click.pass_obj
def crawl(settings: Settings, config: str, names: tuple[str, ...], due: bool, index: bool,
          progress: float, max_sources: int) -> None:
    """Crawl sources, normalize and store what they list, then update the index.

    A broken page or posting is counted for its source and the crawl goes on. A source whose
    crawl is already running (in any process) is skipped. Exit code 1 when a source failed
    outright (no page could be read)."""
    from crawlers.sources import load_sources
    from stint.crawl import run_crawl
    from stint.locks import source_lock
    from stint.scheduler import due_sources

    sources_file = load_sources(config)
    sources = ([sources_file.get(n) for n in names] if names
               else [s for s in sources_file.sources if s.enabled])
    if due:
        sources = due_sources(settings, sources)
        if not sources:
            click.echo("no source is due", err=True)
            return
    if not sources:
        raise click.UsageError(f"{config} has no enabled source to crawl")
    locks, locked = [], []
    for source in sources:
        lock = source_lock(settings, source.name)
        (locks if lock.acquire() else locked).append((source, lock))
    for source, _ in locked:
        click.echo(f"{source.name}: a crawl of this source is already running; skipped", err=True)
    sources = [source for source, _ in locks]
    if not sources:
        return
    click.echo(f"crawling {len(sources)} source(s): {', '.join(s.name for s in sources)}", err=True)
    try:
        results = run_crawl(settings, sources, contact=sources_file.crawler.get("contact"),
                            extra_settings={"STINT_PROGRESS_INTERVAL": progress},
                            max_sources=max_sources)
    finally:
        for _, lock in locks:
            lock.release()
    for r in results:
        rate = r.pages / r.seconds if r.seconds else 0.0
        click.echo(f"{r.source:<20} {r.status:<8} {format_counts(r.stats)}  ({rate:.1f} pages/s)",
                   err=True)
    if index:
        try:
            _sync_index(settings, progress=progress)
        except USER_ERRORS as exc:
            # The store has everything; the index catches up on the next sync or reindex.
            click.echo(f"stint: warning: {exc}; stored listings will be indexed by the next "
                       "crawl or `stint reindex`", err=True)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@cli.command()
@config_option
@click.option("--tick", type=float, default=30.0, show_default=True, metavar="SECONDS",
              help="How often to look for due sources.")
@click.option("--max-parallel", type=click.IntRange(1, 64), default=2, show_default=True,
              help="Crawls running at once (each in its own process).")
@click.pass_obj
def schedule(settings: Settings, config: str, tick: float, max_parallel: int) -> None:
    """Run due crawls on their schedules until SIGTERM or Ctrl-C.

    Each source's `schedule` is an interval (30m, 6h, 1d) or a cron expression (UTC). Prefer
    cron or a systemd timer? Run `stint crawl --due` from it instead (see README)."""
    from stint.scheduler import run_scheduler

    run_scheduler(settings, config, tick=tick, max_parallel=max_parallel)


def load_dedupe_overrides(settings: Settings):
    """Operator corrections to deduplication: $STINT_DEDUPE_OVERRIDES, else <home>/dedupe.toml."""
    from stint.dedupe_cmd import load_overrides

    return load_overrides(settings.dedupe_overrides or settings.home / "dedupe.toml", missing_ok=True)


def _sync_index(settings: Settings, rebuild: bool = False, progress: float = 5.0) -> None:
    """Bring the index up to date with the store, starting a local Meilisearch if needed
    (and stopping it again if this command started it); a progress line every `progress`
    seconds (0: none) while it re-clusters."""
    from index.meili import MeiliIndex, reindex, sync
    from index.meili_server import connect
    from index.store import Store
    from stint.locks import SyncLock

    overrides = load_dedupe_overrides(settings)
    click.echo(f"index {settings.index_uid}: {'rebuilding' if rebuild else 'syncing'}", err=True)
    store = Store(settings.store_url)
    connection = None
    try:
        with SyncLock(settings):  # one sync at a time per store (several workers finishing)
            if not rebuild:
                # Nothing new, changed or expired (an unchanged re-crawl): Meilisearch is not
                # even reached.
                store.refresh_keys()
                if not store.pending_ids(limit=1):
                    click.echo(f"index {settings.index_uid}: 0 upserted, 0 deleted; nothing "
                               "changed since the last sync", err=True)
                    return
            connection = connect(settings)
            index = MeiliIndex(connection.url, connection.master_key, settings.index_uid)
            report = (reindex if rebuild else sync)(store, index, overrides=overrides,
                                                    progress=_sync_progress(settings, progress))
        click.echo(f"index {settings.index_uid}: {report.upserted} upserted, "
                   f"{report.deleted} deleted, {index.count()} documents "
                   f"(one per opening; {store.count(status='active')} active listings)"
                   + (f"; {report.retries} writes retried" if report.retries else ""), err=True)
    finally:
        if connection is not None:
            connection.stop()
        store.close()


def _sync_progress(settings: Settings, every: float):
    """A sync progress callback that prints at most one line every `every` seconds."""
    if not every:
        return None
    shown = [time.monotonic()]

    def show(p) -> None:
        if time.monotonic() - shown[0] >= every:
            shown[0] = time.monotonic()
            click.echo(f"index {settings.index_uid}: {p.pending_done:,} of {p.pending:,} pending "
                       f"listings re-clustered ({p.reclustered:,} with what they can match), "
                       f"{p.sent:,} documents sent", err=True)

    return show


@cli.command()
@click.pass_obj
def reindex(settings: Settings) -> None:
    """Rebuild the Meilisearch index from the store (the store is the source of truth).

    Use it after a parser fix, a change of index settings, lost Meilisearch data or a crawl that
    ran while Meilisearch was down. Clusters are recomputed (with <home>/dedupe.toml), the index
    is emptied and refilled with one document per opening. Starts the home's Meilisearch if it
    is not running (MEILI_URL + MEILI_MASTER_KEY use a server of your own)."""
    _sync_index(settings, rebuild=True)


@cli.group("rates")
def rates_group() -> None:
    """The reference exchange rates that make pay comparable across currencies (pay_min and
    sort=pay compare hourly pay in US dollars)."""


@rates_group.command("show")
@click.pass_obj
def rates_show(settings: Settings) -> None:
    """Print the rates in use: a comment line with their date and the file they come from,
    then the table in the ECB's CSV layout (units of each currency per euro). Without an
    imported file, the approximate table shipped with Stint (see index/rates.py)."""
    from index import rates

    table = rates.active()
    click.echo(f"# {table.day}  {table.source}")
    click.echo(table.to_csv(), nl=False)


@rates_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.pass_obj
def rates_import(settings: Settings, file: str) -> None:
    """Use the rates of FILE from now on in this home: the European Central Bank's euro
    reference rates as CSV (eurofxref.csv) or XML (eurofxref-daily.xml), downloaded by you.
    Run `stint reindex` afterwards to recompute every document's US-dollar pay."""
    from index import rates

    try:
        table = rates.load(Path(file))
    except rates.RatesError as exc:
        raise ConfigError(str(exc)) from exc
    target = _home_rates_file(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(table.to_csv(), encoding="utf-8")
    click.echo(f"stint: rates of {table.day} ({len(table.per_euro) - 1} currencies) saved to "
               f"{target}; run `stint reindex` to apply them", err=True)


# -- normalize / export -----------------------------------------------------------------


NORMALIZE_BATCH = 256  # lines normalized together: their descriptions are sanitized back to back


@cli.command()
@click.option("--strict", is_flag=True, help="Exit 1 if any line could not be normalized.")
def normalize(strict: bool) -> None:
    """Read RawListing JSONL on stdin, write Listing JSONL on stdout.

    A line that cannot be read or normalized is reported on stderr with its line number;
    every other line is still written, in input order. Lines are read, normalized and written
    256 at a time, so output follows input a batch at a time."""
    from normalize import gc_paused
    from normalize.schema import listing_json

    written = failed = 0
    source, out = _big_buffer(sys.stdin, "rb"), _big_buffer(sys.stdout, "wb")

    def report(number: int, exc: BaseException) -> None:
        nonlocal failed
        failed += 1
        out.flush()  # the lines before it first, for a reader of both streams
        click.echo(f"stint normalize: line {number}: {type(exc).__name__}: {exc}", err=True)

    lines = ((number, line) for number, line in enumerate(source, start=1) if line.strip())
    while batch := list(islice(lines, NORMALIZE_BATCH)):
        with gc_paused():  # also while the batch is read and written (see normalize_many)
            for number, result in _normalized(batch):
                if not isinstance(result, Exception):
                    try:
                        out.write(listing_json(result))
                        written += 1
                        continue
                    except Exception as exc:  # noqa: BLE001 — a bad line is reported, never fatal
                        result = exc
                report(number, result)
    out.flush()
    click.echo(f"stint normalize: {written} listings written, {failed} lines skipped", err=True)
    if strict and failed:
        sys.exit(1)


def _normalized(batch: list[tuple[int, bytes]]) -> Iterator[tuple[int, Any]]:
    """(line number, Listing or the error that line gave) for each numbered line, in order."""
    from normalize import normalize_many

    parsed: list[tuple[int, Any]] = []
    for number, line in batch:
        try:
            parsed.append((number, orjson.loads(line)))
        except orjson.JSONDecodeError as exc:
            parsed.append((number, exc))
    results = iter(normalize_many(
        [raw for _, raw in parsed if not isinstance(raw, orjson.JSONDecodeError)]))
    for number, raw in parsed:
        yield number, raw if isinstance(raw, orjson.JSONDecodeError) else next(results)


def _big_buffer(stream: Any, mode: str) -> Any:
    """A binary stream on the same file with a 1 MiB buffer: with the default 8 KiB one, lines
    of ~5 KB cost a system call each (~20 µs a line, 5% of normalizing one)."""
    try:
        return open(stream.fileno(), mode, buffering=1 << 20, closefd=False)  # noqa: SIM115
    except (OSError, ValueError, AttributeError):  # not a real file (a test's in-memory stream)
        return stream.buffer


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl",
              show_default=True)
@click.option("--status", type=click.Choice(["active", "expired", "all"]), default="all",
              show_default=True)
@click.option("--source", default=None, metavar="NAME", help="Only this source's listings.")
@click.pass_obj
def export(settings: Settings, fmt: str, status: str, source: str | None) -> None:
    """Write the stored listings to stdout as Listing JSONL (or CSV)."""
    from index.store import Store

    store = Store(settings.store_url)
    rows = store.iter_listings(status=None if status == "all" else status, source=source)
    try:
        if fmt == "jsonl":
            out = sys.stdout.buffer
            for listing in rows:
                out.write(orjson.dumps(listing) + b"\n")
            out.flush()
        else:
            from search_api.export import LISTING_COLUMNS, write_csv

            write_csv(LISTING_COLUMNS, rows, sys.stdout)
    finally:
        store.close()


# -- serve / demo ------------------------------------------------------------------------


def _check_public_url(value: str | None) -> str | None:
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise click.BadParameter(f"{value!r}: give http(s)://host[:port][/path], no query",
                                 param_hint="'--public-url'")
    return value.rstrip("/")


@cli.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int,
              help="0: any free port (the URL is printed on stderr once the API is ready).")
@click.option("--public-url", metavar="URL",
              help="The URL people reach the API at (https://jobs.example.org): every absolute "
              "link (feeds, canonical links) is built from it. Default: $STINT_PUBLIC_URL")
@click.option("--allowed-hosts", metavar="NAMES",
              help="Comma-separated Host names answered; others get 400 ('*': any). Default: "
              "$STINT_ALLOWED_HOSTS, else localhost, 127.0.0.1, ::1 without a public URL and "
              "any host with one.")
@click.pass_obj
def serve(settings: Settings, config: str, host: str, port: int, public_url: str | None,
          allowed_hosts: str | None) -> None:
    """Serve the search API, the student page and the feeds (and start the home's
    Meilisearch if it is not running).

    Admin routes (/admin/reindex, /admin/crawl of the sources file, /admin/sources) are on when
    STINT_ADMIN_TOKEN is set; callers send `Authorization: Bearer <token>`. STINT_CORS_ORIGINS
    (comma-separated) allows cross-origin GETs."""
    from stint.serving import bind, serve_api

    public_url = _check_public_url(public_url or settings.public_url)
    hosts = ([h.strip() for h in allowed_hosts.split(",") if h.strip()] if allowed_hosts
             else list(settings.allowed_hosts) if settings.allowed_hosts else None)
    if not public_url and hosts is None and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("stint: without --public-url or --allowed-hosts only requests naming "
                   "localhost, 127.0.0.1 or ::1 as their Host are answered", err=True)
    serve_api(settings, bind(host, port), sources_file=config, public_url=public_url,
              allowed_hosts=hosts)


@cli.command()
@click.option("--port", default=8000, show_default=True, type=int,
              help="Port of the API (0: any free port; the URL is printed).")
@click.option("--no-serve", is_flag=True, help="Crawl and index, then exit (no API).")
@click.pass_obj
def demo(settings: Settings, port: int, no_serve: bool) -> None:
    """The main job on the embedded defaults: serve the bundled sample career sites on
    127.0.0.1, crawl them, index the postings and serve the search API.

    Never touches the internet. Uses the home folder like every other command."""
    from stint.demo.run import run_demo

    run_demo(settings, port=port, serve=not no_serve)


# -- sources / runs ----------------------------------------------------------------------


@cli.group()
def sources() -> None:
    """Inspect the configured sources."""


sources.add_command(sources_check)


@sources.command("list")
@config_option
def sources_list(config: str) -> None:
    """List the sources in the sources file, with their kind and where they are defined."""
    from crawlers.sources import load_sources

    for source in load_sources(config).sources:
        state = "" if source.enabled else "  (disabled)"
        render = " render" if source.render else ""
        click.echo(f"{source.name:<24} {source.kind:<16}{render} {source.origin}{state}")


FAILING_RUNS_WARNING = 3  # a source that failed this many runs in a row is flagged


@cli.command()
@click.option("--source", default=None, metavar="NAME")
@click.option("--limit", default=20, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per run.")
@click.pass_obj
def runs(settings: Settings, source: str | None, limit: int, as_json: bool) -> None:
    """Show recent crawl runs: status, counts and errors per source."""
    from index.store import Store

    store = Store(settings.store_url)
    try:
        for run in store.recent_runs(source=source, limit=limit):
            if as_json:
                click.echo(json.dumps(run))
                continue
            click.echo(f"#{run['id']:<5} {run['started_at']}  {run['source']:<20} "
                       f"{run['status']:<8} {format_counts(run['stats'])}")
        if not as_json:
            names = {run["source"] for run in store.recent_runs(source=source, limit=limit)}
            for name in sorted(names):
                failures = store.consecutive_failures(name)
                if failures >= FAILING_RUNS_WARNING:
                    click.echo(f"warning: {name} failed its last {failures} runs in a row", err=True)
    finally:
        store.close()


cli.add_command(dedupe)
cli.add_command(alerts)


def main() -> None:
    cli(prog_name="stint")


if __name__ == "__main__":
    main()
