"""Kind `feed`: RSS 2.0, RSS 1.0 and Atom job feeds, parsed with feedparser.

Sources-file keys:
  feed_urls   the feeds to read (required); an Atom/RSS `<link rel="next">` is followed, so a
              paged feed (RFC 5005) is read to its end, bounded by `max_pages`

The payload of each RawListing is the feed entry as feedparser reads it, made plain JSON (the
`*_parsed` time tuples are dropped: the date strings stay), plus
  extensions  the entry's elements in other XML namespaces as a tree, e.g. Teamtailor's
              {"tt:locations": {"tt:location": [{"tt:city": "Helsinki", ...}, ...]}}: feedparser
              flattens these to `tt_city` and keeps only the last of repeated elements
  feed        the channel: title, link, language and the namespace prefixes in use
A response that is not a feed at all is counted as `stint/errors/bad_feed`.
"""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from typing import Any

import feedparser
from lxml import etree
from scrapy.http import Response

from crawlers.kinds.base import StintSpider

# Namespaces whose elements feedparser maps to its own keys (title, summary, links...).
_CORE_NAMESPACES = {None, "", "http://www.w3.org/2005/Atom", "http://purl.org/rss/1.0/",
                    "http://backend.userland.com/rss2"}
_ITEM_TAGS = ("item", "{http://purl.org/rss/1.0/}item", "{http://www.w3.org/2005/Atom}entry")
# Entities are never resolved and nothing is fetched: a feed is untrusted input (XXE).
_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                              remove_comments=True, remove_pis=True)


class FeedSpider(StintSpider):
    kind = "feed"
    options = {"feed_urls": list}

    @classmethod
    def check_options(cls, options: dict[str, Any]) -> str | None:
        if not options.get("feed_urls"):
            return "kind 'feed' needs feed_urls"
        return None

    async def start(self):
        for url in self.source.options["feed_urls"]:
            yield self.request(url, self.parse_feed)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        self.count("pages")
        headers = {"content-type": (response.headers.get(b"Content-Type") or b"").decode("latin-1")}
        # A stream, never bytes or str: feedparser opens a str as a URL and tries bytes as a
        # file name, so a body like b"/etc/passwd" would be read from disk.
        parsed = feedparser.parse(io.BytesIO(response.body), response_headers=headers,
                                  sanitize_html=False, resolve_relative_uris=False)
        if not parsed.get("version") and not parsed.entries:
            self.count("errors/bad_feed")
            reason = parsed.get("bozo_exception") or "no RSS or Atom root element"
            self.logger.warning("%s.bad_feed %s: %s", self.source.name, response.url, reason)
            return
        channel = _channel(parsed)
        extensions = _extensions(response.body, len(parsed.entries))
        for n, entry in enumerate(parsed.entries):
            payload = plain(entry)
            payload["feed"] = channel
            if extensions is not None and extensions[n]:
                payload["extensions"] = extensions[n]
            yield self.raw_listing(response.urljoin(entry.get("link") or "") or response.url,
                                   payload)
        for link in parsed.feed.get("links", []):
            if link.get("rel") == "next" and link.get("href"):
                yield self.request(response.urljoin(link["href"]), self.parse_feed)


def plain(value: Any) -> Any:
    """feedparser's result as plain JSON values: dicts, lists, strings, numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()
                if not str(k).endswith("_parsed") and not isinstance(v, time.struct_time)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _channel(parsed: Any) -> dict[str, Any]:
    feed = parsed.feed
    return {
        "title": feed.get("title"),
        "link": feed.get("link"),
        "language": feed.get("language"),
        "version": parsed.get("version") or None,
        "namespaces": dict(parsed.get("namespaces", {})),
    }


def _extensions(body: bytes, expected: int) -> list[dict[str, Any]] | None:
    """Each item's foreign-namespace elements as a tree, in document order; None when the XML
    cannot be matched item for item with feedparser's entries (then only its flat keys remain)."""
    try:
        root = etree.fromstring(body, parser=_XML_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is None:
        return None
    items = [el for el in root.iter(*_ITEM_TAGS)]
    if len(items) != expected:
        return None
    return [_foreign_children(item) for item in items]


def _foreign_children(item: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for child in item:
        if not isinstance(child.tag, str) or etree.QName(child).namespace in _CORE_NAMESPACES:
            continue
        _add(out, _name(child), _element_value(child))
    return out


def _name(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


def _element_value(el: etree._Element) -> Any:
    """Text for a leaf; a dict of children (repeated names become lists) otherwise. Attributes
    are kept as "@name" keys."""
    children = [c for c in el if isinstance(c.tag, str)]
    attrs = {f"@{etree.QName(k).localname}": v for k, v in el.attrib.items()}
    if not children:
        text = (el.text or "").strip()
        if not attrs:
            return text
        return {**attrs, "#text": text} if text else attrs
    value: dict[str, Any] = dict(attrs)
    for child in children:
        _add(value, _name(child), _element_value(child))
    return value


def _add(target: dict[str, Any], key: str, value: Any) -> None:
    if key not in target:
        target[key] = value
    elif isinstance(target[key], list):
        target[key].append(value)
    else:
        target[key] = [target[key], value]
