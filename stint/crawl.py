"""Run a crawl: one Scrapy crawler per source in one process, at most `max_sources` at once
(the next source starts when one finishes, so memory does not grow with the number of
sources), then record each run and apply the listing lifecycle.

Twisted's reactor cannot be restarted, so `run_crawl` can be called once per process; the CLI
(`stint crawl`) is that process. A run's status is
  failed   no page could be read;
  lost     stopped before it read anything (or its worker died: see Store.reap_lost_runs);
  running  begun, not finished yet;
  partial  some pages could not be read (5xx, timeout, refused), or the run was stopped early
           or cut by max_pages / max_items: it may have missed listings, so it expires nothing;
  ok       every page was read; pages without a usable posting (bad JSON-LD, 404/410, a
           rejected posting) are counted but do not make the run unhealthy.
After an ok run, the source's listings it did not see count a missed run and expire after
`expire_after` misses in a row. A listing whose page now answers 404 or 410 expires after any
run. Listings past their deadline expire after every crawl.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from twisted.internet import defer

from crawlers.httpcache import evict
from crawlers.kinds import KINDS
from crawlers.settings import base_settings, http_cache_settings, source_settings
from crawlers.sources import Source
from index.settings import Settings
from index.store import Store, utcnow


@dataclass
class RunResult:
    source: str
    status: str
    started_at: str
    finished_at: str
    seconds: float
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return self.stats.get("pages", 0)

    @property
    def postings(self) -> int:
        return self.stats.get("postings", 0)

    @property
    def stored(self) -> int:
        return self.stats.get("stored", 0)

    @property
    def errors(self) -> dict[str, int]:
        return self.stats.get("errors", {})

    @property
    def error_total(self) -> int:
        return sum(self.errors.values())


def summarize_stats(raw: dict[str, Any]) -> dict[str, Any]:
    """Scrapy's stats -> the counts a run keeps: pages, postings, stored, rejected, errors."""
    summary: dict[str, Any] = {
        "pages": raw.get("stint/pages", 0),
        "postings": raw.get("stint/postings", 0),
        "stored": raw.get("stint/stored", 0),
        # Postings whose raw payload had not changed since it was stored: not normalized again.
        "unchanged": raw.get("stint/unchanged", 0),
        "rejected": raw.get("stint/rejected", 0),
        "requests": raw.get("downloader/request_count", 0),
        "finish_reason": raw.get("finish_reason"),
        "errors": {
            key.removeprefix("stint/errors/"): value
            for key, value in sorted(raw.items())
            if key.startswith("stint/errors/")
        },
    }
    for name in ("start_time", "finish_time"):  # this source's own crawl, within the run
        if raw.get(name) is not None:
            summary[f"crawl_{name.removesuffix('_time')}ed"] = raw[name].isoformat(timespec="milliseconds")
    if raw.get("stint/rejected"):
        summary["errors"]["rejected"] = raw["stint/rejected"]
    limited = {key.removeprefix("stint/limited/"): value for key, value in raw.items()
               if key.startswith("stint/limited/")}
    if limited:
        summary["limited"] = limited  # requests or items left out by max_pages / max_items
    return summary


# Errors that say something about one page or posting, not about what the crawl could see.
# A page robots.txt forbids is one we chose not to see, not one we failed to see. A 404/410 is
# gone; a page over DOWNLOAD_MAXSIZE or a redirect loop is a broken page, not an unreadable site.
# Everything else (5xx, timeout, refused, a feed that does not parse) is "unreadable": the run may
# have missed listings, so it is partial and expires nothing.
CONTENT_ERRORS = frozenset({"invalid_jsonld", "no_posting", "rejected", "not_html", "http_404",
                            "http_410", "bad_sitemap", "robots_disallowed", "too_large",
                            "redirect_loop", "too_many_redirects"})


def run_status(summary: dict[str, Any]) -> str:
    if summary["pages"] == 0:
        # Stopped (Ctrl-C, SIGTERM) before it read anything: says nothing about the source.
        # (No finish reason: the engine never closed the spider, it was interrupted.)
        if summary.get("finish_reason") != "finished" and not summary["errors"]:
            return "lost"
        return "failed"
    if any(kind not in CONTENT_ERRORS for kind in summary["errors"]):
        return "partial"
    # Stopped early (Ctrl-C, SIGTERM from the scheduler) or cut by a page / item limit: the
    # run did not see the whole source, so what it did not see must not count as missing.
    if summary.get("finish_reason") not in (None, "finished") or summary.get("limited"):
        return "partial"
    return "ok"


def spider_for(source: Source) -> type:
    """The kind's spider, specialised with this source's settings layer."""
    base = KINDS[source.kind]
    return type(
        f"{base.__name__}_{source.name}",
        (base,),
        {"name": source.name, "custom_settings": source_settings(source)},
    )


# Sources crawled at once by one `stint crawl`. Each source is polite on its own (one request
# at a time per site, AutoThrottle); more sources in parallel use the time spent waiting on
# slow sites, fewer bound memory (a big board's pages and items are held while it is parsed).
DEFAULT_MAX_SOURCES = 8


class _Process(CrawlerProcess):
    """A CrawlerProcess that remembers it was asked to stop (Ctrl-C, SIGTERM), so sources
    still waiting for a slot are not started."""

    stopping = False

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        self.stopping = True
        super()._signal_shutdown(signum, frame)

    def _signal_kill(self, signum: int, frame: Any) -> None:
        self.stopping = True
        super()._signal_kill(signum, frame)


def run_crawl(settings: Settings, sources: list[Source], contact: str | None = None,
              extra_settings: dict[str, Any] | None = None,
              max_sources: int = DEFAULT_MAX_SOURCES) -> list[RunResult]:
    started_at = utcnow()
    scrapy_settings = base_settings(settings.store_url, contact)
    # Every listing this run sees gets last_seen_at = the run's start: what the lifecycle reads.
    scrapy_settings["STINT_RUN_STARTED_AT"] = started_at
    # Conditional re-fetches (ETag / Last-Modified) from a cache under the home.
    scrapy_settings.update(http_cache_settings(settings.home))
    scrapy_settings.update(extra_settings or {})
    store = Store(settings.store_url)  # creates the schema once, before crawlers race to it
    process = _Process(scrapy_settings)
    slots = defer.DeferredSemaphore(max(1, max_sources))

    worker = f"{socket.gethostname()}:{os.getpid()}:{settings.home}"
    run_ids: dict[str, int] = {}
    results: list[RunResult] = []
    recorded: set[str] = set()

    def start(source: Source):
        if process.stopping:
            return None
        # A run `running` from here on: if this process dies, the next scheduler finds it lost.
        run_ids[source.name] = store.begin_run(source.name, started_at, worker)
        crawler = process.create_crawler(spider_for(source))
        begun = time.monotonic()
        # Recorded as soon as it ends, and then let go: a finished source's crawler (spider,
        # engine, settings) is freed, so memory does not grow with the number of sources.
        return process.crawl(crawler, source=source).addBoth(finished, source, crawler, begun)

    def finished(outcome: object, source: Source, crawler, begun: float) -> object:
        result = _record(store, source, crawler, run_ids.get(source.name), started_at, worker,
                         time.monotonic() - begun, process.stopping)
        if result is not None:
            results.append(result)
            recorded.add(source.name)
        return outcome

    def stop_when_done(_result: object) -> None:
        from twisted.internet import reactor

        if reactor.running:
            reactor.stop()
        else:  # everything ended before the reactor started (e.g. a Ctrl-C as it began)
            reactor.callWhenRunning(reactor.stop)

    # A source waiting for a slot makes no crawler (and holds no memory) until it starts; after
    # a Ctrl-C or SIGTERM the ones not started yet are left out of the results.
    def early_stop(_signum: int, _frame: Any) -> None:  # before Scrapy installs its handlers
        process.stopping = True
        raise KeyboardInterrupt

    try:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, early_stop)
    except ValueError:  # not the main thread: no signals to catch
        pass
    try:
        defer.DeferredList([slots.run(start, source) for source in sources]).addBoth(stop_when_done)
        process.start(stop_after_crawl=False)
        store.expire_past_deadline(started_at[:10])
        # The HTTP cache is bounded by age and size (crawlers.httpcache); a failure here loses
        # nothing, the next crawl tries again.
        try:
            evict(scrapy_settings["HTTPCACHE_DIR"], settings.httpcache_max_age_days,
                  settings.httpcache_max_mb)
        except OSError:
            pass
        order = {source.name: i for i, source in enumerate(sources)}
        return sorted(results, key=lambda r: order[r.source])
    finally:
        # A run begun but never recorded (Ctrl-C as a source started, before its crawler ran;
        # Twisted keeps such an interrupt inside the source's Deferred) ends as lost.
        lost = {name: rid for name, rid in run_ids.items() if name not in recorded}
        for name, run_id in lost.items():
            store.record_run(name, started_at, utcnow(), "lost",
                             {"worker": worker, "interrupted": True}, run_id=run_id)
        store.close()


def _record(store: Store, source: Source, crawler, run_id: int | None, started_at: str,
            worker: str, seconds: float, stopped: bool) -> RunResult | None:
    """A finished source's run, and the lifecycle it implies (None: interrupted before it
    crawled, recorded as lost)."""
    if getattr(crawler, "_stats", None) is None:
        return None
    summary = summarize_stats(crawler.stats.get_stats())
    status = run_status(summary)
    if status == "lost" and not stopped:  # nobody stopped it: it broke (e.g. a pipeline)
        status = "failed"
    summary["expired"] = store.expire_gone(source.name, getattr(crawler.spider, "gone_urls", set()))
    if status == "ok":
        summary["expired"] += store.record_missing(source.name, started_at, source.expire_after)
    summary["worker"] = worker
    finished_at = utcnow()
    store.record_run(source.name, started_at, finished_at, status, summary, run_id=run_id)
    return RunResult(source.name, status, started_at, finished_at, seconds, summary)
