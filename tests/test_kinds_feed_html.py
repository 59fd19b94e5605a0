"""Kinds `feed` (RSS / Atom) and `html` (CSS / XPath selectors): real crawls of the fixture
sites in tests/fixtures/feed_html_server.py through `stint crawl`, plus the configuration rules
and the pure mapping functions."""

from __future__ import annotations

import pytest

from crawlers.sources import ConfigError, parse_sources
from normalize import normalize_raw
from normalize.formats.feed import feed_date
from normalize.formats.html import date_text, link_target
from tests.fixtures.feed_html_server import (
    ATOM_TITLES,
    BOARD_PAGES,
    GIGS,
    RSS_ITEMS,
    board_title,
    serve_feed_html,
)
from tests.fixtures.hostile_server import crawl, listings, runs_by_source

BOARD_FIELDS = {
    "title": "h1::text",
    "organization": ".company",
    "description": "div.description",
    "pay": "//dt[.='Pay']/following-sibling::dd[1]/text()",
    "deadline": "//dt[.='Deadline']/following-sibling::dd[1]",
    "employment_type": "//dt[.='Type']/following-sibling::dd[1]",
    "apply_url": "a.apply",
}


@pytest.fixture(scope="module")
def site():
    with serve_feed_html() as server:
        yield server


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    home = tmp_path_factory.mktemp("feed-html-home")
    sources = [
        {"name": "rss", "kind": "feed", "feed_urls": [site.url("/feeds/rss.xml")]},
        {"name": "atom", "kind": "feed", "feed_urls": [site.url("/feeds/atom.xml")]},
        {"name": "broken-feed", "kind": "feed", "feed_urls": [site.url("/feeds/broken.xml")]},
        {"name": "board", "kind": "html", "start_urls": [site.url("/board")],
         "item_selector": "li.job", "link_selector": "a.title", "page_param": "page",
         "fields": BOARD_FIELDS, "list_fields": {"location": ".loc::text"}},
        {"name": "gigs", "kind": "html", "start_urls": [site.url("/gigs")],
         "item_selector": "div.gig", "next_selector": "a.next",
         "fields": {"title": "h3", "organization": ".org", "location": "//span[@class='where']",
                    "pay": ".pay::text", "url": "a::attr(href)"}},
    ]
    result = crawl(home, sources)
    assert result.returncode == 0, result.stderr
    return home, result


def by_title(home, source):
    return {x["title"]: x for x in listings(home, source)}


def test_rss_entries_with_namespaced_extras(crawled, site):
    home, _ = crawled
    stored = by_title(home, "rss")
    assert sorted(stored) == sorted(item["title"] for item in RSS_ITEMS)
    first = stored["Data Entry Micro-Internship"]
    assert [(x["city"], x["region"], x["country"]) for x in first["locations"]] == [
        ("Boston", "MA", "US"), ("Chicago", "IL", "US")]  # both locations, not the last one
    assert first["url"] == site.url("/feeds/jobs/rss-1")
    assert first["organization"]["name"] == "Riverbend College Jobs"
    assert (first["pay"]["min"], first["pay"]["currency"], first["pay"]["period"]) == (18, "USD", "HOUR")
    assert first["deadline"] == "2026-12-15" and first["posted_at"] == "2026-11-02"
    assert first["employment_types"] == ["INTERN"] and first["arrangement"] == "onsite"
    remote = stored["Remote Research Assistant"]
    assert remote["arrangement"] == "remote" and remote["posted_at"] == "2026-11-03"
    assert remote["employment_types"] == ["CONTRACTOR"]
    hybrid = stored["Marketing Sprint (3 weeks)"]
    assert hybrid["arrangement"] == "hybrid" and hybrid["locations"][0]["country"] == "DE"
    assert (hybrid["pay"]["currency"], hybrid["pay"]["period"]) == ("EUR", "PROJECT")
    assert "<p>" in first["description_html"] and "Apply" in first["description_text"]


def test_atom_feed_follows_next_links(crawled):
    home, _ = crawled
    stored = by_title(home, "atom")
    assert sorted(stored) == sorted(ATOM_TITLES)
    one = stored["Atom UX Review Gig"]
    assert one["organization"]["name"] == "Northwind Agency"
    assert one["arrangement"] == "remote" and one["hours_per_week"]["max"] == 10
    assert one["posted_at"] == "2026-11-01"


def test_a_response_that_is_not_a_feed_is_counted(crawled):
    home, _ = crawled
    run = runs_by_source(home)["broken-feed"]
    assert run["stats"]["errors"] == {"bad_feed": 1}
    assert run["status"] == "partial"  # the board could not be read: nothing may expire


def test_html_list_and_detail_pages_with_page_param(crawled, site):
    home, _ = crawled
    stored = by_title(home, "board")
    numbers = sorted(n for page in BOARD_PAGES.values() for n in page)
    assert sorted(stored) == sorted(board_title(n) for n in numbers)
    one = stored[board_title(1)]
    assert one["organization"]["name"] == "Riverbend Analytics"
    assert (one["pay"]["min"], one["pay"]["max"], one["pay"]["period"]) == (20, 25, "HOUR")
    assert one["deadline"] == "2026-12-01"
    assert set(one["employment_types"]) >= {"INTERN", "PART_TIME"}
    assert one["apply_url"] == site.url("/apply/1")
    assert "<script" not in one["description_html"] and "Students welcome" in one["description_text"]
    assert one["locations"][0]["city"] == "Providence"  # from the list item
    assert stored[board_title(3)]["arrangement"] == "remote"
    # Page 4 repeats page 3 (nothing new): paging stops there, page 5 is never asked for.
    pages = {p for p in site.paths() if p.startswith("/board?")}
    assert pages == {"/board?page=2", "/board?page=3", "/board?page=4"}
    run = runs_by_source(home)["board"]
    assert run["status"] == "ok" and run["stats"]["stored"] == len(numbers)


def test_html_items_without_detail_pages_and_next_link(crawled, site):
    home, _ = crawled
    stored = by_title(home, "gigs")
    assert sorted(stored) == sorted(t for page in GIGS.values() for t in page)
    gig = stored["Gig Alpha Tester"]
    assert gig["organization"]["name"] == "Gig Co" and gig["url"] == site.url("/gigs/gig-alpha-tester")
    assert (gig["pay"]["min"], gig["pay"]["period"]) == (300, "PROJECT")
    assert gig["locations"][0]["region"] == "CO"
    assert len({x["id"] for x in stored.values()}) == 3


# -- configuration ---------------------------------------------------------------------------

HTML = '[[source]]\nname = "h"\nkind = "html"\nstart_urls = ["http://127.0.0.1:9/"]\n'


@pytest.mark.parametrize(("extra", "message"), [
    ("", r"needs a fields table"),
    ('[source.fields]\nname = "h1"\n', r"fields: unknown field 'name'"),
    ('[source.fields]\ntitle = "h1[["\n', r"fields.title is not a valid CSS selector"),
    ('[source.fields]\ntitle = "//h1[@"\n', r"fields.title is not a valid XPath selector"),
    ('[source.fields]\nlocation = ".loc"\n', r"needs a title selector"),
    ('next_selector = "a"\npage_param = "p"\n[source.fields]\ntitle = "h1"\n',
     r"next_selector or page_param, not both"),
    ('[source.fields]\ntitle = "h1"\n[source.list_fields]\nlocation = "x"\n',
     r"list_fields needs item_selector and link_selector"),
    ('item_selector = "li[["\n[source.fields]\ntitle = "h1"\n', r"item_selector is not a valid"),
    ('[source.fields]\ntitle = 3\n', r"fields.title must be a non-empty string"),
    ('fields = "h1"\n', r"'fields' must be dict"),
])
def test_html_configuration_is_strict(extra, message):
    with pytest.raises(ConfigError, match=message):
        parse_sources(HTML + extra, "s.toml")


def test_feed_needs_urls_and_takes_common_keys():
    with pytest.raises(ConfigError, match="needs feed_urls"):
        parse_sources('[[source]]\nname = "f"\nkind = "feed"\n', "s.toml")
    with pytest.raises(ConfigError, match="cannot render"):
        parse_sources('[[source]]\nname = "f"\nkind = "feed"\nfeed_urls = ["x"]\nrender = true\n')
    ok = parse_sources('[[source]]\nname = "f"\nkind = "feed"\nfeed_urls = ["x"]\ntimeout = 5\n')
    assert ok.sources[0].timeout == 5


# -- pure mapping ----------------------------------------------------------------------------


def test_feed_entry_with_flat_namespaced_keys():
    """Without the extensions tree (XML that lxml could not match item for item), feedparser's
    flat keys still give the place."""
    payload = {"title": "Flat Analyst", "link": "/j/1", "id": "x1", "tt_city": "Helsinki",
               "tt_country": "Finland", "remotestatus": "hybrid",
               "published": "Fri, 04 Sep 2026 00:30:00 +0300",
               "feed": {"title": "UpCo", "namespaces": {"tt": "https://example.com/tt"}}}
    listing = normalize_raw({"source": "s", "kind": "feed", "url": "http://h/feed",
                             "fetched_at": "2026-09-05T00:00:00+00:00", "payload": payload})
    assert listing.locations[0].country == "FI" and listing.arrangement == "hybrid"
    assert listing.posted_at == "2026-09-04"  # its own calendar day, not UTC's
    assert listing.url == "http://h/j/1" and listing.organization.name == "UpCo"


def test_html_value_helpers():
    assert link_target('<a class="x" href="/apply?a=1&amp;b=2">Go</a>') == "/apply?a=1&b=2"
    assert link_target("/plain") == "/plain" and link_target("<span>no</span>") is None
    assert date_text("Deadline: 2026-12-01") == "2026-12-01"
    assert date_text("Apply by March 3, 2026") == "2026-03-03"
    assert feed_date("2026-11-02T12:00:00Z") == "2026-11-02"


def test_html_payload_without_title_is_rejected():
    from normalize import NormalizeError

    with pytest.raises(NormalizeError, match="no title"):
        normalize_raw({"source": "s", "kind": "html", "url": "http://h/", "fetched_at":
                       "2026-11-01T00:00:00+00:00", "payload": {"fields": {"pay": ["$5"]}}})
