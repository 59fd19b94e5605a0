"""Hostile and broken sites (tests/fixtures/hostile_server.py), crawled for real through
`stint crawl`: the crawl never crashes, every failure is counted for its source by type, and
every good listing on the same site is kept."""

from __future__ import annotations

import json

import pytest

from stint.crawl import CONTENT_ERRORS, run_status
from tests.fixtures.hostile_server import (
    HOSTILE_ERRORS,
    HOSTILE_GOOD,
    TIMEOUT_SOURCE_SECONDS,
    crawl,
    listings,
    run_stint,
    runs_by_source,
    serve_hostile,
)

ENDLESS_MAX_PAGES = 4


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    home = tmp_path_factory.mktemp("hostile-home")
    with serve_hostile() as site:
        result = crawl(home, [
            {"name": "hostile", "kind": "jsonld", "start_urls": [site.url("/")],
             "link_selector": "a.job", "timeout": TIMEOUT_SOURCE_SECONDS},
            {"name": "empty", "kind": "jsonld", "start_urls": [site.url("/empty")],
             "link_selector": "a.job"},
            {"name": "endless", "kind": "jsonld", "start_urls": [site.url("/endless")],
             "link_selector": "a.job", "next_selector": "a.next", "max_pages": 2 * ENDLESS_MAX_PAGES},
            {"name": "endless-html", "kind": "html", "start_urls": [site.url("/endless")],
             "item_selector": "li", "link_selector": "a.job", "page_param": "page",
             "max_pages": 2 * ENDLESS_MAX_PAGES, "fields": {"title": "h1"}},
        ])
        paths = site.paths()
    assert result.returncode == 0, result.stderr  # partial runs are not a failed crawl
    return home, result, paths


def test_every_good_listing_is_kept(crawled):
    home, *_ = crawled
    assert sorted(x["title"] for x in listings(home, "hostile")) == HOSTILE_GOOD


def test_each_failure_is_counted_by_type(crawled):
    home, *_ = crawled
    run = runs_by_source(home)["hostile"]
    assert run["stats"]["errors"] == HOSTILE_ERRORS
    assert run["stats"]["stored"] == len(HOSTILE_GOOD)
    # 5xx and a timeout are pages the crawl could not read: partial, so nothing expires.
    assert run["status"] == "partial"


def test_runs_command_shows_the_counts(crawled):
    home, *_ = crawled
    out = run_stint(home, "runs", "--json", "--source", "hostile")
    assert out.returncode == 0, out.stderr
    run = json.loads(out.stdout.splitlines()[0])
    assert run["stats"]["errors"]["timeout"] == 1 and run["stats"]["errors"]["too_large"] == 1


def test_scripts_and_handlers_are_sanitized(crawled):
    home, *_ = crawled
    tester = next(x for x in listings(home, "hostile") if x["title"] == "Script Tester")
    html = tester["description_html"].lower()
    assert "<script" not in html and "onerror" not in html and "onclick" not in html
    assert "alert" not in tester["description_text"] and "Paid $20/hour." in tester["description_text"]


def test_encodings_graph_and_microdata(crawled):
    home, *_ = crawled
    stored = {x["title"]: x for x in listings(home, "hostile")}
    assert stored["Graph Posting"]["organization"]["name"] == "Graph Org"  # @id reference inlined
    micro = stored["Microdata Survey Assistant"]
    assert micro["pay"]["min"] == 18 and micro["organization"]["name"] == "Hostile Labs"
    assert stored["Café Barista Researcher – Windows"]["locations"][0]["city"] == "Boston"


def test_robots_txt_is_obeyed(crawled):
    _, _, paths = crawled
    assert "/robots.txt" in paths and "/private/job" not in paths


def test_empty_board_is_a_healthy_run(crawled):
    home, *_ = crawled
    run = runs_by_source(home)["empty"]
    assert run["status"] == "ok" and run["stats"]["pages"] == 1
    assert run["stats"]["postings"] == 0 and run["stats"]["errors"] == {}


def test_endless_pagination_is_bounded_by_max_pages(crawled):
    home, _, paths = crawled
    for name in ("endless", "endless-html"):
        run = runs_by_source(home)[name]
        assert run["stats"]["pages"] <= 2 * ENDLESS_MAX_PAGES, run
        # Cut by max_pages: the run did not see the whole source, so it is partial (and
        # expires nothing), not failed.
        assert run["status"] == "partial" and run["stats"]["limited"]
        assert run["stats"]["stored"] >= 1
    # Two sources page through /endless: each fetches at most max_pages pages in all.
    assert len([p for p in paths if p.startswith("/endless")]) <= 2 * 2 * ENDLESS_MAX_PAGES


@pytest.mark.parametrize(("errors", "status"), [
    ({"too_large": 1, "redirect_loop": 1, "http_410": 2}, "ok"),
    ({"http_503": 1}, "partial"),
    ({"timeout": 1}, "partial"),
    ({"bad_feed": 1}, "partial"),
])
def test_run_status_by_error_type(errors, status):
    assert run_status({"pages": 3, "errors": errors}) == status
    assert {"too_large", "redirect_loop", "http_404", "http_410"} <= CONTENT_ERRORS
