"""The student page's "Email me new matches" flow in real headless Chromium: offered only when
the server can send email; a search, an address, a confirmation mail at a real SMTP server
(aiosmtpd), the link followed in the browser, and the alert saved for exactly that search."""

from __future__ import annotations

import re

import httpx
import pytest

from index.alerts import AlertStore
from index.store import Store
from search_api.alerts_routes import configure
from search_api.app import create_app
from search_api.mail import MailSettings
from tests.alert_helpers import smtp_server, text_part
from tests.test_search_api_support import LISTINGS, indexed, serve
from tests.test_web import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def sites(meili, tmp_path_factory):
    """The same index served twice: with email alerts, and without (no SMTP configured)."""
    home = tmp_path_factory.mktemp("alerts-web")
    store = Store(f"sqlite:///{home / 'stint.db'}")
    with smtp_server() as smtp, indexed(meili, home, __name__, LISTINGS) as (settings, key):
        with_mail = create_app(settings.meili_url, key, settings.index_uid, store=store)
        without = create_app(settings.meili_url, key, settings.index_uid, store=store)
        with serve(with_mail) as url, serve(without) as plain_url:
            configure(with_mail, store, MailSettings.from_url(smtp.url, "alerts@stint.test"), url)
            configure(without, store, None, plain_url)
            yield {"url": url, "plain": plain_url, "smtp": smtp, "alerts": AlertStore(store)}
    store.close()


def test_subscribe_from_the_page_and_confirm(sites, browser, test_output):
    page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{sites['url']}/?q=marketing&arrangement=remote")
    page.wait_for_selector("#alert-box:not([hidden])")
    assert page.is_hidden("#alert-panel")
    page.click("#alert-open")
    page.fill("#alert-email", "ana@example.edu")
    page.select_option("#alert-every", "hourly")
    page.click("#alert-submit")
    page.wait_for_function("() => document.getElementById('alert-status').textContent.includes('inbox')")
    page.screenshot(path=str(test_output / "alerts-web-subscribed.png"))
    assert "arrangement=remote" in page.url  # the email fields are not part of the search

    (message,) = sites["smtp"].messages
    assert message["To"] == "ana@example.edu"
    link = re.search(r"(http://\S+/alerts/confirm\?token=\S+)", text_part(message))[1]
    page.goto(link)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Alert confirmed")
    (alert,) = sites["alerts"].all()
    assert (alert["status"], alert["every"], alert["query"]) == ("active", "hourly",
                                                                 "q=marketing&arrangement=remote")
    page.context.close()


def test_not_offered_without_smtp(sites, browser):
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{sites['plain']}/")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('postings')")
    page.wait_for_load_state("networkidle")
    assert page.is_hidden("#alert-box")
    assert httpx.get(f"{sites['plain']}/alerts/available").json()["email"] is False
    refused = httpx.post(f"{sites['plain']}/alerts", json={"email": "ana@example.edu", "search": ""})
    assert refused.status_code == 404 and "not available" in refused.text
    page.context.close()
