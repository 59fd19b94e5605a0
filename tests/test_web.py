"""The student page end to end in real headless Chromium (Debian's, driven by Playwright).

A student types a query, applies a facet, opens a listing, comes back and follows the feed link;
the same from the keyboard alone; the page on a phone-sized screen. Hostile listings prove that
nothing in a title, organization, description or snippet runs in the browser, and that the page's
own guard holds even when the API sends markup it should not. Screenshots go to test-output/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import feedparser
import httpx
import pytest

from search_api.app import create_app
from tests.test_search_api_support import LISTINGS, indexed, make_listing, serve

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
PAYLOAD = "window.__pwned=1;document.title='pwned'"
HOSTILE_ID = "L666"
TIMEOUT_MS = 10_000


def hostile_listing() -> dict:
    listing = make_listing(666)
    listing.update(
        id=HOSTILE_ID,
        title=f'Evil gig <img src=x onerror="{PAYLOAD}"><script>{PAYLOAD}</script>',
        organization={"name": f'<b onmouseover="{PAYLOAD}">Evil Org</b>'},
        description_html=(f'<p>Evil gig details</p><script>{PAYLOAD}</script>'
                          f'<img src=x onerror="{PAYLOAD}"><svg onload="{PAYLOAD}"></svg>'
                          f'<a href="javascript:{PAYLOAD}">click</a>'),
        description_text=f'Evil gig details <script>{PAYLOAD}</script> <img src=x onerror="{PAYLOAD}">',
        apply_url=f"javascript:{PAYLOAD}",
    )
    listing["sources"] = [{"source": "evil", "url": f"javascript:{PAYLOAD}"},
                          {"source": f"<img src=x onerror=\"{PAYLOAD}\">", "url": "https://hub.test/e"}]
    return listing


@pytest.fixture(scope="module")
def site(meili, tmp_path_factory) -> Iterator[str]:
    listings = [*LISTINGS, hostile_listing()]
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, listings) as (settings, key):
        with serve(create_app(settings.meili_url, key, settings.index_uid)) as url:
            yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def api_search(site: str, **params) -> dict:
    return httpx.get(f"{site}/search", params={"page_size": 20, **params}).json()


def wait_for_status(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('status').textContent.includes(t)", arg=text)


def card_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#hits .card a.title", "links => links.map(a => a.getAttribute('href').split('/').pop())")


def test_type_filter_open_and_follow_the_feed(site, page, test_output):
    page.goto(f"{site}/")
    total = api_search(site)["total"]
    wait_for_status(page, f"{total} postings")

    page.locator("#q").press_sequentially("marketing", delay=40)  # instant search, debounced
    typed = api_search(site, q="marketing")
    wait_for_status(page, f"{typed['total']} postings for “marketing”")
    assert card_ids(page) == [f"{hit['id']}.html" for hit in typed["hits"]]
    assert page.locator("#hits .card a.title mark").count() >= 1
    page.screenshot(path=str(test_output / "web-1-typed.png"))

    page.check("#f-remote")  # a facet
    remote = api_search(site, q="marketing", arrangement="remote")
    assert 0 < remote["total"] < typed["total"]
    wait_for_status(page, f"{remote['total']} postings")
    assert card_ids(page) == [f"{hit['id']}.html" for hit in remote["hits"]]
    assert all(text.startswith("remote") for text in page.locator("#hits .card li.where").all_text_contents())
    assert "arrangement=remote" in page.url
    feed_href = page.get_attribute("#feed-link", "href")
    assert feed_href == "/feeds/search.rss?q=marketing&arrangement=remote"
    page.screenshot(path=str(test_output / "web-2-facet.png"))

    first = remote["hits"][0]
    page.click("#hits .card a.title >> nth=0")  # open a listing
    page.wait_for_url(f"**/listings/{first['id']}.html")
    assert page.text_content("h1") == first["title"]
    posting = json.loads(page.text_content("script[type='application/ld+json']"))
    assert posting["@type"] == "JobPosting" and posting["identifier"]["value"] == first["id"]
    page.screenshot(path=str(test_output / "web-3-listing.png"), full_page=True)

    page.go_back()  # the search comes back from the URL
    wait_for_status(page, f"{remote['total']} postings")
    assert page.is_checked("#f-remote") and page.input_value("#q") == "marketing"

    with page.expect_response(lambda r: "/feeds/search.rss" in r.url) as feed_response:
        page.click("#feed-link")  # follow the feed link
    response = feed_response.value
    assert response.status == 200 and response.headers["content-type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo
    assert {entry.id.rsplit(":", 1)[1] for entry in feed.entries} == {
        hit["id"] for hit in api_search(site, q="marketing", arrangement="remote", page_size=100)["hits"]}
    page.screenshot(path=str(test_output / "web-4-feed.png"))
    assert page.dialogs == []


def test_keyboard_only(site, page):
    page.goto(f"{site}/")
    wait_for_status(page, "postings")
    page.keyboard.type("intern")  # the search box has the focus on arrival
    wait_for_status(page, "for “intern”")
    page.keyboard.press("Tab")  # the filters' fold toggle shows on phones only
    assert page.evaluate("document.activeElement.id") == "f-paid"
    page.keyboard.press("Space")
    paid = api_search(site, q="intern", paid="true")
    assert 1 < paid["total"] < api_search(site, q="intern")["total"]
    wait_for_status(page, f"{paid['total']} postings")
    assert card_ids(page) == [f"{hit['id']}.html" for hit in paid["hits"]]
    page.keyboard.press("/")  # back to the search box
    assert page.evaluate("document.activeElement.id") == "q"
    # Focus reaches a result and Enter opens it.
    page.focus("#hits .card a.title >> nth=0")
    page.keyboard.press("Enter")
    page.wait_for_url("**/listings/*.html")


def test_readable_on_a_phone(site, browser, test_output):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{site}/?q=data&paid=true")
        wait_for_status(page, "postings")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
        assert not page.is_visible("#f-paid")  # filters folded: results first
        page.screenshot(path=str(test_output / "web-5-phone.png"))
        page.click("#filters-toggle")
        assert page.is_checked("#f-paid")  # restored from the URL
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.card')).fontSize)")
        assert font >= 16
        page.screenshot(path=str(test_output / "web-5-phone-filters.png"))
    finally:
        context.close()


def assert_nothing_ran(page, title: str) -> None:
    page.wait_for_timeout(300)  # give an injected onerror time to fire
    assert page.evaluate("window.__pwned") is None
    assert page.title() == title
    assert page.dialogs == []


def test_hostile_listing_runs_nothing(site, page, test_output):
    page.goto(f"{site}/?q=evil")
    wait_for_status(page, "for “evil”")
    card = page.locator(f"#hits .card:has(a[href='/listings/{HOSTILE_ID}.html'])")
    assert "<img src=x" in card.locator("a.title").text_content()  # shown as text
    assert card.locator("img, script, svg, b").count() == 0
    assert card.locator("a.title mark").count() >= 1  # the highlight survives
    assert card.locator("p.sources a").all_text_contents() == ['<img src=x onerror="' + PAYLOAD + '">']
    assert_nothing_ran(page, "Stint — short paid gigs and micro-internships")
    page.screenshot(path=str(test_output / "web-6-hostile-card.png"))

    card.locator("a.title").click()
    page.wait_for_url(f"**/listings/{HOSTILE_ID}.html")
    assert page.locator("main img, main svg, main script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.text_content(".description") .strip().startswith("About this posting")
    assert_nothing_ran(page, hostile_listing()["title"] + " — " + hostile_listing()["organization"]["name"])
    page.screenshot(path=str(test_output / "web-7-hostile-listing.png"), full_page=True)


def test_page_guard_holds_when_the_api_misbehaves(site, page):
    """Even if the API sent raw markup in the highlight fields, the page shows it as text."""
    bad = {"query": "x", "page": 1, "page_size": 20, "total": 1, "total_pages": 1, "facets": {},
           "processing_ms": 1,
           "hits": [{"id": "X1", "title": "T", "organization": {"name": "O"}, "arrangement": "remote",
                     "_formatted": {"title": f'<img src=x onerror="{PAYLOAD}">',
                                    "description_text": f"<mark>ok</mark><script>{PAYLOAD}</script>"},
                     "description_text": "plain", "sources": [{"url": f"javascript:{PAYLOAD}"}]}]}
    page.route("**/search?**", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(bad)))
    page.goto(f"{site}/?q=x")
    wait_for_status(page, "1 posting")
    assert page.text_content("#hits a.title") == "T"  # fell back to the plain title
    assert page.text_content("#hits p.snippet") == "plain"
    assert page.locator("#hits img, #hits script, #hits p.sources").count() == 0
    assert_nothing_ran(page, "Stint — short paid gigs and micro-internships")


# -- the API documentation pages, from the package, under a CSP ---------------------------------


@pytest.mark.parametrize("path, ready", [("/docs", ".opblock-summary-path"),
                                         ("/redoc", "[data-section-id]")])
def test_docs_pages_load_from_this_origin_under_a_csp(site, page, path, ready):
    origins, problems = set(), []
    page.on("response", lambda response: origins.add(response.url.split("/")[2]))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    response = page.goto(f"{site}{path}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    page.wait_for_selector(ready)
    assert page.locator(ready).count() >= 10  # every operation is drawn
    assert origins == {site.split("/")[2]}  # nothing from a CDN
    # The one thing the CSP stops is ReDoc's "powered by" logo image from its vendor's CDN.
    refused = [p for p in problems if "Content Security Policy" in p]
    assert all("img-src" in p and "redoc" in p for p in refused), problems


# -- layout stability and contrast --------------------------------------------------------------

CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 1500);
})"""


@pytest.mark.parametrize("viewport", [{"width": 1200, "height": 900}, {"width": 390, "height": 844}],
                         ids=["wide", "phone"])
def test_results_load_without_shifting_the_layout(site, browser, viewport):
    """Lighthouse's Cumulative Layout Shift, measured the way it does (layout-shift entries)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(f"{site}/")
        wait_for_status(page, "postings")
        shift = page.evaluate(CLS_SCRIPT)
        print(f"CLS {viewport['width']}px: {shift:.4f}")
        assert shift < 0.1, shift
    finally:
        context.close()


def _luminance(rgb: str) -> float:
    channels = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_highlighted_matches_meet_wcag_aa_contrast(site, page):
    page.goto(f"{site}/?q=marketing")
    wait_for_status(page, "postings")
    colours = page.eval_on_selector_all("#hits mark", """marks => marks.map(m => {
        const s = getComputedStyle(m); return [s.color, s.backgroundColor]; })""")
    assert colours
    for fg, bg in colours:
        light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (fg, bg)
