"""Search results -> RSS 2.0, Atom (RFC 4287) and JSON Feed 1.1 documents. Pure functions.

Items carry stable ids that do not depend on the host serving the feed:
`urn:stint:cluster:<cluster_id>` once deduplication gives documents a cluster, else
`urn:stint:listing:<id>`, so a reader shows each posting once however often it polls. An
item's date is when the posting was published (posted_at) for display; the feed's `updated`
(and the HTTP Last-Modified) is the latest time Stint first saw one of its items, so a posting
published last week but found today still moves the feed forward.

XML is written with xml.etree, which escapes text and attributes; characters XML forbids are
removed first (sanitize.xml_text). HTML content is the render-time sanitized description.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from xml.etree import ElementTree as ET

import orjson

from index.documents import epoch
from search_api.jsonld import job_duration, source_urls, work_hours
from search_api.sanitize import clean_html, xml_text

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
GENERATOR = "Stint"

ET.register_namespace("atom", ATOM_NS)


@dataclass(frozen=True)
class FeedMeta:
    """What a feed says about itself. `urls` maps a format (rss, atom, json, html) to the
    absolute URL of this same search in that format."""

    title: str
    description: str
    feed_id: str
    urls: dict[str, str]
    updated: datetime = EPOCH


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    link: str  # the listing's page on Stint: every place to apply, in one page
    external_url: str | None
    published: datetime | None
    updated: datetime
    content_html: str
    content_text: str
    author: str | None
    tags: list[str] = field(default_factory=list)
    extension: dict[str, Any] = field(default_factory=dict)


def _when(value: Any) -> datetime | None:
    seconds = epoch(value) if isinstance(value, str) else None
    return datetime.fromtimestamp(seconds, UTC) if seconds is not None else None


def item_id(doc: dict[str, Any]) -> str:
    if doc.get("cluster_id"):
        return f"urn:stint:cluster:{doc['cluster_id']}"
    return f"urn:stint:listing:{doc['id']}"


def search_feed_id(query_items: list[tuple[str, str]]) -> str:
    """The same search (whatever the parameter order) always has the same feed id."""
    canonical = "&".join(f"{k}={v}" for k, v in sorted(query_items))
    return "urn:stint:search:" + hashlib.sha1(canonical.encode()).hexdigest()[:20]


def pay_text(pay: dict[str, Any] | None) -> str | None:
    """'20–25 USD per hour', '500 USD per project (≈ 25/h)', 'Paid', 'Unpaid' or None."""
    pay = pay or {}
    low, high = pay.get("min"), pay.get("max")
    if low is None and high is None:
        return {True: "Paid", False: "Unpaid"}.get(pay.get("paid"))
    amount = _num(low if low is not None else high)
    if low is not None and high is not None and low != high:
        amount = f"{_num(low)}–{_num(high)}"
    text = " ".join(x for x in (amount, pay.get("currency") or "") if x)
    if pay.get("period"):
        text += f" per {pay['period'].lower()}"
    if pay.get("hourly_min") is not None and pay.get("period") != "HOUR":
        text += f" (≈ {_num(pay['hourly_min'])}/h)"
    return text


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.2f}"


def facts(doc: dict[str, Any]) -> list[tuple[str, str]]:
    """The card facts of a listing, as (label, text) pairs, known ones only."""
    places = ", ".join(doc.get("cities") or doc.get("countries") or [])
    rows = [
        ("Organization", (doc.get("organization") or {}).get("name")),
        ("Pay", pay_text(doc.get("pay"))),
        ("Hours", work_hours(doc)),
        ("Duration", job_duration(doc)),
        ("Deadline", (doc.get("deadline") or "")[:10] or None),
        ("Where", " · ".join(x for x in (doc.get("arrangement"), places)
                             if x and x != "unknown") or None),
        ("Task type", (doc.get("category") or "").replace("_", " ") or None),
    ]
    return [(label, text) for label, text in rows if text]


def first_seen(doc: dict[str, Any]) -> datetime:
    """When Stint first saw the posting (falling back to its dates): the item's `updated`."""
    return (_when(doc.get("first_seen_at")) or _when(doc.get("posted_at"))
            or _when(doc.get("fetched_at")) or EPOCH)


def latest(docs: list[dict[str, Any]]) -> datetime:
    """The feed's `updated` and Last-Modified: the newest first-seen time of its items."""
    return max((first_seen(doc) for doc in docs), default=EPOCH)


def feed_item(doc: dict[str, Any], base_url: str) -> FeedItem:
    published = _when(doc.get("posted_at"))
    summary = "".join(f"<li><strong>{html.escape(label)}:</strong> {html.escape(text)}</li>"
                      for label, text in facts(doc))
    body = clean_html(doc.get("description_html")) or html.escape(doc.get("description_text", ""))
    urls = source_urls(doc)
    pay = doc.get("pay") or {}
    return FeedItem(
        id=item_id(doc),
        title=xml_text(doc.get("title")),
        link=f"{base_url}/listings/{doc['id']}.html",
        external_url=urls[0] if urls else None,
        published=published,
        updated=first_seen(doc),
        content_html=xml_text((f"<ul>{summary}</ul>" if summary else "") + body),
        content_text=xml_text(doc.get("description_text")),
        author=xml_text((doc.get("organization") or {}).get("name")) or None,
        tags=[xml_text(t) for t in [doc.get("category"), *(doc.get("skills") or [])] if t],
        extension={"listing_id": doc["id"], "apply_urls": urls, "deadline": doc.get("deadline"),
                   "pay_hourly_min": pay.get("hourly_min"), "arrangement": doc.get("arrangement"),
                   "duration_weeks": doc.get("duration_weeks"),
                   "hours_per_week": doc.get("hours_per_week")},
    )


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = xml_text(text)
    return element


def _xml(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def rss(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", meta.title)
    _sub(channel, "link", meta.urls["html"])
    _sub(channel, "description", meta.description)
    _sub(channel, f"{{{ATOM_NS}}}link", href=meta.urls["rss"], rel="self",
         type="application/rss+xml")
    _sub(channel, "lastBuildDate", format_datetime(meta.updated, usegmt=True))
    _sub(channel, "generator", GENERATOR)
    for item in items:
        entry = _sub(channel, "item")
        _sub(entry, "title", item.title)
        _sub(entry, "link", item.link)
        _sub(entry, "guid", item.id, isPermaLink="false")
        _sub(entry, "description", item.content_html)
        if item.published:
            _sub(entry, "pubDate", format_datetime(item.published, usegmt=True))
        for tag in item.tags:
            _sub(entry, "category", tag)
    return _xml(root)


def _rfc3339(when: datetime) -> str:
    return when.astimezone(UTC).isoformat().replace("+00:00", "Z")


def atom(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    # Atom is the default namespace (<feed xmlns="...">), written as a plain attribute:
    # ElementTree's default_namespace option refuses the unqualified attribute names Atom uses.
    def a(name: str) -> str:
        return name

    root = ET.Element("feed", {"xmlns": ATOM_NS})
    _sub(root, a("id"), meta.feed_id)
    _sub(root, a("title"), meta.title)
    _sub(root, a("subtitle"), meta.description)
    _sub(root, a("updated"), _rfc3339(meta.updated))
    _sub(root, a("link"), rel="self", href=meta.urls["atom"], type="application/atom+xml")
    _sub(root, a("link"), rel="alternate", href=meta.urls["html"], type="text/html")
    _sub(_sub(root, a("author")), a("name"), GENERATOR)  # entries without an organization
    _sub(root, a("generator"), GENERATOR)
    for item in items:
        entry = _sub(root, a("entry"))
        _sub(entry, a("id"), item.id)
        _sub(entry, a("title"), item.title, type="text")
        _sub(entry, a("updated"), _rfc3339(item.updated))
        if item.published:
            _sub(entry, a("published"), _rfc3339(item.published))
        _sub(entry, a("link"), rel="alternate", href=item.link, type="text/html")
        if item.external_url:
            _sub(entry, a("link"), rel="related", href=item.external_url)
        if item.author:
            _sub(_sub(entry, a("author")), a("name"), item.author)
        for tag in item.tags:
            _sub(entry, a("category"), term=tag)
        _sub(entry, a("content"), item.content_html, type="html")
    return _xml(root)


def json_feed(meta: FeedMeta, items: list[FeedItem]) -> bytes:
    def one(item: FeedItem) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": item.id,
            "url": item.link,
            "title": item.title,
            "content_html": item.content_html,
            "date_modified": _rfc3339(item.updated),
            "tags": item.tags,
            "_stint": item.extension,
        }
        if item.content_text:
            entry["content_text"] = item.content_text
        if item.external_url:
            entry["external_url"] = item.external_url
        if item.published:
            entry["date_published"] = _rfc3339(item.published)
        if item.author:
            entry["authors"] = [{"name": item.author}]
        return entry

    return orjson.dumps({
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.urls["html"],
        "feed_url": meta.urls["json"],
        "description": meta.description,
        "items": [one(item) for item in items],
    })
