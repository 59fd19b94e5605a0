"""Real Scrapy crawls of the sample career sites served on 127.0.0.1, through `stint crawl`.

Each crawl runs in its own process, as in production (Twisted's reactor cannot restart)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from crawlers.sources import dump_sources
from index.store import Store
from stint.demo import expected, serve


@pytest.fixture(scope="module")
def network():
    with serve() as net:
        yield net


def run_stint(home, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "stint", "--home", str(home), *args],
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def crawled(network, tmp_path_factory):
    """One crawl of the whole network (no index), shared by the assertions below."""
    home = tmp_path_factory.mktemp("crawl-home")
    config = home / "sources.toml"
    config.write_text(dump_sources(network.sources()))
    result = run_stint(home, "crawl", "--config", str(config), "--no-index", "--progress", "0")
    store = Store(f"sqlite:///{home / 'stint.db'}")
    yield home, config, result, store
    store.close()


def test_every_good_posting_is_stored(crawled):
    _, _, result, store = crawled
    truth = expected()
    assert result.returncode == 0, result.stderr
    by_source = Counter(listing["source"] for listing in store.iter_listings())
    assert dict(by_source) == truth["counts"]
    stored_titles = Counter((x["source"], x["title"]) for x in store.iter_listings())
    assert stored_titles == Counter((site, title) for site, _path, title in truth["good"])


def test_broken_pages_are_counted_per_source(crawled):
    _, _, result, store = crawled
    truth = expected()
    runs = {run["source"]: run for run in store.recent_runs()}
    assert set(runs) == set(truth["counts"])
    names = {"invalid_jsonld": "invalid_jsonld", "no_posting": "no_posting",
             "server_error": "http_500", "not_found": "http_404"}
    for kind, pages in truth["broken"].items():
        per_site = Counter(site for site, _path in pages)
        for site, n in per_site.items():
            assert runs[site]["stats"]["errors"].get(names[kind]) == n, (site, kind, runs[site])
    for site, n in Counter(site for site, _ in truth["disallowed"]).items():
        assert runs[site]["stats"]["errors"].get("robots_disallowed") == n
    # A 500 is a page the crawl could not see: the run is partial, never ok.
    sites_with_500 = {site for site, _ in truth["broken"]["server_error"]}
    for site, run in runs.items():
        assert run["status"] == ("partial" if site in sites_with_500 else "ok")
        assert run["stats"]["stored"] == truth["counts"][site]
    assert "errors:" in result.stderr and "pages/s" in result.stderr


def test_hostile_descriptions_are_sanitized_when_stored(crawled):
    *_, store = crawled
    hostile = [x for x in store.iter_listings() if "alert(1)" in x["description_text"]
               or "onerror" in x["description_html"].lower() or "<script" in x["description_html"]]
    for listing in hostile:
        assert "<script" not in listing["description_html"].lower()
        assert "onerror" not in listing["description_html"].lower()


def test_recrawl_is_idempotent(crawled):
    home, config, _, store = crawled
    before = store.count()
    first_seen = {x["id"]: x["first_seen_at"] for x in store.iter_listings()}
    again = run_stint(home, "crawl", "--config", str(config), "--no-index", "--progress", "0")
    assert again.returncode == 0, again.stderr
    assert store.count() == before
    assert {x["id"]: x["first_seen_at"] for x in store.iter_listings()} == first_seen


def test_export_jsonl_and_csv(crawled):
    home, *_ , store = crawled
    jsonl = run_stint(home, "export")
    assert jsonl.returncode == 0 and len(jsonl.stdout.splitlines()) == store.count()
    csv_out = run_stint(home, "export", "--format", "csv", "--status", "active")
    assert csv_out.stdout.splitlines()[0].startswith("id,title,organization")


def test_unknown_source_is_a_clear_error(crawled):
    home, config, *_ = crawled
    result = run_stint(home, "crawl", "--config", str(config), "--source", "nope")
    assert result.returncode == 2
    assert "no source named 'nope'" in result.stderr
