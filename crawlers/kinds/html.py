"""Kind `html`: career pages with no structured data, read with CSS or XPath selectors from the
sources file.

Sources-file keys:
  start_urls     list pages to start from (required)
  item_selector  one element per posting on a list page
  link_selector  the link to a posting's detail page (inside each item when item_selector is set)
  next_selector  the "next page" link on list pages, or
  page_param     a query parameter that numbers list pages (?page=2, 3, ...); paging stops at the
                 first page that lists nothing new, or at max_pages
  fields         {field = selector}: read on each detail page, or on each item when there is no
                 link_selector (then one page without item_selector is one posting)
  list_fields    {field = selector}: read on each list item and used where the detail page
                 says nothing (needs item_selector and link_selector)

Fields: title (required), organization, location, description, pay, employment_type,
posted_at, deadline, start_date, duration, hours, category, apply_url, url, id.

A selector is XPath when it starts with "/", "./", "../" or "(", else CSS (with parsel's ::text
and ::attr(name)). Inside an item, an XPath starting with "/" is read relative to the item
("//a" means ".//a"); write "(.//a)[1]" for a parenthesized one. A selector that matches
elements gives their HTML; ::text, ::attr() and text() / @attr give strings.

    [[source]]
    name = "campus-board"
    kind = "html"
    start_urls = ["https://careers.example.edu/jobs"]
    item_selector = "li.job"
    link_selector = "a.title"
    next_selector = "a[rel=next]"
    [source.fields]
    title = "h1"
    description = "div.description"
    location = "//dt[.='Location']/following-sibling::dd[1]"

The payload is {"fields": {name: [raw strings]}, "list_fields": {...}}: what the selectors
matched, as text or HTML, in document order. All meaning is made in normalize/formats/html.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator
from scrapy.http import Response, TextResponse

from crawlers.kinds.base import StintSpider

FIELDS = frozenset({"title", "organization", "location", "description", "pay", "employment_type",
                    "posted_at", "deadline", "start_date", "duration", "hours", "category",
                    "apply_url", "url", "id"})
_XPATH_RE = re.compile(r"^\s*(?:\(|\.{0,2}/)")
_CSS = HTMLTranslator()


def is_xpath(selector: str) -> bool:
    return bool(_XPATH_RE.match(selector))


def selector_problem(selector: Any) -> str | None:
    """Why `selector` cannot be used (not a string, empty, does not compile), else None."""
    if not isinstance(selector, str) or not selector.strip():
        return "must be a non-empty string"
    try:
        if is_xpath(selector):
            etree.XPath(selector.strip())
        else:
            _CSS.css_to_xpath(selector)
    except Exception as exc:  # cssselect and lxml raise several types; all mean "bad selector"
        return f"is not a valid {'XPath' if is_xpath(selector) else 'CSS'} selector ({exc})"
    return None


def select(node: Selector, selector: str, in_item: bool) -> SelectorList:
    if is_xpath(selector):
        xpath = selector.strip()
        if in_item and xpath.startswith("/"):
            xpath = "." + xpath  # relative to the item, as a CSS selector would be
        return node.xpath(xpath)
    return node.css(selector)


def hrefs(found: SelectorList) -> list[str]:
    """Link targets: an element's href, or the string a ::attr / @href selector gave."""
    out = []
    for sel in found:
        value = sel.attrib.get("href") if isinstance(sel.root, etree._Element) else sel.get()
        if isinstance(value, str) and value.strip():
            out.append(value.strip())
    return out


def extract_fields(node: Selector, fields: dict[str, str], in_item: bool) -> dict[str, list[str]]:
    """What each field's selector matched (HTML of elements, or strings), empty ones left out."""
    out: dict[str, list[str]] = {}
    for name, selector in fields.items():
        values = [v for v in select(node, selector, in_item).getall() if v and v.strip()]
        if values:
            out[name] = values
    return out


def with_page(url: str, param: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != param]
    query.append((param, str(page)))
    return urlunsplit(parts._replace(query=urlencode(query)))


class HtmlSpider(StintSpider):
    kind = "html"
    can_render = True
    options = {
        "start_urls": list,
        "item_selector": str,
        "link_selector": str,
        "next_selector": str,
        "page_param": str,
        "fields": dict,
        "list_fields": dict,
    }

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        if not options.get("start_urls"):
            return "kind 'html' needs start_urls"
        if not options.get("fields"):
            return "kind 'html' needs a fields table (at least title = \"selector\")"
        if "next_selector" in options and "page_param" in options:
            return "use next_selector or page_param, not both"
        if "list_fields" in options and not ("item_selector" in options
                                             and "link_selector" in options):
            return "list_fields needs item_selector and link_selector"
        if "page_param" in options and not options["page_param"].strip():
            return "page_param must not be empty"
        for key in ("item_selector", "link_selector", "next_selector"):
            if key in options and (problem := selector_problem(options[key])):
                return f"{key} {problem}"
        for table in ("fields", "list_fields"):
            for name, selector in options.get(table, {}).items():
                if name not in FIELDS:
                    return (f"{table}: unknown field {name!r} "
                            f"(known: {', '.join(sorted(FIELDS))})")
                if problem := selector_problem(selector):
                    return f"{table}.{name} {problem}"
        if "title" not in options["fields"] and "title" not in options.get("list_fields", {}):
            return "fields needs a title selector"
        return None

    def __init__(self, source, **kwargs: Any):
        super().__init__(source, **kwargs)
        opts = source.options
        self.item_selector: str | None = opts.get("item_selector")
        self.link_selector: str | None = opts.get("link_selector")
        self.next_selector: str | None = opts.get("next_selector")
        self.page_param: str | None = opts.get("page_param")
        self.fields: dict[str, str] = opts["fields"]
        self.list_fields: dict[str, str] = opts.get("list_fields", {})
        self.max_list_pages: int | None = source.max_pages
        self.seen: set[str] = set()  # what list pages listed, to stop page_param paging

    async def start(self):
        for url in self.source.options["start_urls"]:
            yield self.request(url, self.parse_list, list_page=1)

    def parse_list(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.count("errors/not_html")
            return
        self.count("pages")
        new = 0
        for key, output in self._list_outputs(response):
            if key not in self.seen:
                self.seen.add(key)
                new += 1
            yield output
        yield from self._next_page(response, new)

    def _list_outputs(self, response: TextResponse) -> Iterator[tuple[str, Any]]:
        """(what identifies it on the list, a RawListing or a detail-page request) per posting."""
        items = (select(response.selector, self.item_selector, in_item=False)
                 if self.item_selector else [response.selector])
        in_item = bool(self.item_selector)
        for item in items:
            if not self.link_selector:
                fields = extract_fields(item, self.fields, in_item)
                yield repr(sorted(fields.items())), self.raw_listing(response.url, {"fields": fields})
                continue
            links = hrefs(select(item, self.link_selector, in_item))
            if self.item_selector:
                links = links[:1]  # one posting per item: its first link
            listed = extract_fields(item, self.list_fields, in_item) if self.list_fields else {}
            for href in links:
                url = response.urljoin(href)
                yield url, self.request(url, self.parse_detail, list_fields=listed)

    def _next_page(self, response: TextResponse, new: int) -> Iterator[Any]:
        page = response.meta.get("list_page", 1)
        if self.max_list_pages and page >= self.max_list_pages:
            return
        if self.next_selector:
            for href in hrefs(select(response.selector, self.next_selector, in_item=False))[:1]:
                yield self.request(response.urljoin(href), self.parse_list, list_page=page + 1)
        elif self.page_param and new:
            # A page that lists nothing new ends the paging: past the last page, many sites
            # repeat the last page or ignore the parameter instead of answering empty.
            url = with_page(response.url, self.page_param, page + 1)
            yield self.request(url, self.parse_list, list_page=page + 1)

    def parse_detail(self, response: Response) -> Iterator[dict[str, Any]]:
        if not isinstance(response, TextResponse):
            self.count("errors/not_html")
            return
        self.count("pages")
        found = extract_fields(response.selector, self.fields, in_item=False)
        listed = response.meta.get("list_fields") or {}
        if not found and not listed:
            self.count("errors/no_posting")
            self.logger.warning("%s.no_posting %s", self.source.name, response.url)
            return
        payload: dict[str, Any] = {"fields": found}
        if listed:
            payload["list_fields"] = listed
        yield self.raw_listing(response.url, payload)
