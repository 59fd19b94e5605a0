"""The listing lifecycle through real crawls of a site that changes between runs: a page that
starts answering 404 expires its listing; a listing no longer listed expires after
`expire_after` healthy runs; a run that could not read everything expires nothing; a listing
that comes back is active again under the same id."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from crawlers.sources import dump_sources
from index.store import Store


def posting_page(slug: str) -> bytes:
    posting = {"@context": "https://schema.org", "@type": "JobPosting",
               "title": f"Data Entry Project {slug.upper()}",
               "hiringOrganization": {"@type": "Organization", "name": f"Org {slug.upper()}"},
               "description": "<p>A two-week paid data entry project, 10 hours a week.</p>",
               "datePosted": "2026-11-20", "identifier": slug}
    return (f"<html><body><script type='application/ld+json'>{json.dumps(posting)}</script>"
            "</body></html>").encode()


class ChangingSite:
    """A career site whose list and pages the test edits between crawls."""

    def __init__(self) -> None:
        self.listed = ["a", "b", "c"]
        self.status: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/robots.txt":
                    return self._send(200, b"User-agent: *\nAllow: /\n")
                if self.path == "/jobs":
                    links = "".join(f"<a class='job' href='/jobs/{s}'>{s}</a>" for s in site.listed)
                    return self._send(200, f"<html><body>{links}</body></html>".encode())
                slug = self.path.rsplit("/", 1)[-1]
                code = site.status.get(slug, 200)
                self._send(code, posting_page(slug) if code == 200 else b"gone")

            def _send(self, code: int, body: bytes) -> None:
                self.send_response(code)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def site():
    s = ChangingSite()
    yield s
    s.server.shutdown()
    s.server.server_close()


def crawl(home, config) -> str:
    done = subprocess.run([sys.executable, "-m", "stint", "--home", str(home), "crawl", "--config",
                           str(config), "--no-index", "--progress", "0"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stderr


def statuses(store: Store) -> dict[str, tuple[str, str | None]]:
    return {x["title"][-1].lower(): (x["status"], x.get("expired_reason"))
            for x in store.iter_listings()}


def test_lifecycle_through_real_crawls(tmp_path, site):
    config = tmp_path / "sources.toml"
    config.write_text(dump_sources([{"name": "changing", "kind": "jsonld",
                                     "start_urls": [f"{site.url}/jobs"], "link_selector": "a.job",
                                     "expire_after": 2}]))
    store = Store(f"sqlite:///{tmp_path / 'stint.db'}")
    crawl(tmp_path, config)
    ids = {x["title"]: x["id"] for x in store.iter_listings()}
    assert statuses(store) == {s: ("active", None) for s in "abc"}

    # b's page is gone; c is no longer listed. One run: b expires at once, c has one miss.
    site.status["b"] = 404
    site.listed = ["a", "b"]
    crawl(tmp_path, config)
    assert statuses(store)["b"] == ("expired", "page gone (HTTP 404/410)")
    assert statuses(store)["c"] == ("active", None)

    # A run that could not read everything (a 500) never expires anything.
    site.status["a"] = 500
    crawl(tmp_path, config)
    assert statuses(store)["c"] == ("active", None)
    assert store.recent_runs(limit=1)[0]["status"] == "partial"

    # The second healthy run without c: c expires.
    site.status["a"] = 200
    crawl(tmp_path, config)
    assert statuses(store)["c"] == ("expired", "missing from 2 consecutive healthy runs")

    # c comes back: active again, same id.
    site.listed = ["a", "b", "c"]
    crawl(tmp_path, config)
    assert statuses(store)["c"] == ("active", None)
    assert {x["title"]: x["id"] for x in store.iter_listings()} == ids
    store.close()
