"""Delivering alerts: find each due alert's new matches and send them by email or webhook.

An alert matches what /search shows for its saved search: the query is built by the search
API's own functions (search_api.query) and run on the same index, so a match is a cluster
(one opening, however many sites list it). "New" means not yet sent to this alert: neither the
cluster nor any of its member listings is in its `alert_sent` rows, so a repost or another
copy of an opening already sent stays quiet. New matches go out in order of first seen.

Which clusters to look at: the first run of an alert takes what matches now (up to
BASELINE_LIMIT); later runs look only at clusters with a listing first seen since the
alert's `seen_until`. That mark moves to the run's start, but never past the first-seen time
of a stored listing the index does not have yet (a crawl whose sync is still to come), less
a margin for transactions in flight, so nothing slips between a crawl and its sync.

Webhooks follow Standard Webhooks: a JSON POST per batch with `webhook-id` (the same for
every retry of a batch), `webhook-timestamp` and `webhook-signature: v1,<base64 HMAC-SHA256 of
"id.timestamp.body">` under the endpoint's `whsec_` secret. A failed delivery is retried on
later runs after RETRY_DELAYS; after them all, the alert is disabled (410 Gone disables at
once) and `stint alerts list` says why.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson

from index.alerts import AlertStore, is_due, iso, parse
from search_api.alerts import AlertInputError, describe, links, parse_search
from search_api.jsonld import source_urls
from search_api.mail import Mailer, MailSettings, MailUnavailable, digest_message
from search_api.query import HIT_FIELDS, documents_body, quote

log = logging.getLogger("stint.alerts")

BASELINE_LIMIT = 1_000  # matches a first run looks at
ID_BATCH = 200  # candidate cluster ids per search
DIGEST_CARDS = 50  # cards in one email; more are counted and linked
WEBHOOK_BATCH = 100  # listings per webhook POST
WEBHOOK_TIMEOUT_S = 15.0
LEASE = timedelta(minutes=15)
SAFETY = timedelta(minutes=5)  # look back this much further: writes in flight
# Waits after 1, 2, … failed deliveries in a row; one more failure disables the alert.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30),
                timedelta(hours=2), timedelta(hours=5), timedelta(hours=10)]
FIELDS = [*HIT_FIELDS, "first_seen_at", "member_ids"]

Search = Callable[[dict[str, Any]], dict[str, Any]]


class DeliveryError(Exception):
    """One alert's delivery failed (its failure, retried later); `final` disables it now."""

    def __init__(self, message: str, final: bool = False):
        super().__init__(message)
        self.final = final


@dataclass
class RunReport:
    alerts: int = 0  # alerts run
    emails: int = 0
    webhooks: int = 0  # successful POSTs
    sent: int = 0  # clusters delivered
    failed: list[str] = field(default_factory=list)
    disabled: list[int] = field(default_factory=list)


# -- matching ----------------------------------------------------------------------------


def matching(search: Search, query: str, candidates: list[str] | None,
             now: datetime) -> list[dict[str, Any]]:
    """The documents of the alert's search: all of them (a first run), or those among the
    candidate cluster ids."""
    params = parse_search(query)
    epoch = now.timestamp()
    if candidates is None:
        body = documents_body(params, BASELINE_LIMIT, now=epoch)
        body["attributesToRetrieve"] = FIELDS
        return search(body).get("hits", [])
    hits: list[dict[str, Any]] = []
    for start in range(0, len(candidates), ID_BATCH):
        batch = candidates[start:start + ID_BATCH]
        body = documents_body(params, len(batch), now=epoch)
        body["filter"] = [*body.get("filter", []), f"id IN [{', '.join(map(quote, batch))}]"]
        body["attributesToRetrieve"] = FIELDS
        hits += search(body).get("hits", [])
    return hits


def new_matches(hits: list[dict[str, Any]], sent_clusters: set[str],
                sent_members: set[str]) -> list[dict[str, Any]]:
    """The hits not sent before (neither the cluster nor a member), oldest first seen first."""
    fresh = {}
    for doc in hits:
        members = set(doc.get("member_ids") or [])
        if doc["id"] in sent_clusters or members & sent_members:
            continue
        fresh[doc["id"]] = doc
    return sorted(fresh.values(), key=lambda d: (d.get("first_seen_at") or "", d["id"]))


# -- webhooks ----------------------------------------------------------------------------


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """The Standard Webhooks signature header value for one message."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    mac = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def webhook_card(doc: dict[str, Any], base_url: str | None) -> dict[str, Any]:
    card = {k: doc.get(k) for k in (
        "id", "title", "organization", "url", "apply_url", "arrangement", "cities", "countries",
        "pay", "duration_weeks", "hours_per_week", "posted_at", "deadline", "first_seen_at",
        "category", "skills", "is_micro")}
    card["apply_urls"] = source_urls(doc)
    if base_url:
        card["link"] = f"{base_url}/listings/{doc['id']}.html"
    return card


def post_webhook(http: httpx.Client, alert: dict[str, Any], docs: list[dict[str, Any]],
                 base_url: str | None, now: datetime) -> None:
    ids = ",".join(d["id"] for d in docs)
    msg_id = "msg_" + hashlib.sha256(f"{alert['id']}:{ids}".encode()).hexdigest()[:32]
    timestamp = int(now.timestamp())
    data: dict[str, Any] = {"alert_id": alert["id"], "search": alert["query"],
                            "listings": [webhook_card(d, base_url) for d in docs]}
    if base_url:
        data["search_url"] = links(base_url, alert)["search"]
    body = orjson.dumps({"type": "listings.matched",
                         "timestamp": now.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                         "data": data})
    headers = {"content-type": "application/json", "user-agent": "Stint-Webhooks/1",
               "webhook-id": msg_id, "webhook-timestamp": str(timestamp),
               "webhook-signature": sign(alert["secret"], msg_id, timestamp, body)}
    try:
        response = http.post(alert["address"], content=body, headers=headers,
                             timeout=WEBHOOK_TIMEOUT_S, follow_redirects=False)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"POST {alert['address']}: {type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"POST {alert['address']}: HTTP {response.status_code}",
                            final=response.status_code == 410)


# -- the run -----------------------------------------------------------------------------


@dataclass
class Delivery:
    """What a run sends with: the index, SMTP, HTTP and the base URL of links."""

    search: Search
    mail: MailSettings | None = None
    http: httpx.Client | None = None
    public_url: str | None = None


def run_alerts(alerts: AlertStore, delivery: Delivery, now: datetime | None = None,
               force: bool = False) -> RunReport:
    """Run every due alert (every active one with `force`) once. Each alert is claimed in the
    store first, so two runs (cron and `stint schedule`, two machines) never send twice."""
    now = now or datetime.now(UTC)
    report = RunReport()
    unindexed = alerts.unindexed_since()
    mark = min(now, parse(unindexed)) if unindexed else now
    seen_until = iso(mark - SAFETY)
    smtp = _LazyMailer(delivery.mail)
    mail_down: str | None = None
    try:
        for alert in alerts.due(now, force=force):
            if alert["channel"] == "email":
                if delivery.mail is None or not delivery.public_url:
                    report.failed.append(f"alert {alert['id']}: email alerts need STINT_SMTP_URL, "
                                         "STINT_MAIL_FROM and STINT_PUBLIC_URL")
                    alerts.postpone(alert["id"], now)  # due again next period, not every minute
                    continue
                if mail_down:  # tried once this run; the alert stays due for the next
                    report.failed.append(f"alert {alert['id']}: {mail_down}")
                    continue
            if not alerts.claim(alert["id"], now, LEASE):
                continue
            # As it is now that this run holds it: another run may have just done it.
            alert = alerts.get(alert["id"]) or alert
            if not is_due({**alert, "lease_until": None}, now, force):
                alerts.release(alert["id"])
                continue
            report.alerts += 1
            try:
                _run_one(alerts, delivery, smtp, alert, now, report)
                alerts.finish(alert["id"], now, seen_until)
            except DeliveryError as exc:
                _failed(alerts, alert, now, exc, report)
            except MailUnavailable as exc:
                # The server's fault, not the alert's: not counted against it.
                alerts.release(alert["id"])
                report.failed.append(f"alert {alert['id']}: {exc}")
                smtp.close()
                mail_down = str(exc)
            except Exception:
                alerts.release(alert["id"])
                raise
    finally:
        smtp.close()
    return report


class _LazyMailer:
    """One SMTP session per run, opened by the first digest that has something to send."""

    def __init__(self, settings: MailSettings | None):
        self.settings = settings
        self.mailer: Mailer | None = None

    def send(self, message) -> None:
        if self.mailer is None:
            assert self.settings is not None
            self.mailer = Mailer(self.settings).__enter__()
        self.mailer.send(message)

    def close(self) -> None:
        if self.mailer is not None:
            self.mailer.close()
            self.mailer = None


def _failed(alerts: AlertStore, alert: dict[str, Any], now: datetime, exc: DeliveryError,
            report: RunReport) -> None:
    failures = alert["failures"] + 1
    retry_at = None if exc.final or failures > len(RETRY_DELAYS) else now + RETRY_DELAYS[failures - 1]
    alerts.fail(alert["id"], now, str(exc), retry_at)
    report.failed.append(f"alert {alert['id']}: {exc}")
    if retry_at is None:
        report.disabled.append(alert["id"])
        log.warning("alerts.disabled: alert %s after %d failures: %s", alert["id"], failures, exc)


def _run_one(alerts: AlertStore, delivery: Delivery, mailer: _LazyMailer,
             alert: dict[str, Any], now: datetime, report: RunReport) -> None:
    since = alert["seen_until"]
    candidates = None if since is None else alerts.clusters_first_seen_since(since)
    if candidates == []:
        return
    try:
        hits = matching(delivery.search, alert["query"], candidates, now)
    except AlertInputError as exc:  # saved before a parameter changed meaning
        raise DeliveryError(f"saved search {alert['query']!r} is no longer valid: {exc}",
                            final=True) from exc
    fresh = new_matches(hits, *alerts.sent_state(alert["id"]))
    if not fresh:
        return
    base = delivery.public_url.rstrip("/") if delivery.public_url else None
    if alert["channel"] == "webhook":
        assert delivery.http is not None
        for start in range(0, len(fresh), WEBHOOK_BATCH):
            batch = fresh[start:start + WEBHOOK_BATCH]
            post_webhook(delivery.http, alert, batch, base, now)
            report.webhooks += 1
            report.sent += alerts.record_sent(alert["id"], batch, now)
        return
    assert base is not None and delivery.mail is not None
    shown, more = fresh[:DIGEST_CARDS], max(0, len(fresh) - DIGEST_CARDS)
    message = digest_message(delivery.mail, alert["address"], describe(parse_search(alert["query"])),
                             shown, more, base,
                             links(base, alert, alerts.manage_token(alert["address"])))
    try:
        mailer.send(message)
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:  # this address's fault
        raise DeliveryError(f"mail to {alert['address']}: {exc}") from exc
    report.emails += 1
    # Every new match counts as sent, the ones only counted in the digest too.
    report.sent += alerts.record_sent(alert["id"], fresh, now)


def meili_search(url: str, key: str | None, index_uid: str) -> Search:
    """A Search over the index with the meilisearch client (the CLI holds the master key)."""
    import meilisearch

    index = meilisearch.Client(url, key, timeout=60).index(index_uid)

    def search(body: dict[str, Any]) -> dict[str, Any]:
        body = dict(body)
        return index.search(body.pop("q", ""), body)

    return search


# -- for `stint schedule` ------------------------------------------------------------------


def any_due(store_url: str, now: datetime | None = None) -> bool:
    """Whether an alert is due (a cheap look at the store, once per scheduler tick)."""
    from index.store import Store

    store = Store(store_url)
    try:
        return bool(AlertStore(store).due(now or datetime.now(UTC)))
    finally:
        store.close()


def run_command(home: str) -> list[str]:
    """`stint alerts run` as a child process: a slow SMTP server never holds up the scheduler."""
    import sys

    return [sys.executable, "-m", "stint", "--home", home, "alerts", "run"]
