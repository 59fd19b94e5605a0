"""Alerts' state in the store (SQLite and a real PostgreSQL), the saved-search helpers, the
"new" rule, Standard Webhooks signing and the messages, without a server."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email import policy

import pytest
from standardwebhooks import Webhook

from index.alerts import AlertStore, parse
from search_api.alerts import (
    AlertInputError,
    canonical,
    check_email,
    check_webhook_url,
    describe,
    parse_search,
)
from search_api.mail import MailConfigError, MailSettings, digest_message
from stint.alerts import new_matches, sign
from tests.alert_helpers import html_part, text_part
from tests.helpers import make_listing, raw_for

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def test_saved_search_is_what_search_takes_in_canonical_form():
    params = parse_search("?micro_only=true&arrangement=remote&q=data&page=3&sort=newest&country=us")
    assert canonical(params) == "q=data&arrangement=remote&country=US&micro_only=true"
    assert canonical(parse_search(canonical(params))) == canonical(params)
    assert describe(params) == "“data”, remote, country US, micro-internships only"
    assert describe(parse_search("")) == "every posting"
    with pytest.raises(AlertInputError, match="q:"):  # control characters are refused, as by
        parse_search("q=a%0D%0ABcc:%20x@y.z")         # /search: no second header line either
    with pytest.raises(AlertInputError, match="countri"):
        parse_search("countri=US")
    with pytest.raises(AlertInputError, match="pay_min"):
        parse_search("pay_min=-1")


def test_addresses_and_webhook_urls_are_checked():
    assert check_email("  Ana.B+gigs@Example.EDU ") == "Ana.B+gigs@example.edu"
    for bad in ["ana", "ana@", "a b@example.org", "ana@example", "Ana <ana@example.org>",
                "ana@example.org\r\nBcc: x@y.z", "x" * 250 + "@example.org"]:
        with pytest.raises(AlertInputError):
            check_email(bad)
    assert check_webhook_url("https://cc.example.edu/hooks") == "https://cc.example.edu/hooks"
    assert check_webhook_url("http://127.0.0.1:8080/h")
    for bad in ["http://cc.example.edu/h", "ftp://x/y", "https://u:p@cc.example.edu/h"]:
        with pytest.raises(AlertInputError):
            check_webhook_url(bad)


def test_smtp_url_settings():
    s = MailSettings.from_url("smtp://alerts%40x.org:p%3Ass@mail.x.org", "Stint <alerts@x.org>")
    assert (s.host, s.port, s.tls, s.username, s.password) == ("mail.x.org", 587, "starttls",
                                                               "alerts@x.org", "p:ss")
    assert MailSettings.from_url("smtps://mail.x.org", "alerts@x.org").port == 465
    assert MailSettings.configured(None, None) is None
    with pytest.raises(MailConfigError, match="STINT_MAIL_FROM"):
        MailSettings.configured("smtp://mail.x.org", None)
    with pytest.raises(MailConfigError):
        MailSettings.from_url("http://mail.x.org", "alerts@x.org")


def test_signature_verifies_with_standard_webhooks():
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"type":"listings.matched","data":{"listings":[]}}'
    now = int(datetime.now(UTC).timestamp())
    signature = sign(secret, "msg_1", now, body)
    headers = {"webhook-id": "msg_1", "webhook-timestamp": str(now), "webhook-signature": signature}
    assert Webhook(secret).verify(body, headers)["type"] == "listings.matched"
    assert signature == Webhook(secret).sign("msg_1", datetime.fromtimestamp(now, UTC), body)


def test_new_means_neither_the_cluster_nor_a_member_was_sent():
    hits = [{"id": "c3", "member_ids": ["c3"], "first_seen_at": "2026-12-03"},
            {"id": "c1", "member_ids": ["c1", "x9"], "first_seen_at": "2026-12-01"},
            {"id": "c2", "member_ids": ["c2"], "first_seen_at": "2026-12-02"},
            {"id": "c4", "member_ids": ["c4", "old"], "first_seen_at": "2026-11-01"}]
    fresh = new_matches(hits, sent_clusters={"c2"}, sent_members={"old"})
    assert [doc["id"] for doc in fresh] == ["c1", "c3"]  # oldest first seen first


def test_digest_message_parts_and_headers():
    settings = MailSettings.from_url("smtp://127.0.0.1:2525", "Stint <alerts@stint.test>")
    doc = {"id": "c1", "title": "Data <b>Entry</b>", "organization": {"name": "Acme"},
           "pay": {"min": 600, "currency": "USD", "period": "PROJECT", "hourly_min": 20},
           "url": "https://a.test/1", "sources": [{"url": "https://b.test/2"},
                                                   {"url": "javascript:alert(1)"}]}
    links = {"search": "https://s.test/?q=data", "unsubscribe": "https://s.test/alerts/unsubscribe?token=t",
             "manage": "https://s.test/alerts/manage?token=m"}
    message = digest_message(settings, "ana@example.edu", "“data”", [doc], 3, "https://s.test", links)
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed["List-Unsubscribe"] == "<https://s.test/alerts/unsubscribe?token=t>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Subject"] == "4 new postings for “data” — Stint"
    text, html = text_part(parsed), html_part(parsed)
    assert "600 USD per project (≈ 20/h)" in text and "https://b.test/2" in text
    assert "javascript:" not in text and "javascript:" not in html
    assert "Data &lt;b&gt;Entry&lt;/b&gt;" in html and "<b>Entry</b>" not in html
    assert "… and 3 more" in text


@pytest.fixture
def alerts(any_store):
    return AlertStore(any_store)


def test_double_opt_in_and_one_time_confirmation(alerts):
    alert, confirm = alerts.create("email", "ana@example.edu", "q=data", "daily", now=T0)
    assert alert["status"] == "pending" and confirm
    assert alerts.due(T0 + timedelta(days=9), force=True) == []  # nothing before confirmation
    assert alerts.confirm("wrong-token-xxxxxxxx", now=T0) is None
    assert alerts.confirm(confirm, now=T0 + timedelta(hours=1))["status"] == "active"
    assert alerts.confirm(confirm, now=T0 + timedelta(hours=1)) is None  # once
    assert [a["id"] for a in alerts.due(T0 + timedelta(hours=2))] == [alert["id"]]
    late, late_token = alerts.create("email", "bo@example.edu", "q=data", "daily", now=T0)
    assert alerts.confirm(late_token, now=T0 + timedelta(hours=49)) is None  # expired
    email_, managed = alerts.managed(alerts.manage_token("ana@example.edu"))
    assert email_ == "ana@example.edu" and [a["id"] for a in managed] == [alert["id"]]
    assert alerts.unsubscribe(alert["unsubscribe_token"])["status"] == "unsubscribed"
    assert alerts.unsubscribe(alert["unsubscribe_token"])["status"] == "unsubscribed"  # idempotent
    assert alerts.due(T0 + timedelta(days=3), force=True) == []


def test_schedule_backoff_claims_and_sent_survive_a_new_store(alerts, any_store):
    hook, _ = alerts.create("webhook", "https://cc.example.edu/h", "q=data", "hourly", now=T0)
    assert hook["secret"].startswith("whsec_") and hook["status"] == "active"
    assert alerts.claim(hook["id"], T0, timedelta(minutes=15))
    assert not alerts.claim(hook["id"], T0 + timedelta(minutes=1), timedelta(minutes=15))
    assert alerts.due(T0 + timedelta(minutes=1)) == []  # held by the run
    alerts.record_sent(hook["id"], [{"id": "c1", "member_ids": ["c1", "l7"]}, {"id": "c2"}], T0)
    alerts.finish(hook["id"], T0, "2026-12-01T08:55:00.000+00:00")
    assert alerts.due(T0 + timedelta(minutes=59)) == []
    assert len(alerts.due(T0 + timedelta(minutes=60))) == 1
    alerts.fail(hook["id"], T0 + timedelta(hours=1), "HTTP 500", T0 + timedelta(hours=2))
    assert alerts.due(T0 + timedelta(hours=1, minutes=30)) == []
    assert len(alerts.due(T0 + timedelta(hours=2))) == 1
    alerts.fail(hook["id"], T0 + timedelta(hours=2), "HTTP 500", None)
    assert alerts.get(hook["id"])["status"] == "disabled"
    assert alerts.enable(hook["id"]) and alerts.get(hook["id"])["failures"] == 0

    again = AlertStore(type(any_store)(str(any_store.engine.url.render_as_string(hide_password=False))))
    assert again.sent_state(hook["id"]) == ({"c1", "c2"}, {"c1", "l7", "c2"})
    assert parse(again.get(hook["id"])["seen_until"]) == datetime(2026, 12, 1, 8, 55, tzinfo=UTC)
    again.engine.dispose()


def test_candidates_and_the_unindexed_mark(alerts, any_store):
    old, new = make_listing(1), make_listing(2)
    any_store.upsert([(old, raw_for(old))], seen_at="2026-12-01T08:00:00.000+00:00")
    any_store.upsert([(new, raw_for(new))], seen_at="2026-12-01T10:00:00.000+00:00")
    assert alerts.unindexed_since() == "2026-12-01T08:00:00.000+00:00"
    any_store.save_clusters([(old["id"], [old["id"]], "h1")])
    assert alerts.unindexed_since() == "2026-12-01T10:00:00.000+00:00"
    any_store.save_clusters([(old["id"], [old["id"], new["id"]], "h2")])  # a copy joined it
    assert alerts.unindexed_since() is None
    assert alerts.clusters_first_seen_since("2026-12-01T09:00:00.000+00:00") == [old["id"]]
    assert alerts.clusters_first_seen_since("2026-12-01T11:00:00.000+00:00") == []


def test_rate_limit_attempts(alerts):
    for i in range(3):
        alerts.add_attempt(["email:a@x.org", "ip:10.0.0.1"], T0 + timedelta(minutes=i), timedelta(hours=1))
    assert alerts.attempts_since("email:a@x.org", T0 - timedelta(hours=1)) == 3
    assert alerts.attempts_since("email:a@x.org", T0 + timedelta(minutes=1)) == 2
    assert alerts.attempts_since("ip:10.0.0.2", T0) == 0


def test_email_alert_without_smtp_waits_for_its_next_period(alerts):
    from stint.alerts import Delivery, run_alerts

    alert, confirm = alerts.create("email", "ana@example.edu", "q=data", "daily", now=T0)
    alerts.confirm(confirm, now=T0)
    searched = []
    report = run_alerts(alerts, Delivery(search=lambda body: searched.append(body) or {"hits": []}),
                        now=T0 + timedelta(minutes=1))
    assert report.failed and "STINT_SMTP_URL" in report.failed[0] and not searched
    assert alerts.due(T0 + timedelta(hours=2)) == []
    assert [a["id"] for a in alerts.due(T0 + timedelta(days=1, minutes=1))] == [alert["id"]]
    assert alerts.get(alert["id"])["seen_until"] is None  # its first digest is still to come
