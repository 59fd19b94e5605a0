"""Crawl throughput: bare Scrapy against Stint's crawl + normalize + store, on one local site.

    .venv/bin/python -m benchmarks.bench_crawl [--postings 1000] [--per-page 50] [--repeat 1]

One generated JSON-LD career site (list pages of `--per-page` links with "next" pagination, one
page per posting, each with a realistic ~2 KB description) is served from memory on 127.0.0.1.
Two crawls of it, each in its own process (Twisted's reactor runs once per process) and timed
the same way, from creating the CrawlerProcess to its end:
  bare   a plain Scrapy spider that follows the list pages and yields each page's raw JSON-LD
         (json.loads of the script block), no pipeline;
  stint  stint.crawl.run_crawl with a `jsonld` source: Stint's spider, normalize, the SQLite
         store, the HTTP cache, run records and lifecycle.
Both use Stint's polite Scrapy settings (robots.txt, AutoThrottle, concurrency), so the ratio
measures what Stint adds per page. On loopback AutoThrottle keeps both near one request at a
time, so the polite ratio is bound by latency; `--unthrottled` turns AutoThrottle off and allows
16 parallel requests to the site in both crawls, which makes the crawl CPU-bound and shows
Stint's own cost per page. Target: stint >= 0.7x bare. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET_RATIO = 0.7
TOPICS = ["data entry", "market research", "social media", "UX testing", "grant writing",
          "python scripting", "survey coding", "copy editing", "logo design", "lead research"]
CITIES = [("Boston", "MA"), ("Austin", "TX"), ("Denver", "CO"), ("Chicago", "IL"),
          ("Seattle", "WA"), ("Atlanta", "GA")]


# -- the site --------------------------------------------------------------------------------


def posting_page(n: int) -> str:
    topic = TOPICS[n % len(TOPICS)]
    city, region = CITIES[n % len(CITIES)]
    paragraphs = "".join(
        f"<p>Week {w}: you will help our team with {topic} for project {n}, working with a "
        f"mentor who reviews your work twice a week and gives written feedback. Students and "
        f"recent graduates from any school are welcome; no prior experience is needed.</p>"
        for w in range(1, 5))
    posting = {
        "@context": "https://schema.org", "@type": "JobPosting",
        "title": f"{topic.title()} Micro-Internship {n}", "identifier": f"bench-{n}",
        "description": f"{paragraphs}<ul><li>Paid ${15 + n % 10}/hour</li>"
                       f"<li>10 hours per week for 3 weeks</li><li>Remote friendly</li></ul>",
        "datePosted": f"2026-11-{1 + n % 28:02d}", "validThrough": "2026-12-31",
        "employmentType": ["INTERN", "PART_TIME"],
        "hiringOrganization": {"@type": "Organization", "name": f"Bench Co {n % 50}",
                               "sameAs": f"https://benchco{n % 50}.example"},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                      "addressLocality": city,
                                                      "addressRegion": region,
                                                      "addressCountry": "US"}},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "USD",
                       "value": {"@type": "QuantitativeValue", "value": 15 + n % 10,
                                 "unitText": "HOUR"}},
    }
    data = json.dumps(posting).replace("</", "<\\/")
    return (f"<!DOCTYPE html><html><head><title>{posting['title']}</title>"
            f'<script type="application/ld+json">{data}</script></head><body>'
            f"<nav>Home | Jobs | About</nav><h1>{posting['title']}</h1>{paragraphs}</body></html>")


def build_site(postings: int, per_page: int) -> dict[str, bytes]:
    routes = {"/robots.txt": b"User-agent: *\nAllow: /\n"}
    pages = (postings + per_page - 1) // per_page
    for page in range(1, pages + 1):
        first = (page - 1) * per_page + 1
        links = "".join(f'<li><a class="job" href="/jobs/{n}">Job {n}</a></li>'
                        for n in range(first, min(first + per_page, postings + 1)))
        nxt = f'<a class="next" href="/list/{page + 1}">Next</a>' if page < pages else ""
        routes[f"/list/{page}"] = f"<html><body><ul>{links}</ul>{nxt}</body></html>".encode()
    for n in range(1, postings + 1):
        routes[f"/jobs/{n}"] = posting_page(n).encode()
    return routes


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    routes: dict[str, bytes]

    def server_bind(self) -> None:
        socketserver.TCPServer.server_bind(self)  # no reverse DNS lookup
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        body = self.server.routes.get(self.path)
        self.send_response(200 if body is not None else 404)
        body = body if body is not None else b"not found"
        ctype = "text/plain" if self.path.endswith(".txt") else "text/html; charset=utf-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


# -- the two crawls, each run in a worker process ----------------------------------------------


# What --unthrottled changes, in both crawls alike.
UNTHROTTLED = {"AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16}


def bare_worker(start_url: str, unthrottled: bool) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    from crawlers.settings import base_settings

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = [start_url]

        def parse(self, response):
            self.crawler.stats.inc_value("bench/pages")
            for href in response.css("a.job::attr(href)").getall():
                yield response.follow(href, self.parse_posting)
            for href in response.css("a.next::attr(href)").getall()[:1]:
                yield response.follow(href, self.parse)

        def parse_posting(self, response):
            self.crawler.stats.inc_value("bench/pages")
            for block in response.css('script[type="application/ld+json"]::text').getall():
                yield {"url": response.url, "payload": json.loads(block)}

    settings = base_settings("sqlite://")
    for key in ("ITEM_PIPELINES", "EXTENSIONS", "DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES"):
        settings.pop(key)
    if unthrottled:
        settings.update(UNTHROTTLED)
    t0 = time.perf_counter()
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    seconds = time.perf_counter() - t0
    stats = crawler.stats.get_stats()
    return {"pages": stats.get("bench/pages", 0), "items": stats.get("item_scraped_count", 0),
            "seconds": seconds}


def stint_worker(start_url: str, unthrottled: bool, home: str) -> dict:
    from crawlers.sources import source_from_dict
    from index.settings import Settings
    from stint.crawl import run_crawl

    settings = Settings.load(home=home, env={})
    source = source_from_dict({"name": "bench", "kind": "jsonld", "start_urls": [start_url],
                               "link_selector": "a.job", "next_selector": "a.next"})
    t0 = time.perf_counter()
    extra = {"STINT_PROGRESS_INTERVAL": 0, **(UNTHROTTLED if unthrottled else {})}
    [result] = run_crawl(settings, [source], extra_settings=extra)
    seconds = time.perf_counter() - t0
    return {"pages": result.pages, "items": result.stored, "seconds": seconds,
            "status": result.status}


def run_worker(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_crawl", "--worker", *args],
                         capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postings", type=int, default=1000)
    parser.add_argument("--per-page", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument("--unthrottled", action="store_true",
                        help="AutoThrottle off, 16 parallel requests (CPU-bound)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, url, flag, *rest = args.worker
        unthrottled = flag == "unthrottled"
        result = (bare_worker(url, unthrottled) if kind == "bare"
                  else stint_worker(url, unthrottled, *rest))
        print(json.dumps(result))
        return

    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = build_site(args.postings, args.per_page)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    start = f"http://127.0.0.1:{server.server_port}/list/1"
    print(f"site: {args.postings} postings, {len(server.routes) - 1} pages at {start} "
          f"({'unthrottled' if args.unthrottled else 'polite settings'})")
    best: dict[str, dict] = {}
    try:
        for _ in range(args.repeat):
            for kind in ("bare", "stint"):
                with tempfile.TemporaryDirectory(prefix="stint-bench-") as home:
                    mode = "unthrottled" if args.unthrottled else "polite"
                    run = run_worker(kind, start, mode, *([home] if kind == "stint" else []))
                run["rate"] = run["pages"] / run["seconds"]
                if kind not in best or run["rate"] > best[kind]["rate"]:
                    best[kind] = run
                print(f"  {kind:<6} {run['pages']} pages, {run['items']} items in "
                      f"{run['seconds']:.2f} s = {run['rate']:.1f} pages/s")
    finally:
        server.shutdown()
        server.server_close()
    ratio = best["stint"]["rate"] / best["bare"]["rate"]
    print(f"bare Scrapy:            {best['bare']['rate']:.1f} pages/s")
    print(f"Stint crawl+norm+store: {best['stint']['rate']:.1f} pages/s")
    print(f"ratio: {ratio:.2f}x (target >= {TARGET_RATIO}x) "
          f"{'OK' if ratio >= TARGET_RATIO else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
