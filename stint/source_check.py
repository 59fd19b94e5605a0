"""`stint sources check NAME`: try one source without storing anything.

Runs a tiny crawl of the source, through its kind's real spider, with small limits (one list
page or API call plus a few postings), and prints what would be stored: one normalized Listing
per line as JSON on stdout (`--raw`: the RawListing instead), then one summary line on stderr:

    northfield: pages=4 postings=3 rejected=0 errors: none

Nothing is written to the store, the index or the HTTP cache. Exit code 1 when no page could be
read, 2 for a configuration error. The command is registered by stint/cli.py in the `sources`
group; `python -m stint.source_check NAME` runs it directly.
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TYPE_CHECKING, Any

import click
import orjson

from stint.common import config_option, format_counts
from stint.errors import USER_ERRORS

if TYPE_CHECKING:  # Scrapy is imported only when a check runs: `stint --help` stays fast
    from scrapy.crawler import Crawler

DEFAULT_LIMIT = 3


class PrintPipeline:
    """Normalize each RawListing and print it as a JSON line instead of storing it."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.raw = crawler.settings.getbool("STINT_CHECK_RAW")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrintPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any]) -> dict[str, Any]:
        from normalize import NormalizeError, normalize_raw

        if self.raw:
            _print_json(item)
            return item
        try:
            listing = normalize_raw(item)
        except NormalizeError as exc:
            self.crawler.stats.inc_value("stint/rejected")
            click.echo(f"rejected {item.get('url')}: {exc}", err=True)
            return item
        _print_json(listing.model_dump(mode="json"))
        return item


def _print_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, default=str) + b"\n")
    sys.stdout.flush()


def check_settings(raw: bool, contact: str | None) -> dict[str, Any]:
    """The crawl's settings: Stint's polite defaults with printing instead of storing."""
    from crawlers.settings import base_settings

    settings = base_settings("sqlite://", contact)  # the store URL is never opened
    settings.update(
        ITEM_PIPELINES={"stint.source_check.PrintPipeline": 300},
        STINT_PROGRESS_INTERVAL=0,
        STINT_CHECK_RAW=raw,
        LOG_LEVEL="ERROR",
    )
    return settings


def run_check(source: Any, *, limit: int, max_pages: int, raw: bool = False,
              contact: str | None = None) -> dict[str, Any]:
    """Crawl `source` with at most `max_pages` pages and `limit` postings; the run's summary."""
    from scrapy.crawler import CrawlerProcess

    from stint.crawl import spider_for, summarize_stats

    small = dataclasses.replace(source, max_pages=min(source.max_pages or max_pages, max_pages),
                                max_items=min(source.max_items or limit, limit))
    process = CrawlerProcess(check_settings(raw, contact))
    crawler = process.create_crawler(spider_for(small))
    process.crawl(crawler, source=small)
    process.start()
    return summarize_stats(crawler.stats.get_stats())


@click.command("check")
@click.argument("name")
@config_option
@click.option("--limit", type=click.IntRange(1, 100), default=DEFAULT_LIMIT, show_default=True,
              help="Postings to show.")
@click.option("--max-pages", type=click.IntRange(1, 100), default=None,
              help="Pages (or API calls) to fetch at most. Default: one per posting shown, plus "
                   "the list page.")
@click.option("--raw", is_flag=True, help="Print the RawListing (the source's own payload) "
                                           "instead of the normalized Listing.")
def sources_check(name: str, config: str, limit: int, max_pages: int | None, raw: bool) -> None:
    """Fetch a little of source NAME and print what would be stored, without storing it.

    One normalized listing per line (JSON) on stdout; a summary of pages, postings and errors
    by type on stderr. Use it when adding a source: it shows whether the selectors, URLs or
    board token find postings and how they read."""
    from crawlers.sources import load_sources

    try:
        sources_file = load_sources(config)
        source = sources_file.get(name)
    except USER_ERRORS as exc:
        click.echo(f"stint: error: {exc}", err=True)
        sys.exit(2)
    summary = run_check(source, limit=limit, max_pages=max_pages or limit + 1, raw=raw,
                        contact=sources_file.crawler.get("contact"))
    click.echo(f"{name}: {format_counts(summary, ('pages', 'postings', 'rejected'))}", err=True)
    if summary["pages"] == 0:
        sys.exit(1)


if __name__ == "__main__":
    sources_check()
