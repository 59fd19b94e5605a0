"""Pay across currencies: the reference rates table (index.rates), the index documents' US-dollar
hourly pay, and pay_min / sort=pay on a real Meilisearch comparing amounts, not numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from index import rates
from index.documents import to_document
from search_api.app import create_app
from tests.test_search_api_support import indexed, make_listing, serve

ROOT = Path(__file__).resolve().parents[1]

# The ECB's layouts, with made-up test values (units per euro).
ECB_CSV = ("Date, USD, JPY, GBP, INR, CAD, \n"
           "04 December 2026, 1.25, 170.0, 0.80, 100.0, 1.50, \n")
ECB_XML = """<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
                 xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
  <gesmes:subject>Reference rates</gesmes:subject>
  <Cube><Cube time="2026-12-04">
    <Cube currency="USD" rate="1.25"/><Cube currency="INR" rate="100.0"/>
    <Cube currency="GBP" rate="0.80"/>
  </Cube></Cube>
</gesmes:Envelope>"""


@pytest.fixture(autouse=True)
def shipped_rates():
    rates.use(None)
    yield
    rates.use(None)


def test_the_shipped_table_is_dated_and_converts():
    table = rates.active()
    assert table.day == "2024-11-25" and {"USD", "EUR", "GBP", "INR", "CAD"} <= set(table.per_euro)
    assert table.to_usd(20, "USD") == 20
    assert 4 < table.to_usd(400, "INR") < 6  # ₹400 an hour is about five dollars
    assert 20 < table.to_usd(20, "GBP") < 30 and 12 < table.to_usd(20, "CAD") < 16
    assert table.to_usd(20, None) is None and table.to_usd(20, "XXX") is None
    assert table.to_usd(None, "EUR") is None


@pytest.mark.parametrize("text", [ECB_CSV, ECB_XML], ids=["csv", "xml"])
def test_the_ecb_files_are_read(text):
    table = rates.parse(text, "test")
    assert table.day == "2026-12-04"
    assert table.to_usd(100, "INR") == 1.25 and table.to_usd(8, "GBP") == 12.5
    assert table.to_usd(10, "EUR") == 12.5
    assert rates.parse(table.to_csv()) == rates.Rates(table.day, table.per_euro)


@pytest.mark.parametrize("text, message", [
    ("Date, JPY\n2026-12-04, 170\n", "no USD"),
    ("Date, USD\n2026-12-04, -1\n", "not a positive number"),
    ("Date, USD\nyesterday, 1.1\n", "unreadable date"),
    ("USD;JPY\n1;2\n", "ECB CSV layout"),
    ("<Envelope><Cube/></Envelope>", "no <Cube time"),
])
def test_unreadable_files_say_why(text, message):
    with pytest.raises(rates.RatesError, match=message):
        rates.parse(text, "file.csv")


def test_documents_carry_usd_pay_at_the_rates_in_use():
    listing = make_listing(0)
    listing["pay"].update(currency="INR", hourly_min=400.0, hourly_max=500.0)
    doc = to_document(listing)
    assert doc["pay_hourly_min"] == 400 and 4 < doc["pay_hourly_min_usd"] < 6
    rates.use(rates.parse(ECB_CSV))
    doc = to_document(listing)
    assert doc["pay_hourly_min_usd"] == 5.0 and doc["pay_hourly_max_usd"] == 6.25


def test_cli_imports_and_shows_rates(tmp_path):
    ecb = tmp_path / "eurofxref-daily.xml"
    ecb.write_text(ECB_XML)
    home = tmp_path / "home"

    def stint(*args):
        return subprocess.run([sys.executable, "-m", "stint", "--home", str(home), *args],
                              capture_output=True, text=True, timeout=60, cwd=ROOT)

    assert "2024-11-25" in stint("rates", "show").stdout  # the shipped table
    done = stint("rates", "import", str(ecb))
    assert done.returncode == 0 and "stint reindex" in done.stderr
    shown = stint("rates", "show").stdout
    assert "2026-12-04" in shown and "INR" in shown
    bad = tmp_path / "bad.csv"
    bad.write_text("Date, USD\nsoon, 1\n")
    refused = stint("rates", "import", str(bad))
    assert refused.returncode == 2 and "unreadable date" in refused.stderr


# -- pay_min and sort=pay on a real index -------------------------------------------------------

PAYS = {"inr": ("INR", 400.0), "usd": ("USD", 20.0), "eur": ("EUR", 15.0),
        "gbp": ("GBP", 12.0), "usd-low": ("USD", 8.0), "unknown": (None, 30.0)}


@pytest.fixture(scope="module")
def api(meili, tmp_path_factory):
    listings = []
    for i, (key, (currency, hourly)) in enumerate(PAYS.items()):
        listing = make_listing(i * 3)  # paid ones
        listing.update(id=f"pay-{key}")
        listing["pay"].update(currency=currency, hourly_min=hourly, hourly_max=hourly,
                              min=hourly, max=hourly, period="HOUR", paid=True)
        listings.append(listing)
    with indexed(meili, tmp_path_factory.mktemp("home"), __name__, listings) as (settings, key):
        with serve(create_app(settings.meili_url, key, settings.index_uid)) as url:
            with httpx.Client(base_url=url, timeout=10) as client:
                yield client


def test_pay_min_compares_dollars_not_numbers(api):
    found = {hit["id"] for hit in api.get("/search", params={"pay_min": 10}).json()["hits"]}
    # ₹400/h is about $5: it no longer beats $20/h; an unknown currency cannot be compared.
    assert found == {"pay-usd", "pay-eur", "pay-gbp"}


def test_sort_by_pay_ranks_by_dollars(api):
    hits = api.get("/search", params={"sort": "pay", "page_size": 10}).json()["hits"]
    order = [hit["id"] for hit in hits]
    assert order[:5] == ["pay-usd", "pay-eur", "pay-gbp", "pay-usd-low", "pay-inr"]
    assert order[-1] == "pay-unknown"  # no dollar value: last
    inr = next(hit for hit in hits if hit["id"] == "pay-inr")
    assert inr["pay"]["currency"] == "INR" and 4 < inr["pay_hourly_min_usd"] < 6
    assert api.get("/search", params={"pay_min": 1}).json()["total"] == 5


def test_currency_is_a_filter_of_its_own(api):
    for params, expected in (({"currency": "inr"}, {"pay-inr"}),
                             ({"currency": ["USD", "EUR"]}, {"pay-usd", "pay-usd-low", "pay-eur"}),
                             ({"currency": "USD", "pay_min": 10}, {"pay-usd"})):
        hits = api.get("/search", params=params).json()["hits"]
        assert {hit["id"] for hit in hits} == expected, params
    assert api.get("/search", params={"currency": "US"}).status_code == 422


@pytest.mark.browser
def test_cards_show_the_dollar_equivalent(api):
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.test_web import CHROMIUM, CHROMIUM_ARGS

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{api.base_url}/?sort=pay")
            page.wait_for_selector("#hits .card")
            pays = page.locator("#hits .card li.pay").all_text_contents()
        finally:
            browser.close()
    inr = next(text for text in pays if "INR" in text)
    assert "(≈ US$4.75/h)" in inr, pays  # 400 / 88.4595 × 1.0495 at the shipped rates
    assert not any("US$" in text for text in pays if "USD" in text)
