"""Feeds and exports of a search: RSS 2.0, Atom, JSON Feed 1.1, CSV, and the career-center page.

Served by the real app over HTTP from a real Meilisearch index. RSS and Atom are read back with
feedparser (no bozo flag, the fields each format requires); the JSON Feed is validated against a
JSON Schema of version 1.1 written below. Expected items are computed from the same listings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

import feedparser
import httpx
import jsonschema
import pytest

from index.documents import to_document
from search_api.app import create_app
from search_api.feeds import first_seen
from tests.test_search_api_support import LISTINGS, day, expected_ids, indexed, make_listing, serve

FEED_ITEMS = 10  # the app's default number of items, small so that the bound shows
HOSTILE_ID = "L950"
CLUSTERED_ID = "L003"


def hostile_listing() -> dict:
    listing = make_listing(950)
    listing.update(id=HOSTILE_ID, posted_at=day(1), first_seen_at=f"{day(1)}T09:30:00+00:00",
                   title="=HYPERLINK(\"http://evil.test\") ]]> <script>x</script> \x0b\x1f café ☕ & co",
                   description_html="<p>ok</p><script>alert(1)</script>\x0c<img src=x onerror=alert(1)>",
                   description_text="ok \x00 text")
    listing["skills"] = ["+cmd", "SQL"]
    return listing


def catalogue() -> list[dict]:
    listings = [dict(listing) for listing in LISTINGS] + [hostile_listing()]
    listings[3]["cluster_id"] = "C-three"
    return listings


DOCS = [to_document(listing) for listing in catalogue()]


def newest(keep, limit=FEED_ITEMS) -> list[str]:
    docs = [d for d in DOCS if keep(d)]
    docs.sort(key=lambda d: d["posted_at_ts"], reverse=True)
    return [d["id"] for d in docs[:limit]]


def feed_id(listing_id: str) -> str:
    return ("urn:stint:cluster:C-three" if listing_id == CLUSTERED_ID
            else f"urn:stint:listing:{listing_id}")


@pytest.fixture(scope="module")
def api(meili, tmp_path_factory) -> Iterator[httpx.Client]:
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, catalogue()) as (settings, key):
        app = create_app(settings.meili_url, key, settings.index_uid, feed_items=FEED_ITEMS)
        with serve(app) as url:
            with httpx.Client(base_url=url, timeout=10) as client:
                yield client


def remote(d) -> bool:
    return d["arrangement"] == "remote"


# -- RSS and Atom: feedparser round trip --------------------------------------------------------


def test_rss_round_trip(api):
    response = api.get("/feeds/search.rss", params={"arrangement": "remote", "q": ""})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/rss+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.title == "Stint: arrangement: remote"
    assert feed.feed.link.endswith("/?arrangement=remote")
    assert "newest first" in feed.feed.description
    expected = newest(remote)
    assert [entry.id for entry in feed.entries] == [feed_id(i) for i in expected]
    assert [entry.link.rsplit("/", 1)[1] for entry in feed.entries] == [f"{i}.html" for i in expected]
    first = feed.entries[0]
    assert first.title == next(d["title"] for d in DOCS if d["id"] == expected[0])
    assert first.published_parsed[:3] == tuple(map(int, DOCS_BY_ID[expected[0]]["posted_at"].split("-")))


DOCS_BY_ID = {d["id"]: d for d in DOCS}


def test_atom_round_trip(api):
    response = api.get("/feeds/search.atom", params={"category": "research"})
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert b'<feed xmlns="http://www.w3.org/2005/Atom">' in response.content
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.id.startswith("urn:stint:search:") and feed.feed.title
    assert feed.feed.updated_parsed
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert len(self_links) == 1 and self_links[0].endswith("/feeds/search.atom?category=research")
    expected = newest(lambda d: d["category"] == "research")
    assert [entry.id for entry in feed.entries] == [feed_id(i) for i in expected]
    for entry in feed.entries:
        assert entry.title and entry.updated_parsed
        alternate = [link.href for link in entry.links if link.rel == "alternate"]
        assert len(alternate) == 1 and alternate[0].endswith(".html")


def test_hostile_text_stays_well_formed_and_inert(api):
    for kind in ("rss", "atom"):
        feed = feedparser.parse(api.get(f"/feeds/search.{kind}").content)
        assert not feed.bozo, (kind, feed.get("bozo_exception"))
        entry = feed.entries[0]  # the hostile listing is the newest
        assert entry.id == f"urn:stint:listing:{HOSTILE_ID}"
        assert entry.title == '=HYPERLINK("http://evil.test") ]]> <script>x</script>  café ☕ & co'
        content = entry.content[0].value if kind == "atom" else entry.description
        assert "<script" not in content and "onerror" not in content and "<img" not in content


def test_bounded_and_page_size(api):
    assert len(feedparser.parse(api.get("/feeds/search.rss").content).entries) == FEED_ITEMS
    three = feedparser.parse(api.get("/feeds/search.rss", params={"page_size": 3}).content)
    assert [e.id for e in three.entries] == [feed_id(i) for i in newest(lambda d: True, 3)]
    assert api.get("/feeds/search.rss", params={"page_size": 101}).status_code == 422


def test_ids_are_stable_and_independent_of_host_and_parameter_order(api):
    one = api.get("/feeds/search.atom?paid=true&arrangement=remote").content
    two = api.get("/feeds/search.atom?arrangement=remote&paid=true",
                  headers={"Host": "localhost:8000"}).content
    a, b = feedparser.parse(one), feedparser.parse(two)
    assert a.feed.id == b.feed.id
    assert [e.id for e in a.entries] == [e.id for e in b.entries]
    assert all(e.link.startswith("http://localhost:8000/") for e in b.entries)
    # A Host the operator did not allow is refused: feeds are cacheable, their links must not
    # point where a request's header says.
    evil = api.get("/feeds/search.atom", headers={"Host": "evil.example"})
    assert evil.status_code == 400 and b"evil.example" not in evil.content


def test_feeds_take_the_search_parameters(api):
    assert api.get("/feeds/search.rss", params={"countri": "US"}).status_code == 422
    assert api.get("/feeds/search.json", params={"pay_min": "-3"}).status_code == 422
    params = {"pay_min": "20", "hours_max": "20", "skills": "excel"}
    body = api.get("/feeds/search.json", params=params).json()
    keep = expected_ids(lambda d: (d["pay_hourly_min"] or 0) >= 20 and "Excel" in d["skills"]
                        and (d["hours_per_week_max"] or 99) <= 20, DOCS)
    assert {item["_stint"]["listing_id"] for item in body["items"]} == keep and keep


# -- JSON Feed 1.1 ------------------------------------------------------------------------------

# JSON Feed 1.1 (https://jsonfeed.org/version/1.1) as a JSON Schema: the required members, their
# types, and the rule that each item has content_html or content_text.
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "user_comment": {"type": "string"},
        "next_url": {"type": "string"},
        "icon": {"type": "string"},
        "favicon": {"type": "string"},
        "language": {"type": "string"},
        "expired": {"type": "boolean"},
        "authors": {"$ref": "#/$defs/authors"},
        "hubs": {"type": "array"},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    "$defs": {
        "authors": {"type": "array", "items": {
            "type": "object", "properties": {"name": {"type": "string"}, "url": {"type": "string"},
                                             "avatar": {"type": "string"}}}},
        "date": {"type": "string", "format": "date-time"},
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string", "format": "uri"},
                "external_url": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "summary": {"type": "string"},
                "image": {"type": "string"},
                "banner_image": {"type": "string"},
                "date_published": {"$ref": "#/$defs/date"},
                "date_modified": {"$ref": "#/$defs/date"},
                "authors": {"$ref": "#/$defs/authors"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "language": {"type": "string"},
                "attachments": {"type": "array"},
            },
            # Extensions must start with an underscore.
            "patternProperties": {"^_": {"type": "object"}},
            "additionalProperties": False,
        },
    },
    "patternProperties": {"^_": {"type": "object"}},
    "additionalProperties": False,
}


def test_json_feed_validates_against_the_schema(api):
    response = api.get("/feeds/search.json", params={"arrangement": ["remote", "hybrid"]})
    assert response.headers["content-type"] == "application/feed+json; charset=utf-8"
    body = response.json()
    jsonschema.validate(body, JSON_FEED_SCHEMA, format_checker=jsonschema.FormatChecker())
    expected = newest(lambda d: d["arrangement"] in ("remote", "hybrid"))
    assert [item["id"] for item in body["items"]] == [feed_id(i) for i in expected]
    assert body["feed_url"].endswith("/feeds/search.json?arrangement=remote&arrangement=hybrid")


def test_the_schema_rejects_what_json_feed_forbids():
    for bad in ({"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": 1,
                "content_text": "x"}]},
                {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1"}]},
                {"version": "1.1", "title": "t", "items": []}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, JSON_FEED_SCHEMA)


def test_json_feed_items_carry_the_listing(api):
    items = api.get("/feeds/search.json", params={"page_size": 100}).json()["items"]
    by_id = {item["_stint"]["listing_id"]: item for item in items}
    assert len(by_id) == len(DOCS)
    clustered = by_id[CLUSTERED_ID]
    assert clustered["id"] == "urn:stint:cluster:C-three"
    ten = by_id["L010"]
    assert ten["_stint"]["apply_urls"] == ["https://example.test/jobs/10", "https://hub.test/p/10"]
    assert ten["external_url"] == "https://example.test/jobs/10"
    assert ten["authors"] == [{"name": DOCS_BY_ID["L010"]["organization"]["name"]}]
    assert "<strong>Pay:</strong>" in by_id["L000"]["content_html"]


# -- conditional GET ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/feeds/search.rss", "/feeds/search.atom", "/feeds/search.json",
                                  "/export/search.csv"])
def test_etag_and_last_modified_give_304(api, path):
    first = api.get(path, params={"paid": "true"})
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    paid = [d for d in DOCS if d["paid"] is True]
    newest_seen = max(first_seen(d) for d in paid if d["id"] in first.text or path.endswith("csv"))
    assert parsedate_to_datetime(modified) == newest_seen.replace(microsecond=0)
    again = api.get(path, params={"paid": "true"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert api.get(path, params={"paid": "true"},
                   headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    assert api.get(path, params={"paid": "true"},
                   headers={"If-Modified-Since": modified}).status_code == 304
    earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
    assert api.get(path, params={"paid": "true"},
                   headers={"If-Modified-Since": earlier}).status_code == 200
    # If-None-Match decides when both are sent.
    assert api.get(path, params={"paid": "true"},
                   headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}
                   ).status_code == 200
    other = api.get(path, params={"paid": "false"})
    assert other.headers["etag"] != etag
    # HEAD: the same validators, no body (feed readers poll this way too).
    head = api.head(path, params={"paid": "true"})
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"] == etag


# -- CSV ----------------------------------------------------------------------------------------


def test_csv_export(api):
    response = api.get("/export/search.csv", params={"sort": "pay", "paid": "true"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert 'filename="stint-search.csv"' in response.headers["content-disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    expected = sorted((d for d in DOCS if d["paid"] is True), key=lambda d: -d["pay_hourly_min"])
    assert [row["id"] for row in rows] == [d["id"] for d in expected]
    assert [float(row["pay_hourly_min"]) for row in rows] == [d["pay_hourly_min"] for d in expected]
    ten = next(row for row in rows if row["id"] == "L000")
    # countries: its places (IN, US) and the countries a remote worker may be in (US, CA)
    assert ten["also_posted_on"] == "https://hub.test/p/0" and ten["countries"] == "CA; IN; US"


def test_feeds_and_csv_honour_page_and_page_size(api):
    """As documented: page_size items (rows) from page, pages of that size."""
    all_newest = newest(lambda d: True, len(DOCS))
    second = feedparser.parse(api.get("/feeds/search.atom",
                                      params={"page": 2, "page_size": 4}).content)
    assert [e.id for e in second.entries] == [feed_id(i) for i in all_newest[4:8]]
    text = api.get("/export/search.csv", params={"sort": "newest", "page": 3,
                                                 "page_size": 5}).content.decode()[1:]
    assert [row["id"] for row in csv.DictReader(io.StringIO(text))] == all_newest[10:15]
    past_the_end = api.get("/export/search.csv", params={"page": 99, "page_size": 100})
    assert past_the_end.status_code == 200 and len(past_the_end.content.splitlines()) == 1


def test_csv_cells_cannot_become_formulas(api):
    rows = list(csv.DictReader(io.StringIO(
        api.get("/export/search.csv", params={"q": "HYPERLINK"}).content.decode()[1:])))
    hostile = next(row for row in rows if row["id"] == HOSTILE_ID)
    assert hostile["title"].startswith("'=HYPERLINK(")
    assert hostile["skills"] == "'+cmd; SQL"


# -- the career-center page ---------------------------------------------------------------------


def test_career_center_page_turns_a_search_into_feed_urls(api):
    blank = api.get("/career-centers")
    assert blank.status_code == 200 and '<form class="feed-form"' in blank.text
    assert "Feed URLs" not in blank.text
    # An HTML form sends every field, the empty ones too.
    form = {"q": "", "arrangement": "remote", "paid": "", "pay_min": "", "hours_max": "40",
            "category": "", "skills": "", "country": "", "city": "", "posted_within_days": "",
            "duration_max_weeks": ""}
    page = api.get("/career-centers", params=form)
    assert page.status_code == 200
    keep = expected_ids(lambda d: remote(d) and (d["hours_per_week_max"] or 99) <= 40, DOCS)
    assert f"{len(keep)} postings match" in page.text
    rss_url = page.text.split('id="url-rss" href="')[1].split('"')[0].replace("&amp;", "&")
    assert dict(parse_qsl(urlsplit(rss_url).query)) == {"arrangement": "remote", "hours_max": "40"}
    feed = feedparser.parse(api.get(rss_url).content)
    assert {e.id.rsplit(":", 1)[1] for e in feed.entries} <= {
        "C-three" if i == CLUSTERED_ID else i for i in keep}
    assert len(feed.entries) == min(FEED_ITEMS, len(keep))


def test_career_center_page_explains_bad_input(api):
    page = api.get("/career-centers", params={"pay_min": "-5", "country": "USA"})
    assert page.status_code == 422
    assert 'role="alert"' in page.text and "pay_min" in page.text and "ISO 3166-1" in page.text
    assert 'value="USA"' in page.text  # the form keeps what was typed
