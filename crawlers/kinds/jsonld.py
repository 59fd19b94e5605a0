"""Kind `jsonld`: any site whose posting pages carry schema.org JobPosting as JSON-LD or
microdata, found from list pages (with pagination) or from sitemaps.

Sources-file keys:
  start_urls     list pages (or posting pages) to start from
  sitemap_urls   sitemaps (urlset or sitemapindex) listing posting pages
  link_selector  CSS selector of the links from a list page to posting pages
  link_pattern   regex a posting page's URL must match (filters links and sitemap entries)
  next_selector  CSS selector of the "next page" link on list pages

The payload of each RawListing is the JobPosting object itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap

from crawlers.kinds.base import StintSpider
from normalize.extract import extract_jobpostings


class JsonLdSpider(StintSpider):
    kind = "jsonld"
    can_render = True
    options = {
        "start_urls": list,
        "sitemap_urls": list,
        "link_selector": str,
        "link_pattern": str,
        "next_selector": str,
    }

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        if not options.get("start_urls") and not options.get("sitemap_urls"):
            return "kind 'jsonld' needs start_urls or sitemap_urls"
        if "link_pattern" in options:
            try:
                re.compile(options["link_pattern"])
            except re.error as exc:
                return f"link_pattern is not a valid regex: {exc}"
        return None

    def __init__(self, source, **kwargs: Any):
        super().__init__(source, **kwargs)
        opts = source.options
        self.link_selector: str | None = opts.get("link_selector")
        self.next_selector: str | None = opts.get("next_selector")
        pattern = opts.get("link_pattern")
        self.link_pattern = re.compile(pattern) if pattern else None

    async def start(self):
        for url in self.source.options.get("start_urls", []):
            yield self.request(url, self.parse_list)
        for url in self.source.options.get("sitemap_urls", []):
            yield self.request(url, self.parse_sitemap, render=False)

    def _wanted(self, url: str) -> bool:
        return self.link_pattern is None or bool(self.link_pattern.search(url))

    def parse_list(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.count("errors/not_html")
            return
        self.count("pages")
        # A start URL may itself be a posting page.
        yield from self._postings(response, count_missing=False)
        if self.link_selector:
            hrefs = response.css(self.link_selector).css("::attr(href)").getall()
        elif self.link_pattern:
            hrefs = response.css("a::attr(href)").getall()
        else:
            hrefs = []
        for href in hrefs:
            url = response.urljoin(href)
            if self._wanted(url):
                yield self.request(url, self.parse_posting)
        if self.next_selector:
            for href in response.css(self.next_selector).css("::attr(href)").getall()[:1]:
                yield self.request(response.urljoin(href), self.parse_list)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        self.count("pages")
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # lxml raises several types on garbage; all mean "not a sitemap"
            self.count("errors/bad_sitemap")
            self.logger.warning("%s.bad_sitemap %s", self.source.name, response.url)
            return
        for entry in sitemap:
            url = response.urljoin(entry.get("loc", ""))
            if sitemap.type == "sitemapindex":
                yield self.request(url, self.parse_sitemap, render=False)
            elif self._wanted(url):
                yield self.request(url, self.parse_posting)

    def parse_posting(self, response: Response) -> Iterator[dict[str, Any]]:
        if not isinstance(response, TextResponse):
            self.count("errors/not_html")
            return
        self.count("pages")
        yield from self._postings(response, count_missing=True)

    def _postings(self, response: TextResponse, count_missing: bool) -> Iterator[dict[str, Any]]:
        result = extract_jobpostings(response.text, response.url)
        for error in result.errors:
            self.count("errors/invalid_jsonld")
            self.logger.warning("%s.invalid_jsonld %s: %s", self.source.name, response.url, error)
        if count_missing and not result.postings and not result.errors:
            self.count("errors/no_posting")
            self.logger.warning("%s.no_posting %s", self.source.name, response.url)
        for posting in result.postings:
            yield self.raw_listing(response.url, posting)
