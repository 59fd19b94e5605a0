"""Alerts end to end with real parts: the sample career sites crawled by `stint crawl` into a
real Meilisearch, the API served by uvicorn, `stint alerts` run as the CLI, an aiosmtpd server
receiving the mail, and a webhook receiver verifying signatures with `standardwebhooks`.

The acceptance path: `stint alerts add` + the confirmation link + `stint alerts run` deliver
one digest holding exactly what /search shows for the saved search; a second run sends
nothing; after the next crawl, a new matching posting is sent once and a new copy of an
opening already sent is not. Unsubscribe works with one RFC 8058 POST and with the link.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from crawlers.sources import dump_sources
from index.alerts import AlertStore
from index.meili import MeiliIndex
from index.store import Store
from search_api.alerts_routes import configure
from search_api.app import create_app
from search_api.mail import MailSettings
from stint import alerts as runner
from stint.demo import serve as serve_sample_sites
from tests.alert_helpers import WebhookReceiver, smtp_server, text_part, webhook_receiver
from tests.test_search_api_support import new_keys_deleted, serve

QUERY = "q=data&arrangement=remote&micro_only=true"
STUDENT = "student@example.edu"
SENDER = "Stint alerts <alerts@stint.test>"


def run_stint(env: dict[str, str], home: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "stint", "--home", str(home), *args],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


class ExtraSite:
    """One more career site for the "next crawl": JSON-LD pages put up during the test."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/jobs":
                    body = "".join(f'<a class="job" href="{p}">{p}</a>' for p in site.pages)
                    page = f"<html><body>{body}</body></html>"
                elif self.path in site.pages:
                    page = site.pages[self.path]
                else:
                    self.send_error(404)
                    return
                data = page.encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, path: str, posting: dict) -> None:
        self.pages[path] = ('<html><head><script type="application/ld+json">'
                            f"{json.dumps(posting)}</script></head><body></body></html>")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def world(meili, tmp_path_factory):
    """The sample sites crawled and indexed, the API with alerts on, an SMTP server."""
    home = tmp_path_factory.mktemp("alerts-home")
    uid = "t_" + hashlib.sha1(__name__.encode()).hexdigest()[:16]
    with smtp_server() as smtp, serve_sample_sites() as network:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MEILI_", "STINT_"))}
        env.update(MEILI_URL=meili.url, MEILI_MASTER_KEY=meili.master_key or "", STINT_INDEX=uid,
                   STINT_SMTP_URL=smtp.url, STINT_MAIL_FROM=SENDER)
        config = home / "sources.toml"
        config.write_text(dump_sources(network.sources()))
        run_stint(env, home, "crawl", "--config", str(config), "--progress", "0")
        index = MeiliIndex(meili.url, meili.master_key, uid)
        store = Store(f"sqlite:///{home / 'stint.db'}")
        with new_keys_deleted(index):
            app = create_app(meili.url, index.search_key(), uid, store=store)
            with serve(app) as api:
                env["STINT_PUBLIC_URL"] = api
                configure(app, store, MailSettings.from_url(smtp.url, SENDER), api)
                yield {"home": home, "env": env, "api": api, "smtp": smtp, "store": store,
                       "search": runner.meili_search(meili.url, meili.master_key, uid)}
        store.close()
        index.client.wait_for_task(index.client.delete_index(uid).task_uid)


def search_ids(api: str, query: str) -> set[str]:
    found = httpx.get(f"{api}/search?{query}&page_size=100").json()
    assert found["total"] <= 100
    return {hit["id"] for hit in found["hits"]}


def digest_ids(message) -> list[str]:
    return re.findall(r"/listings/([A-Za-z0-9_-]+)\.html", text_part(message))


def confirm_by_link(api: str, message) -> str:
    """Follow the confirmation link as a person does: open it, press the button."""
    link = re.search(r"(http://\S+/alerts/confirm\?token=\S+)", text_part(message))[1]
    page = httpx.get(link)
    assert page.status_code == 200 and "<form method=\"post\"" in page.text
    confirmed = httpx.post(link)
    assert confirmed.status_code == 200 and "Alert confirmed" in confirmed.text
    return link


def test_add_confirm_run_deliver_once_then_new_only(world, test_output):
    api, env, home, smtp = world["api"], world["env"], world["home"], world["smtp"]
    added = run_stint(env, home, "alerts", "add", "--email", STUDENT, "--query", QUERY,
                      "--every", "daily")
    alert_id = int(re.search(r"alert (\d+):", added.stdout)[1])
    assert len(smtp.messages) == 1
    confirmation = smtp.messages[0]
    assert confirmation["To"] == STUDENT and "Confirm" in confirmation["Subject"]

    # Nothing before confirmation.
    early = runner.run_alerts(AlertStore(world["store"]), runner.Delivery(
        search=world["search"], mail=MailSettings.from_url(smtp.url, SENDER), public_url=api),
        force=True)
    assert early.alerts == 0 and len(smtp.messages) == 1

    link = confirm_by_link(api, confirmation)
    assert httpx.post(link).status_code == 410  # the link works once

    ran = run_stint(env, home, "alerts", "run")
    assert "1 emails" in ran.stderr, ran.stderr
    assert len(smtp.messages) == 2
    rcpts, digest, raw = smtp.received[1]
    assert rcpts == [STUDENT]
    expected = search_ids(api, QUERY)
    assert len(expected) >= 3
    assert sorted(digest_ids(digest)) == sorted(expected)  # what /search shows, each once
    unsubscribe = re.fullmatch(r"<(http://\S+/alerts/unsubscribe\?token=\S+)>",
                               digest["List-Unsubscribe"])[1]
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert digest.get_content_type() == "multipart/alternative"
    assert unsubscribe in text_part(digest) and "/alerts/manage?token=" in text_part(digest)
    (test_output / "alerts-digest.eml").write_bytes(raw)

    # A second run sends nothing, due or not.
    run_stint(env, home, "alerts", "run", "--force")
    assert len(smtp.messages) == 2

    # The next crawl: one new matching posting, and a copy of an opening already sent.
    store = world["store"]
    sent_id = digest_ids(digest)[0]
    member = next(x for x in store.iter_listings() if x["cluster_id"] == sent_id)
    original = next(r for r in store.iter_raw() if r["url"] == _page_url(store, member["id"]))
    copy = dict(original["payload"])
    new = dict(original["payload"], title="Data Labeling Micro-Internship (Remote)",
               hiringOrganization={"@type": "Organization", "name": "Quillfeather Analytics"})
    new.pop("url", None)
    new.pop("identifier", None)
    extra = ExtraSite()
    try:
        extra.put("/jobs/copy", copy)
        extra.put("/jobs/new", new)
        config = home / "extra.toml"
        config.write_text(dump_sources([{"name": "extra", "kind": "jsonld",
                                         "start_urls": [f"{extra.url}/jobs"],
                                         "link_selector": "a.job"}]))
        run_stint(env, home, "crawl", "--config", str(config), "--progress", "0")
    finally:
        extra.close()
    now_matching = search_ids(api, QUERY)
    added_ids = now_matching - expected
    assert len(added_ids) == 1, "the new posting matches; the copy joined its opening"
    assert sent_id in now_matching

    ran = run_stint(env, home, "alerts", "run", "--force")
    assert len(smtp.messages) == 3, ran.stderr
    assert digest_ids(smtp.messages[2]) == sorted(added_ids)
    assert "1 new posting match" in text_part(smtp.messages[2])
    run_stint(env, home, "alerts", "run", "--force")
    assert len(smtp.messages) == 3

    # RFC 8058: one POST to the List-Unsubscribe URL, as a mail client sends it.
    done = httpx.post(unsubscribe, content=b"List-Unsubscribe=One-Click",
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert done.status_code == 200 and "Unsubscribed" in done.text
    assert AlertStore(store).get(alert_id)["status"] == "unsubscribed"


def _page_url(store: Store, listing_id: str) -> str:
    import sqlalchemy as sa

    from index.store import listings

    with store.engine.connect() as conn:
        return conn.execute(sa.select(listings.c.page_url).where(listings.c.id == listing_id)).scalar()


def test_unsubscribe_link_page_and_manage_page(world):
    api, smtp = world["api"], world["smtp"]
    before = len(smtp.messages)
    answer = httpx.post(f"{api}/alerts", json={"email": "link@example.edu", "search": "q=research",
                                                "every": "hourly"})
    assert answer.status_code == 202, answer.text
    confirm_by_link(api, smtp.messages[before])
    alerts = AlertStore(world["store"])
    alert = next(a for a in alerts.all() if a["address"] == "link@example.edu")
    delivery = runner.Delivery(search=world["search"], mail=MailSettings.from_url(smtp.url, SENDER),
                               public_url=api)
    report = runner.run_alerts(alerts, delivery)
    assert report.emails == 1
    digest = smtp.messages[-1]
    link = re.search(r"Unsubscribe from this alert \(one click\): (\S+)", text_part(digest))[1]
    manage = re.search(r"Manage your alerts: (\S+)", text_part(digest))[1]
    page = httpx.get(manage)
    assert page.status_code == 200 and "link@example.edu" in page.text and "research" in page.text
    shown = httpx.get(link)  # a link scanner's GET changes nothing
    assert shown.status_code == 200 and "<button" in shown.text
    assert alerts.get(alert["id"])["status"] == "active"
    action = re.search(r'<form method="post" action="([^"]+)"', shown.text)[1].replace("&amp;", "&")
    pressed = httpx.post(api + action, data={"List-Unsubscribe": "One-Click"})
    assert pressed.status_code == 200 and "Unsubscribed" in pressed.text
    assert alerts.get(alert["id"])["status"] == "unsubscribed"
    assert "unsubscribed" in httpx.get(manage).text
    assert httpx.get(f"{api}/alerts/unsubscribe?token={'x' * 32}").status_code == 404


def test_subscribe_rate_limits_and_validation(world):
    api, smtp = world["api"], world["smtp"]
    app_alerts = AlertStore(world["store"])
    before = len(smtp.messages)
    bad = httpx.post(f"{api}/alerts", json={"email": "not an address", "search": QUERY})
    assert bad.status_code == 422
    bad = httpx.post(f"{api}/alerts", json={"email": "a@example.edu", "search": "countri=US"})
    assert bad.status_code == 422 and "countri" in bad.text
    codes = [httpx.post(f"{api}/alerts", json={"email": "same@example.edu", "search": QUERY}).status_code
             for _ in range(4)]
    assert codes == [202, 202, 202, 429]  # 3 an hour per address
    codes = [httpx.post(f"{api}/alerts", json={"email": f"x{i}@example.edu", "search": QUERY}).status_code
             for i in range(8)]
    assert 429 in codes and codes.index(429) >= 1  # 10 an hour per client IP, all told
    pending = [a for a in app_alerts.all() if a["address"] == "same@example.edu"]
    assert len(pending) == 3 and all(a["status"] == "pending" for a in pending)
    assert len(smtp.messages) - before == 3 + codes.index(429)


def test_webhook_signed_retried_then_disabled(world, test_output):
    alerts = AlertStore(world["store"])
    receiver = WebhookReceiver(statuses=[500])
    with webhook_receiver(receiver):
        alert, _ = alerts.create("webhook", receiver.url, "q=research&micro_only=true", "hourly")
        receiver.secret = alert["secret"]
        assert alert["secret"].startswith("whsec_") and alert["status"] == "active"
        with httpx.Client() as http:
            delivery = runner.Delivery(search=world["search"], http=http, public_url=world["api"])
            t0 = datetime.now(UTC)
            first = runner.run_alerts(alerts, delivery, now=t0)
            assert first.webhooks == 0 and first.failed and "HTTP 500" in first.failed[0]
            assert alerts.get(alert["id"])["failures"] == 1
            assert runner.run_alerts(alerts, delivery, now=t0 + timedelta(seconds=10)).alerts == 0
            second = runner.run_alerts(alerts, delivery, now=t0 + timedelta(seconds=61))
            assert second.webhooks == 1 and second.sent > 0
    failed, delivered = receiver.deliveries
    assert delivered["error"] is None, delivered["error"]  # verified by standardwebhooks
    assert failed["headers"]["webhook-id"] == delivered["headers"]["webhook-id"]  # a retry
    assert delivered["headers"]["webhook-signature"].startswith("v1,")
    payload = delivered["payload"]
    assert payload["type"] == "listings.matched" and payload["data"]["alert_id"] == alert["id"]
    ids = [card["id"] for card in payload["data"]["listings"]]
    assert set(ids) == search_ids(world["api"], "q=research&micro_only=true")
    assert all(card["apply_urls"] for card in payload["data"]["listings"])
    tampered = WebhookReceiver(alert["secret"]).verify(delivered["headers"],
                                                       delivered["body"].replace(b"research", b"Research"))
    assert tampered[1] and "signature" in tampered[1].lower()
    (test_output / "alerts-webhook.json").write_text(json.dumps(
        {"headers": {k: v for k, v in delivered["headers"].items() if k.startswith(("webhook-", "content-"))},
         "verified": delivered["error"] is None, "body": payload}, indent=2))

    # An endpoint that keeps failing is disabled after the retries and shown as such.
    dead = WebhookReceiver(statuses=[503] * 20)
    with webhook_receiver(dead), httpx.Client() as http:
        broken, _ = alerts.create("webhook", dead.url, "q=data", "daily")
        delivery = runner.Delivery(search=world["search"], http=http)
        moment = datetime.now(UTC)
        for delay in [timedelta(0), *runner.RETRY_DELAYS]:
            moment += delay + timedelta(seconds=1)
            runner.run_alerts(alerts, delivery, now=moment)
    assert len(dead.deliveries) == len(runner.RETRY_DELAYS) + 1
    assert alerts.get(broken["id"])["status"] == "disabled"
    listed = run_stint(world["env"], world["home"], "alerts", "list").stdout
    assert re.search(r"#\d+\s+email\s+unsubscribed\s+daily.*student@example.edu", listed), listed
    tries = len(runner.RETRY_DELAYS) + 1
    assert f"disabled after {tries} failed deliveries: POST {dead.url}: HTTP 503" in listed


def test_schedule_runs_due_alerts(world, monkeypatch, tmp_path):
    from index.settings import Settings
    from stint.scheduler import run_scheduler

    alerts = AlertStore(world["store"])
    receiver = WebhookReceiver()
    with webhook_receiver(receiver):
        alert, _ = alerts.create("webhook", receiver.url, "q=marketing", "daily")
        receiver.secret = alert["secret"]
        for name, value in world["env"].items():
            if name.startswith(("MEILI_", "STINT_")):
                monkeypatch.setenv(name, value)
        sources = tmp_path / "sources.toml"
        sources.write_text("")  # no source: the tick only finds the alert due
        run_scheduler(Settings.load(home=world["home"]), str(sources), tick=0.1, max_ticks=1)
    assert len(receiver.deliveries) == 1 and receiver.deliveries[0]["error"] is None
    assert alerts.get(alert["id"])["last_run_at"] is not None
