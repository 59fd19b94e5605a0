"""`stint sources check NAME` (stint/source_check.py): a tiny real crawl of one source that prints
what would be stored, and stores nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from index.settings import PROJECT_ROOT as ROOT
from tests.fixtures.feed_html_server import BOARD_PAGES, RSS_ITEMS, board_title, serve_feed_html
from tests.fixtures.hostile_server import sources_toml


@pytest.fixture(scope="module")
def config(tmp_path_factory):
    folder = tmp_path_factory.mktemp("check")
    with serve_feed_html() as site:
        path = folder / "sources.toml"
        path.write_text(sources_toml([
            {"name": "rss", "kind": "feed", "feed_urls": [site.url("/feeds/rss.xml")]},
            {"name": "board", "kind": "html", "start_urls": [site.url("/board")],
             "item_selector": "li.job", "link_selector": "a.title", "page_param": "page",
             "fields": {"title": "h1"}},
            {"name": "down", "kind": "feed", "feed_urls": ["http://127.0.0.1:9/feed.xml"]},
        ]))
        yield folder, path, site


def check(folder, config, *args: str) -> subprocess.CompletedProcess:
    """Run in an empty folder (to see that nothing is written there), with the project on the
    path as when run from its root."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "stint.source_check", *args, "--config", str(config)],
                          capture_output=True, text=True, timeout=120, cwd=folder, env=env)


def test_prints_normalized_listings_and_stores_nothing(config):
    folder, path, site = config
    site.reset()
    result = check(folder, path, "board", "--limit", "2")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2, result.stderr
    assert {x["title"] for x in lines} <= {board_title(n) for n in BOARD_PAGES[1]}
    assert all(x["kind"] == "html" and x["id"] for x in lines)
    assert "board: pages=3 postings=2 rejected=0 errors: none" in result.stderr
    assert not any(p.name.endswith(".db") or p.name == "httpcache" for p in folder.iterdir())
    assert not any(p.startswith("/board?page=") for p in site.paths())  # one list page only


def test_raw_prints_the_source_payload(config):
    folder, path, _ = config
    result = check(folder, path, "rss", "--raw", "--limit", "5")
    assert result.returncode == 0, result.stderr
    raws = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["payload"]["title"] for r in raws] == [item["title"] for item in RSS_ITEMS]
    assert raws[0]["payload"]["extensions"]["job:locations"]["job:location"][0]["job:city"] == "Boston"


def test_unknown_source_and_unreachable_source(config):
    folder, path, _ = config
    unknown = check(folder, path, "nope")
    assert unknown.returncode == 2 and "no source named 'nope'" in unknown.stderr
    down = check(folder, path, "down")
    assert down.returncode == 1 and "pages=0" in down.stderr and "connection_refused" in down.stderr
