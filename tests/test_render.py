"""`render = true`: boards whose listings are drawn by JavaScript, loaded in real Chromium (Debian's
/usr/bin/chromium through scrapy-playwright). The same board without `render` yields nothing."""

from __future__ import annotations

import shutil

import pytest

from crawlers.settings import CHROMIUM_PATH
from tests.fixtures.feed_html_server import JS_JOBS, JS_JSONLD_TITLES, serve_feed_html
from tests.fixtures.hostile_server import crawl, listings, runs_by_source

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM_PATH), reason=f"no Chromium at {CHROMIUM_PATH}"),
]


def html_source(name: str, url: str, render: bool) -> dict:
    source = {"name": name, "kind": "html", "start_urls": [url], "item_selector": "li.job",
              "fields": {"title": "a.title::text", "location": ".loc::text",
                         "url": "a.title::attr(href)"}}
    if render:
        source.update(render=True, wait_for="li.job")
    return source


def jsonld_source(name: str, url: str, render: bool) -> dict:
    source = {"name": name, "kind": "jsonld", "start_urls": [url], "link_selector": "a.job-link"}
    if render:
        # The list page draws links, each posting page writes its JSON-LD: wait for either.
        source.update(render=True, wait_for="a.job-link, script[type='application/ld+json']")
    return source


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    home = tmp_path_factory.mktemp("render-home")
    with serve_feed_html() as site:
        result = crawl(home, [
            html_source("js-html", site.url("/js/board"), render=True),
            html_source("js-html-plain", site.url("/js/board"), render=False),
            jsonld_source("js-jsonld", site.url("/js/jsonld"), render=True),
            jsonld_source("js-jsonld-plain", site.url("/js/jsonld"), render=False),
        ], timeout=240)
        api_calls = site.paths().count("/js/api/jobs.json")
    assert result.returncode == 0, result.stderr
    return home, api_calls


def test_rendered_html_board_yields_its_listings(crawled):
    home, api_calls = crawled
    stored = {x["title"]: x for x in listings(home, "js-html")}
    assert sorted(stored) == sorted(job["title"] for job in JS_JOBS)
    analyst = stored["JS Rendered Data Analyst"]
    assert analyst["locations"][0]["region"] == "TX" and analyst["url"].endswith("/js/jobs/101")
    assert stored["JS Rendered Social Media Helper"]["arrangement"] == "remote"
    assert api_calls >= 1  # the page's own fetch() ran in the browser


def test_rendered_jsonld_pages_yield_their_postings(crawled):
    home, _ = crawled
    assert sorted(x["title"] for x in listings(home, "js-jsonld")) == sorted(JS_JSONLD_TITLES)


def test_without_render_the_same_boards_yield_nothing(crawled):
    home, _ = crawled
    assert listings(home, "js-html-plain") == [] and listings(home, "js-jsonld-plain") == []
    runs = runs_by_source(home)
    assert runs["js-html-plain"]["stats"]["pages"] == 1
    assert runs["js-html"]["status"] == runs["js-jsonld"]["status"] == "ok"
