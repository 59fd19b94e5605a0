"""The `stint` command: a thin layer over the library functions.

Everything Stint keeps lives under one home folder (--home, else STINT_HOME, else ./data).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from itertools import islice
from typing import Any

import click
import orjson

from index.settings import Settings
from stint.alerts_cmd import alerts
from stint.dedupe_cmd import dedupe
from stint.errors import USER_ERRORS, ConfigError
from stint.source_check import sources_check

DEFAULT_SOURCES = "sources.toml"


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


def _sources_option(f):
    return click.option(
        "--config", "config", type=click.Path(dir_okay=False), envvar="STINT_SOURCES",
        default=DEFAULT_SOURCES, show_default=True,
        help="Sources file (TOML, one [[source]] table per source). Env: STINT_SOURCES",
    )(f)


# -- crawl -------------------------------------------------------------------------------


@cli.command()
@_sources_option
@click.option("--source", "names", multiple=True, metavar="NAME",
              help="Crawl only this source (repeatable). Default: every enabled source.")
@click.option("--due", is_flag=True,
              help="Only the sources whose schedule says they are due (for cron / systemd timers).")
@click.option("--index/--no-index", default=True, show_default=True,
              help="Sync the Meilisearch index after the crawl.")
@click.option("--progress", type=float, default=5.0, show_default=True, metavar="SECONDS",
              help="Seconds between progress lines (0: none).")
@click.pass_obj
def crawl(settings: Settings, config: str, names: tuple[str, ...], due: bool, index: bool,
          progress: float) -> None:
    """Crawl sources, normalize and store what they list, then update the index.

    A broken page or posting is counted for its source and the crawl goes on. A source whose
    crawl is already running (in any process) is skipped. Exit code 1 when a source failed
    outright (no page could be read)."""
    from crawlers.sources import load_sources
    from stint.crawl import run_crawl
    from stint.locks import SourceLock
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
        lock = SourceLock(settings.home, source.name)
        (locks if lock.acquire() else locked).append((source, lock))
    for source, _ in locked:
        click.echo(f"{source.name}: a crawl of this source is already running; skipped", err=True)
    sources = [source for source, _ in locks]
    if not sources:
        return
    click.echo(f"crawling {len(sources)} source(s): {', '.join(s.name for s in sources)}", err=True)
    try:
        results = run_crawl(settings, sources, contact=sources_file.crawler.get("contact"),
                            extra_settings={"STINT_PROGRESS_INTERVAL": progress})
    finally:
        for _, lock in locks:
            lock.release()
    for r in results:
        errors = ", ".join(f"{k}={v}" for k, v in r.errors.items()) or "none"
        rate = r.pages / r.seconds if r.seconds else 0.0
        expired = f" expired={r.stats['expired']}" if r.stats.get("expired") else ""
        click.echo(f"{r.source:<20} {r.status:<8} pages={r.pages} postings={r.postings} "
                   f"stored={r.stored}{expired} errors: {errors}  ({rate:.1f} pages/s)", err=True)
    if index:
        try:
            _sync_index(settings)
        except USER_ERRORS as exc:
            # The store has everything; the index catches up on the next sync or reindex.
            click.echo(f"stint: warning: {exc}; stored listings will be indexed by the next "
                       "crawl or `stint reindex`", err=True)
    if any(r.status == "failed" for r in results):
        sys.exit(1)


@cli.command()
@_sources_option
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
    from normalize.dedup import NO_OVERRIDES, OverridesError, parse_overrides

    path = settings.dedupe_overrides or settings.home / "dedupe.toml"
    if not path.exists():
        return NO_OVERRIDES
    try:
        return parse_overrides(path.read_text(encoding="utf-8"), str(path))
    except OverridesError as exc:
        raise ConfigError(str(exc)) from exc


def _sync_index(settings: Settings, rebuild: bool = False) -> None:
    """Bring the index up to date with the store, starting a local Meilisearch if needed
    (and stopping it again if this command started it)."""
    from index.meili import MeiliIndex, reindex, sync
    from index.meili_server import connect
    from index.store import Store

    overrides = load_dedupe_overrides(settings)
    store = Store(settings.store_url)
    connection = connect(settings)
    try:
        index = MeiliIndex(connection.url, connection.master_key, settings.index_uid)
        report = (reindex if rebuild else sync)(store, index, overrides=overrides)
        click.echo(f"index {settings.index_uid}: {report.upserted} upserted, "
                   f"{report.deleted} deleted, {index.count()} documents "
                   f"(one per opening; {store.count(status='active')} active listings)"
                   + (f"; {report.retries} writes retried" if report.retries else ""), err=True)
    finally:
        connection.stop()
        store.close()


@cli.command()
@click.pass_obj
def reindex(settings: Settings) -> None:
    """Rebuild the Meilisearch index from the store (the store is the source of truth).

    Use it after a parser fix, a change of index settings, lost Meilisearch data or a crawl that
    ran while Meilisearch was down. Clusters are recomputed (with <home>/dedupe.toml), the index
    is emptied and refilled with one document per opening. Starts the home's Meilisearch if it
    is not running (MEILI_URL + MEILI_MASTER_KEY use a server of your own)."""
    _sync_index(settings, rebuild=True)


# -- normalize / export -----------------------------------------------------------------


NORMALIZE_BATCH = 256  # lines normalized together: their descriptions are sanitized back to back


@cli.command()
@click.option("--strict", is_flag=True, help="Exit 1 if any line could not be normalized.")
def normalize(strict: bool) -> None:
    """Read RawListing JSONL on stdin, write Listing JSONL on stdout.

    A line that cannot be read or normalized is reported on stderr with its line number;
    every other line is still written, in input order. Lines are normalized in batches of 256
    (faster: see normalize_many), so output follows input a batch at a time."""
    from normalize import fewer_collections
    from normalize.schema import listing_json

    written = failed = 0
    source, out = _big_buffer(sys.stdin, "rb"), _big_buffer(sys.stdout, "wb")

    def report(number: int, exc: BaseException) -> None:
        nonlocal failed
        failed += 1
        out.flush()  # the lines before it first, for a reader of both streams
        click.echo(f"stint normalize: line {number}: {type(exc).__name__}: {exc}", err=True)

    lines = ((number, line) for number, line in enumerate(source, start=1) if line.strip())
    with fewer_collections():  # also while lines are read and written
        while batch := list(islice(lines, NORMALIZE_BATCH)):
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


CSV_COLUMNS = ["id", "title", "organization", "url", "apply_url", "locations", "arrangement",
               "employment_types", "pay_min", "pay_max", "pay_currency", "pay_period", "paid",
               "duration_weeks_min", "duration_weeks_max", "hours_per_week_min",
               "hours_per_week_max", "posted_at", "deadline", "category", "source",
               "first_seen_at", "last_seen_at", "status"]


def csv_row(listing: dict[str, Any]) -> list[Any]:
    pay, dur, hours = listing["pay"], listing["duration_weeks"], listing["hours_per_week"]
    places = "; ".join(
        ", ".join(p for p in (loc.get("city"), loc.get("region"), loc.get("country")) if p)
        or (loc.get("raw") or "")
        for loc in listing["locations"]
    )
    return [listing["id"], listing["title"], listing["organization"].get("name"), listing["url"],
            listing.get("apply_url"), places, listing["arrangement"],
            " ".join(listing["employment_types"]), pay.get("min"), pay.get("max"),
            pay.get("currency"), pay.get("period"), pay.get("paid"), dur.get("min"),
            dur.get("max"), hours.get("min"), hours.get("max"), listing.get("posted_at"),
            listing.get("deadline"), listing.get("category"), listing["source"],
            listing.get("first_seen_at"), listing.get("last_seen_at"), listing["status"]]


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
            writer = csv.writer(sys.stdout)
            writer.writerow(CSV_COLUMNS)
            for listing in rows:
                writer.writerow(csv_row(listing))
    finally:
        store.close()


# -- serve / demo ------------------------------------------------------------------------


@cli.command()
@_sources_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.pass_obj
def serve(settings: Settings, config: str, host: str, port: int) -> None:
    """Serve the search API, the student page and the feeds (and start the home's
    Meilisearch if it is not running).

    Admin routes (/admin/reindex, /admin/crawl of the sources file, /admin/sources) are on when
    STINT_ADMIN_TOKEN is set; callers send `Authorization: Bearer <token>`. STINT_CORS_ORIGINS
    (comma-separated) allows cross-origin GETs."""
    from stint.serving import bind, serve_api

    serve_api(settings, bind(host, port), sources_file=config)


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
@_sources_option
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
            s = run["stats"]
            errors = ", ".join(f"{k}={v}" for k, v in s.get("errors", {}).items()) or "none"
            click.echo(f"#{run['id']:<5} {run['started_at']}  {run['source']:<20} "
                       f"{run['status']:<8} pages={s.get('pages')} postings={s.get('postings')} "
                       f"stored={s.get('stored')} errors: {errors}")
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
