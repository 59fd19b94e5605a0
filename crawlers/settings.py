"""Scrapy settings for every Stint crawl: polite by default.

robots.txt obeyed; AutoThrottle aiming at one request at a time per site; an honest User-Agent
with a contact URL; retries for transient failures only; the store pipeline. Per-source limits
(max_pages, max_items, download_delay) and the browser (render = true) are layered on top by
`source_settings`, so only the sources that need Chromium pay for it.

`http_cache_settings(home)` turns on Scrapy's HTTP cache with the RFC 2616 policy under
`<home>/httpcache`: a page already fetched is revalidated with If-None-Match / If-Modified-Since,
so re-crawling an unchanged page costs a 304 and the cached page is parsed as if fetched.
A redirect loop (A -> B -> A) is counted as `redirect_loop` by crawlers.middlewares.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path
from typing import Any

from crawlers.sources import Source

DEFAULT_CONTACT = "https://github.com/stint-jobs/stint"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROMIUM_PATH = "/usr/bin/chromium"


def user_agent(contact: str | None) -> str:
    return f"StintBot/{version('stint')} (+{contact or DEFAULT_CONTACT})"


def base_settings(store_url: str, contact: str | None = None) -> dict[str, Any]:
    return {
        "BOT_NAME": "stint",
        "USER_AGENT": user_agent(contact),
        "ROBOTSTXT_OBEY": True,
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
        "AUTOTHROTTLE_START_DELAY": 0.0,
        "AUTOTHROTTLE_MAX_DELAY": 30.0,
        "DOWNLOAD_DELAY": 0.0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_MAXSIZE": 16 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
        "RETRY_TIMES": 2,
        "RETRY_HTTP_CODES": [500, 502, 503, 504, 522, 524, 408, 429],
        "REDIRECT_MAX_TIMES": 10,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
        "ITEM_PIPELINES": {"crawlers.pipelines.StorePipeline": 300},
        # After RedirectMiddleware (600), so it sees a 3xx before the redirect is followed.
        "DOWNLOADER_MIDDLEWARES": {"crawlers.middlewares.RedirectLoopMiddleware": 650},
        # Nearest the engine, so it sees what the other spider middlewares let through.
        "SPIDER_MIDDLEWARES": {"crawlers.middlewares.SourceLimitsMiddleware": 10},
        "EXTENSIONS": {"crawlers.progress.ProgressExtension": 500},
        "STINT_STORE_URL": store_url,
    }


def http_cache_settings(home: str | Path) -> dict[str, Any]:
    """Scrapy's HttpCacheMiddleware with the RFC 2616 policy, kept under `<home>/httpcache`.

    The policy stores responses that carry a validator (ETag, Last-Modified) or an expiry and
    revalidates stale ones with conditional headers; a 304 answers with the cached page, which
    the spider parses like a fresh one (so every listing on it is still seen this run)."""
    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_DIR": str(Path(home) / "httpcache"),
        "HTTPCACHE_GZIP": True,
        "STINT_HOME": str(home),
    }


def source_settings(source: Source) -> dict[str, Any]:
    """The per-source layer: limits, delay, and the browser when the source renders."""
    settings: dict[str, Any] = {}
    if source.max_pages:
        settings["CLOSESPIDER_PAGECOUNT"] = source.max_pages
    if source.max_items:
        settings["CLOSESPIDER_ITEMCOUNT"] = source.max_items
    if source.download_delay is not None:
        settings["DOWNLOAD_DELAY"] = source.download_delay
    if source.timeout is not None:
        settings["DOWNLOAD_TIMEOUT"] = source.timeout
    if source.render:
        handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
        settings.update(
            DOWNLOAD_HANDLERS={"http": handler, "https": handler},
            PLAYWRIGHT_BROWSER_TYPE="chromium",
            PLAYWRIGHT_LAUNCH_OPTIONS={
                "headless": True,
                "executable_path": CHROMIUM_PATH,
                "args": CHROMIUM_ARGS,
            },
            PLAYWRIGHT_MAX_PAGES_PER_CONTEXT=4,
        )
    return settings
