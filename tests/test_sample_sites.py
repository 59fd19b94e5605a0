"""The sample network of career sites (stint.demo): a deterministic generator, list pages
and sitemaps that reach exactly the expected pages, detail pages that carry the expected
JobPosting, broken pages that break as designed, and the subprocess mode."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from stint.demo import SampleNetwork, expected, serve
from stint.demo.layout import layout, pages_of
from stint.demo.postings import TODAY, generate

ROOT = Path(__file__).resolve().parents[1]
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
EXPECTED = expected()


@pytest.fixture(scope="module")
def network() -> Iterator[SampleNetwork]:
    with serve() as net:
        yield net


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def jsonld_postings(html: str) -> list[dict[str, Any]]:
    """JobPosting objects of every JSON-LD block (plain object, array or @graph)."""
    found = []
    for block in JSONLD.findall(html):
        # strict=False: real pages leave raw newlines inside strings.
        found += [n for n in _nodes(json.loads(block, strict=False))
                  if n.get("@type") == "JobPosting"]
    return found


def _nodes(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _nodes(item)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


class _Page(HTMLParser):
    """Links (with their class and rel) and the microdata JobPosting title of a page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []
        self.microdata_title: str | None = None
        self.microdata_posting = False
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a":
            self.links.append(a)
        if a.get("itemtype") == "https://schema.org/JobPosting":
            self.microdata_posting = True
        self._in_title = self.microdata_posting and a.get("itemprop") == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.microdata_title = (self.microdata_title or "") + data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def hrefs(self, css_class: str) -> list[str]:
        return [a["href"] for a in self.links if css_class in a.get("class", "").split()]


def site_paths(site: str) -> list[str]:
    """Every linked page of a site in list order: good, broken (404 included), disallowed."""
    return [pg.path for pg in pages_of(site)]


def crawl_list(start: str, link_class: str, next_class: str) -> tuple[list[str], int]:
    """Follow a site's pagination from `start`; return every item link and the page count."""
    url: str | None = start
    links, pages = [], 0
    while url:
        status, html = fetch(url)
        assert status == 200, url
        page = _Page(html)
        links += page.hrefs(link_class)
        pages += 1
        nxt = page.hrefs(next_class)
        assert len(nxt) <= 1
        url = urllib.parse.urljoin(url, nxt[0]) if nxt else None
        assert pages < 20, "pagination never ends"
    return links, pages


DIGEST = """
import dataclasses, hashlib, json
from stint.demo.postings import generate
from stint.demo import expected
data = json.dumps([[dataclasses.asdict(p) for p in generate()], expected()], default=str,
                  sort_keys=True)
print(hashlib.sha256(data.encode()).hexdigest())
"""


# --- the generator -----------------------------------------------------------------------------

def test_generator_is_deterministic_across_processes() -> None:
    assert generate() == generate()
    digests = set()
    for hash_seed in ("1", "12345"):  # other string hashes, same postings and ground truth
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        digests.add(subprocess.run([sys.executable, "-c", DIGEST], cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=30,
                                   check=True).stdout.strip())
    assert len(digests) == 1


DATES = """
import json
from stint.demo.postings import TODAY, generate
print(json.dumps([TODAY.isoformat()] + [[p.key, p.title, p.posted.isoformat(),
                  p.deadline.isoformat(), p.start.isoformat(), p.expired] for p in generate()]))
"""


def _network_on(day: str) -> tuple[date, list[list]]:
    env = dict(os.environ, STINT_DEMO_TODAY=day)
    out = subprocess.run([sys.executable, "-c", DATES], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=30, check=True).stdout
    today, *rows = json.loads(out)
    return date.fromisoformat(today), rows


def test_dates_follow_the_day_so_the_demo_works_on_any_date() -> None:
    """Fixed dates left every sample posting expired two months after they were written; now
    the network is drawn around the day it runs: same postings, dates shifted by whole days."""
    day_a, rows_a = _network_on("2026-11-27")
    day_b, rows_b = _network_on("2031-02-14")
    assert (day_a, day_b) == (date(2026, 11, 27), date(2031, 2, 14))
    shift = day_b - day_a
    assert [r[:2] for r in rows_a] == [r[:2] for r in rows_b]  # same openings, same titles
    for a, b in zip(rows_a, rows_b, strict=True):
        for i in (2, 3, 4):
            assert date.fromisoformat(b[i]) - date.fromisoformat(a[i]) == shift
        assert a[5] == b[5]  # the same postings are expired on either day
    open_share = sum(not r[5] for r in rows_b) / len(rows_b)
    assert open_share > 0.75
    assert _network_on("2031-02-14")[1] == rows_b  # deterministic per day
    # Without a pinned day the network is drawn around the real today.
    env = {k: v for k, v in os.environ.items() if k != "STINT_DEMO_TODAY"}
    out = subprocess.run([sys.executable, "-c", DATES], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=30, check=True).stdout
    assert json.loads(out)[0] == date.today().isoformat()


def test_generator_has_realistic_variety() -> None:
    postings = generate()
    assert 140 <= len(postings) <= 160
    assert len({p.key for p in postings}) == len(postings)
    assert len({(p.org.name, p.title) for p in postings}) == len(postings)
    assert all(800 <= len(p.description) <= 3000 for p in postings)
    countries = {p.place.country for p in postings if p.place}
    assert {"US", "GB", "DE", "CA", "IN"} <= countries
    assert any(p.place and p.place.city == "Bangalore" and p.place.country == "IN"
               for p in postings)
    assert any(p.place and p.place.region == "IN" and p.place.country == "US" for p in postings)
    assert any(p.arrangement == "remote" and p.remote_country == "US" for p in postings)
    assert {"remote", "hybrid", "onsite"} == {p.arrangement for p in postings}
    assert {"USD", "GBP", "EUR", "CAD", "INR", None} == {p.pay.currency for p in postings}
    assert any(not p.pay.paid for p in postings) and any(p.pay.period == "PROJECT"
                                                         for p in postings)
    assert any(isinstance(p.employment_type, tuple) for p in postings)
    assert all(TODAY - timedelta(days=110) <= p.posted < TODAY for p in postings)
    future = [p for p in postings if p.deadline >= TODAY]
    assert len(future) > 0.75 * len(postings)
    assert any(p.deadline > TODAY + timedelta(days=40) for p in postings)
    assert sum(p.micro for p in postings) > len(postings) / 2
    titles, pays = {p.title for p in postings}, {p.pay.text for p in postings}
    assert {"Data Entry Project (Remote)", "Grant Writing Support", "UX Research Synthesis",
            "Cold Calling / Sales Outreach Sprint", "Python Data Cleaning Project"} <= titles
    assert {"$20/hour", "$600 fixed fee", "USD 18–25 per hour", "stipend of $1,200",
            "€2.000 brutto/Monat", "Unpaid", "£500 fixed fee"} <= pays


def test_expected_is_consistent() -> None:
    e = EXPECTED
    assert sum(e["counts"].values()) == e["total"] == len(e["good"])
    assert e["counts"] == {"northfield": 64, "gigbridge": 56, "harbor": 45}
    assert e["openings"] == len(generate()) == e["total"] - len(e["cross_posts"])
    assert len({(site, path) for site, path, _ in e["good"]}) == e["total"]
    assert len(e["cross_posts"]) == 15
    good = {(site, path) for site, path, _ in e["good"]}
    for original, copy in e["cross_posts"]:
        assert original in good and copy in good and original[0] != copy[0]
    assert all(len(pages) == 3 for pages in e["broken"].values())


# --- list pages, sitemap, robots -----------------------------------------------------------------

def test_northfield_pagination_reaches_every_page(network: SampleNetwork) -> None:
    source = network.sources()[0]
    assert source == {"name": "northfield", "kind": "jsonld",
                      "start_urls": [network.sites["northfield"] + "/jobs?page=1"],
                      "link_selector": "a.job-link", "next_selector": "a[rel=next]",
                      "audience": "students"}
    links, pages = crawl_list(source["start_urls"][0], "job-link", "next")
    assert links == site_paths("northfield")
    assert pages == 4
    assert fetch(network.sites["northfield"] + "/jobs?page=5")[0] == 404


def test_harbor_pagination_reaches_every_page(network: SampleNetwork) -> None:
    base = network.sites["harbor"]
    links, pages = crawl_list(base + "/opportunities?page=1", "opportunity-link", "pager-next")
    assert links == [base + path for path in site_paths("harbor")]
    assert pages == 5


def test_gigbridge_sitemap_lists_every_gig(network: SampleNetwork) -> None:
    base = network.sites["gigbridge"]
    assert network.sources()[1] == {"name": "gigbridge", "kind": "jsonld",
                                    "sitemap_urls": [base + "/sitemap.xml"]}
    status, xml = fetch(base + "/sitemap.xml")
    assert status == 200
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in ET.fromstring(xml).findall("sm:url/sm:loc", ns)]
    assert locs == [base + path for path in site_paths("gigbridge")]


def test_robots(network: SampleNetwork) -> None:
    for site, base in network.sites.items():
        robots = urllib.robotparser.RobotFileParser(base + "/robots.txt")
        robots.read()
        for s, path, _ in EXPECTED["good"]:
            if s == site:
                assert robots.can_fetch("stint", base + path)
    (site, path), = EXPECTED["disallowed"]
    robots = urllib.robotparser.RobotFileParser(network.sites[site] + "/robots.txt")
    robots.read()
    assert not robots.can_fetch("stint", network.sites[site] + path)
    assert path in site_paths(site)  # linked, so a crawl meets it
    assert jsonld_postings(fetch(network.sites[site] + path)[1])  # and it would count if fetched


# --- detail pages ---------------------------------------------------------------------------------

def test_every_good_page_carries_its_posting(network: SampleNetwork) -> None:
    microdata = set(EXPECTED["quirks"]["microdata"])
    for site, path, title in EXPECTED["good"]:
        status, html = fetch(network.sites[site] + path)
        assert status == 200, path
        if (site, path) in microdata:
            page = _Page(html)
            assert page.microdata_posting and page.microdata_title == title
            assert not JSONLD.search(html)
            continue
        postings = jsonld_postings(html)
        assert len(postings) == 1, path
        assert postings[0]["title"] == title
        assert postings[0]["url"] == network.sites[site] + path
        assert postings[0]["identifier"]["value"]


def test_quirks_are_where_expected_says(network: SampleNetwork) -> None:
    quirks = EXPECTED["quirks"]
    for site, path in quirks["raw_newlines"]:
        block = JSONLD.search(fetch(network.sites[site] + path)[1]).group(1)
        with pytest.raises(json.JSONDecodeError):
            json.loads(block)  # strict JSON refuses a raw newline inside a string
        assert "\n" in json.loads(block, strict=False)["description"]
    for site, path in quirks["escaped_description"]:
        (posting,) = jsonld_postings(fetch(network.sites[site] + path)[1])
        assert posting["description"].startswith("&lt;") and "<" not in posting["description"]
    for site, path in quirks["salary_text_only"]:
        (posting,) = jsonld_postings(fetch(network.sites[site] + path)[1])
        assert "baseSalary" not in posting
    for site, path in quirks["org_as_string"]:
        (posting,) = jsonld_postings(fetch(network.sites[site] + path)[1])
        assert isinstance(posting["hiringOrganization"], str)
    assert len(quirks["hostile"]) == 2
    descriptions = " ".join(jsonld_postings(fetch(network.sites[s] + p)[1])[0]["description"]
                            for s, p in quirks["hostile"])
    assert "<script>alert(1)</script>" in descriptions
    assert "<img src=x onerror=alert(1)>" in descriptions
    for site, path in quirks["expired"]:
        (posting,) = jsonld_postings(fetch(network.sites[site] + path)[1]) or [None]
        if posting:
            assert posting["validThrough"][:10] < TODAY.isoformat()


def test_cross_posts_are_the_same_opening_written_differently(network: SampleNetwork) -> None:
    pages = {(pg.site, pg.path): pg for site in layout().values() for pg in site}
    for original, copy in EXPECTED["cross_posts"]:
        a, b = pages[original].posting, pages[copy].posting
        assert a is not None and b is not None and a.key == b.key
        assert (a.title, a.organization, a.description) != (b.title, b.organization,
                                                            b.description)
        assert a.org == b.org and a.posted < b.posted
        assert pages[original].identifier != pages[copy].identifier


def test_broken_pages_break_as_designed(network: SampleNetwork) -> None:
    broken = EXPECTED["broken"]
    for site, path in broken["server_error"]:
        assert fetch(network.sites[site] + path)[0] == 500
    for site, path in broken["not_found"]:
        assert fetch(network.sites[site] + path)[0] == 404
    for site, path in broken["invalid_jsonld"]:
        status, html = fetch(network.sites[site] + path)
        assert status == 200 and '"JobPosting"' in html
        with pytest.raises(json.JSONDecodeError):
            json.loads(JSONLD.search(html).group(1), strict=False)
    for site, path in broken["no_posting"]:
        status, html = fetch(network.sites[site] + path)
        assert status == 200 and not jsonld_postings(html)
        assert not _Page(html).microdata_posting


def test_head_and_unknown_paths(network: SampleNetwork) -> None:
    base = network.sites["northfield"]
    request = urllib.request.Request(base + "/jobs?page=1", method="HEAD")
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200 and response.read() == b""
    assert fetch(base + "/no/such/page")[0] == 404


def test_close_stops_the_servers() -> None:
    net = serve()
    base = net.sites["harbor"]
    assert fetch(base + "/robots.txt")[0] == 200
    net.close()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/robots.txt", timeout=2)


# --- command-line mode -------------------------------------------------------------------------

def test_subprocess_prints_its_sites_and_stops_on_sigterm() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "stint.demo", "--host", "127.0.0.1"],
                            cwd=ROOT, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(20, proc.kill)  # never let a stuck child hang the test run
    watchdog.start()
    try:
        line = json.loads(proc.stdout.readline())
        assert set(line["sites"]) == {"northfield", "gigbridge", "harbor"}
        assert [s["name"] for s in line["sources"]] == list(line["sites"])
        for base in line["sites"].values():
            assert fetch(base + "/robots.txt")[0] == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()
