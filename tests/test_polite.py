"""Polite by default, checked against real crawls: robots.txt, an honest User-Agent with the
contact URL, per-source delay and limits, and an HTTP cache whose re-crawl of an unchanged site
costs 304s yet still sees (and keeps alive) every listing."""

from __future__ import annotations

import pytest

from crawlers.settings import base_settings, http_cache_settings, source_settings
from crawlers.sources import Source
from tests.fixtures.hostile_server import (
    crawl,
    jsonld_page,
    listings,
    posting,
    runs_by_source,
)
from tests.fixtures.server import FixtureServer, Reply

CONTACT = "https://example.org/stint-contact"
POSTINGS = 5
DELAY = 0.3


def route(path: str, query: dict, headers: dict) -> Reply:
    """A small career site whose pages carry ETag and Last-Modified."""
    if path == "/robots.txt":
        return Reply(body="User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
    if path == "/jobs":
        links = "".join(f'<a class="job" href="/jobs/{n}">Job {n}</a>' for n in range(1, POSTINGS + 1))
        return Reply(body=f"<html><body>{links}<a class='job' href='/admin/x'>x</a></body></html>",
                     validators=True)
    if path.startswith("/jobs/"):
        return Reply(body=jsonld_page(posting(f"Polite Posting {path.rsplit('/', 1)[1]}")),
                     validators=True)
    return Reply(404, "<h1>Not found</h1>")


def jsonld_source(name: str, site: FixtureServer, **extra) -> dict:
    return {"name": name, "kind": "jsonld", "start_urls": [site.url("/jobs")],
            "link_selector": "a.job", **extra}


@pytest.fixture(scope="module")
def sites():
    with FixtureServer(route) as polite, FixtureServer(route) as limited:
        yield polite, limited


@pytest.fixture(scope="module")
def first(sites, tmp_path_factory):
    polite, limited = sites
    home = tmp_path_factory.mktemp("polite-home")
    result = crawl(home, [
        jsonld_source("polite", polite, download_delay=DELAY),
        jsonld_source("few-items", limited, max_items=2),
    ], crawler={"contact": CONTACT})
    assert result.returncode == 0, result.stderr
    seen = list(polite.seen)
    return home, seen


def test_user_agent_names_stint_and_the_contact(first):
    _, seen = first
    agents = {s.headers.get("user-agent") for s in seen}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("StintBot/") and CONTACT in agent


def test_robots_txt_is_fetched_first_and_obeyed(first):
    _, seen = first
    assert seen[0].path == "/robots.txt"
    assert not any(s.path.startswith("/admin/") for s in seen)


def test_download_delay_is_honoured(first):
    _, seen = first
    times = [s.at for s in seen]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(gaps) >= POSTINGS
    # Scrapy waits 0.5x to 1.5x DOWNLOAD_DELAY between requests to one site.
    assert min(gaps) >= 0.5 * DELAY * 0.9, gaps


def test_max_items_is_exact(first):
    home, _ = first
    assert len(listings(home, "few-items")) == 2


def test_recrawl_of_unchanged_site_costs_304s(first, sites, tmp_path_factory):
    home, _ = first
    polite, _ = sites
    before = {x["id"]: x["last_seen_at"] for x in listings(home, "polite")}
    assert len(before) == POSTINGS
    polite.reset()
    again = crawl(home, [jsonld_source("polite", polite)], crawler={"contact": CONTACT})
    assert again.returncode == 0, again.stderr
    conditional = [s for s in polite.seen if "if-none-match" in s.headers]
    assert polite.conditional_hits == POSTINGS + 1 == len(conditional)  # the list and each posting
    assert all("if-modified-since" in s.headers for s in conditional)
    after = {x["id"]: x["last_seen_at"] for x in listings(home, "polite")}
    assert after.keys() == before.keys()
    assert all(after[key] > before[key] for key in before)  # seen this run: nothing expires
    run = runs_by_source(home)["polite"]
    assert run["status"] == "ok" and run["stats"]["stored"] == POSTINGS
    assert (home / "httpcache").is_dir()


def test_max_pages_is_exact(sites, tmp_path_factory):
    _, limited = sites
    home = tmp_path_factory.mktemp("max-pages-home")
    limited.reset()
    result = crawl(home, [jsonld_source("few-pages", limited, max_pages=3)])
    assert result.returncode == 0, result.stderr
    fetched = [p for p in limited.paths() if p != "/robots.txt"]
    assert len(fetched) == 3 and len(listings(home, "few-pages")) == 2


def test_polite_settings():
    settings = base_settings("sqlite://", contact=CONTACT)
    assert settings["ROBOTSTXT_OBEY"] is True
    assert settings["AUTOTHROTTLE_ENABLED"] is True
    assert settings["AUTOTHROTTLE_TARGET_CONCURRENCY"] == 1.0
    assert CONTACT in settings["USER_AGENT"]
    layer = source_settings(Source("s", "jsonld", max_pages=5, max_items=9, download_delay=2,
                                   timeout=7))
    assert layer == {"CLOSESPIDER_PAGECOUNT": 5, "CLOSESPIDER_ITEMCOUNT": 9, "DOWNLOAD_DELAY": 2,
                     "DOWNLOAD_TIMEOUT": 7}
    cache = http_cache_settings("/srv/stint")
    assert cache["HTTPCACHE_DIR"] == "/srv/stint/httpcache"
    assert cache["HTTPCACHE_POLICY"].endswith("RFC2616Policy") and cache["HTTPCACHE_ENABLED"]
