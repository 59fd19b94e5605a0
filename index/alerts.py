"""Alerts' state in the store: saved searches, their subscribers, what each has been sent.

Tables (created on first use, on SQLite and PostgreSQL alike):

- `alerts`: one saved search (a /search query string) delivered by email or to a webhook URL,
  `hourly` or `daily`. An email alert is `pending` until its address confirms it (double
  opt-in: nothing is sent before), then `active`; `unsubscribed` when its link or the RFC 8058
  POST says so; a webhook alert is `disabled` after too many failed deliveries in a row.
- `alert_subscribers`: one row per confirmed-or-not email address with its manage token (the
  link that lists and stops that address's alerts without an account).
- `alert_sent`: (alert, cluster) pairs already delivered, with the cluster's member listings,
  so an opening reached again through a repost or a new copy is never new.
- `alert_attempts`: subscribe requests per hashed address and client IP, for rate limits.

Only the hash of a confirmation token is stored (it is mailed once, when the alert is made);
unsubscribe and manage tokens are stored as they are, since every digest carries them.
Times are ISO strings in UTC, as in index.store.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from index.store import listings, metadata

CHANNELS = ("email", "webhook")
SCHEDULES = {"hourly": timedelta(hours=1), "daily": timedelta(days=1)}
CONFIRM_VALID = timedelta(hours=48)

alerts = sa.Table(
    "alerts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(10), nullable=False),  # email | webhook
    sa.Column("address", sa.Text, nullable=False),  # an email address or a webhook URL
    sa.Column("query", sa.Text, nullable=False),  # the /search query string (canonical form)
    sa.Column("every", sa.String(10), nullable=False),  # hourly | daily
    sa.Column("status", sa.String(20), nullable=False, index=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("confirmed_at", sa.String(40)),
    sa.Column("confirm_hash", sa.String(64), index=True),
    sa.Column("confirm_expires", sa.String(40)),
    sa.Column("unsubscribe_token", sa.String(64), nullable=False, unique=True),
    sa.Column("secret", sa.Text),  # webhook signing secret, whsec_<base64>
    # Clusters first seen from this time on are looked at by the next run (None: never run,
    # the first run sends what matches now).
    sa.Column("seen_until", sa.String(40)),
    sa.Column("last_run_at", sa.String(40)),
    sa.Column("last_sent_at", sa.String(40)),
    sa.Column("sent_count", sa.Integer, nullable=False, default=0),
    sa.Column("failures", sa.Integer, nullable=False, default=0),  # failed deliveries in a row
    sa.Column("next_attempt_at", sa.String(40)),  # after a failure: not before this
    sa.Column("last_error", sa.Text),
    sa.Column("lease_until", sa.String(40)),  # a run holds the alert until then
    sa.Column("ended_at", sa.String(40)),  # unsubscribed or disabled at
)

subscribers = sa.Table(
    "alert_subscribers",
    metadata,
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column("manage_token", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

sent = sa.Table(
    "alert_sent",
    metadata,
    sa.Column("alert_id", sa.Integer, primary_key=True),
    sa.Column("cluster_id", sa.String(64), primary_key=True),
    sa.Column("members", sa.Text, nullable=False),  # JSON list of listing ids
    sa.Column("sent_at", sa.String(40), nullable=False),
)

attempts = sa.Table(
    "alert_attempts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(64), nullable=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Index("ix_alert_attempts_key_at", "key", "at"),
)

ALERT_TABLES = [alerts, subscribers, sent, attempts]


def token() -> str:
    return secrets.token_urlsafe(24)


def digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def webhook_secret() -> str:
    """A Standard Webhooks endpoint secret: `whsec_` + base64 of 24 random bytes."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def parse(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_due(alert: dict[str, Any], now: datetime, force: bool = False) -> bool:
    if alert["status"] != "active":
        return False
    if alert["lease_until"] and parse(alert["lease_until"]) > now:
        return False
    if alert["next_attempt_at"] and parse(alert["next_attempt_at"]) > now:
        return False
    last = alert["last_run_at"]
    return (force or bool(alert["failures"]) or last is None
            or parse(last) + SCHEDULES[alert["every"]] <= now)


def _row(row: Any) -> dict[str, Any]:
    return {str(k): v for k, v in row._asdict().items()}


class AlertStore:
    """Alerts' state over a Store's engine (index.store.Store)."""

    def __init__(self, store):
        self.engine = store.engine
        metadata.create_all(self.engine, tables=ALERT_TABLES)

    # -- making, confirming, ending ----------------------------------------------------------

    def create(self, channel: str, address: str, query: str, every: str,
               now: datetime | None = None) -> tuple[dict[str, Any], str | None]:
        """A new alert and, for email, its one-time confirmation token (mailed, never stored
        in clear). Email alerts start `pending`; webhook alerts, made by operators, `active`
        with a fresh signing secret."""
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}")
        if every not in SCHEDULES:
            raise ValueError(f"every must be one of {tuple(SCHEDULES)}")
        now = now or datetime.now(UTC)
        confirm = token() if channel == "email" else None
        values = dict(channel=channel, address=address, query=query, every=every,
                      status="pending" if confirm else "active", created_at=iso(now),
                      confirmed_at=None if confirm else iso(now),
                      confirm_hash=digest(confirm) if confirm else None,
                      confirm_expires=iso(now + CONFIRM_VALID) if confirm else None,
                      unsubscribe_token=token(),
                      secret=None if confirm else webhook_secret(), sent_count=0, failures=0)
        with self.engine.begin() as conn:
            alert_id = conn.execute(alerts.insert().values(**values)).inserted_primary_key[0]
            if channel == "email":
                self._ensure_subscriber(conn, address, now)
        return self.get(alert_id), confirm

    def _ensure_subscriber(self, conn, email: str, now: datetime) -> None:
        found = conn.execute(sa.select(subscribers.c.email).where(subscribers.c.email == email)).first()
        if not found:
            conn.execute(subscribers.insert().values(email=email, manage_token=token(),
                                                     created_at=iso(now)))

    def confirm(self, confirm_token: str, now: datetime | None = None) -> dict[str, Any] | None:
        """Activate the pending alert of a confirmation token; the token works once. None when
        it is unknown, used or expired."""
        now = now or datetime.now(UTC)
        with self.engine.begin() as conn:
            row = conn.execute(sa.select(alerts).where(
                alerts.c.confirm_hash == digest(confirm_token), alerts.c.status == "pending")).first()
            if row is None or parse(row.confirm_expires) < now:
                return None
            conn.execute(alerts.update().where(alerts.c.id == row.id).values(
                status="active", confirmed_at=iso(now), confirm_hash=None, confirm_expires=None))
        return self.get(row.id)

    def pending_by_confirm_token(self, confirm_token: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(alerts).where(
                alerts.c.confirm_hash == digest(confirm_token), alerts.c.status == "pending")).first()
        return _row(row) if row else None

    def by_unsubscribe_token(self, unsubscribe_token: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(alerts).where(
                alerts.c.unsubscribe_token == unsubscribe_token)).first()
        return _row(row) if row else None

    def unsubscribe(self, unsubscribe_token: str, now: datetime | None = None) -> dict[str, Any] | None:
        """Stop the alert of an unsubscribe token (idempotent). None when the token is unknown."""
        alert = self.by_unsubscribe_token(unsubscribe_token)
        if alert is None:
            return None
        if alert["status"] != "unsubscribed":
            with self.engine.begin() as conn:
                conn.execute(alerts.update().where(alerts.c.id == alert["id"]).values(
                    status="unsubscribed", ended_at=iso(now or datetime.now(UTC)),
                    confirm_hash=None))
        return self.get(alert["id"])

    def remove(self, alert_id: int) -> bool:
        with self.engine.begin() as conn:
            conn.execute(sent.delete().where(sent.c.alert_id == alert_id))
            return conn.execute(alerts.delete().where(alerts.c.id == alert_id)).rowcount > 0

    def enable(self, alert_id: int) -> bool:
        """Let a disabled webhook alert deliver again (failures forgotten)."""
        with self.engine.begin() as conn:
            return conn.execute(alerts.update().where(
                alerts.c.id == alert_id, alerts.c.status == "disabled").values(
                status="active", failures=0, next_attempt_at=None, ended_at=None)).rowcount > 0

    # -- reading -----------------------------------------------------------------------------

    def get(self, alert_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(alerts).where(alerts.c.id == alert_id)).first()
        return _row(row) if row else None

    def all(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(sa.select(alerts).order_by(alerts.c.id))]

    def manage_token(self, email: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(subscribers.c.manage_token)
                                .where(subscribers.c.email == email)).scalar()

    def managed(self, manage_token: str) -> tuple[str, list[dict[str, Any]]] | None:
        """(address, its confirmed alerts) for a manage token; None when it is unknown."""
        with self.engine.connect() as conn:
            email = conn.execute(sa.select(subscribers.c.email)
                                 .where(subscribers.c.manage_token == manage_token)).scalar()
            if email is None:
                return None
            rows = conn.execute(sa.select(alerts).where(
                alerts.c.channel == "email", alerts.c.address == email,
                alerts.c.status.in_(("active", "unsubscribed"))).order_by(alerts.c.id))
            return email, [_row(r) for r in rows]

    def due(self, now: datetime, force: bool = False) -> list[dict[str, Any]]:
        """Active alerts whose schedule says run (all active ones with `force`), except those
        waiting out a failure's backoff or held by another run."""
        return [alert for alert in self.all() if is_due(alert, now, force)]

    # -- runs --------------------------------------------------------------------------------

    def claim(self, alert_id: int, now: datetime, lease: timedelta) -> bool:
        """Hold an active alert for one run: true for exactly one caller, whichever process or
        machine it runs on, until the lease ends (a crashed run's lease simply runs out)."""
        free = sa.or_(alerts.c.lease_until.is_(None), alerts.c.lease_until <= iso(now))
        with self.engine.begin() as conn:
            done = conn.execute(alerts.update().where(alerts.c.id == alert_id, free,
                                                      alerts.c.status == "active")
                                .values(lease_until=iso(now + lease)))
            return done.rowcount == 1

    def sent_state(self, alert_id: int) -> tuple[set[str], set[str]]:
        """(cluster ids, member listing ids) this alert has delivered."""
        clusters, members = set(), set()
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(sent.c.cluster_id, sent.c.members)
                                    .where(sent.c.alert_id == alert_id)):
                clusters.add(row.cluster_id)
                members.update(orjson.loads(row.members))
        return clusters, members

    def record_sent(self, alert_id: int, docs: Iterable[dict[str, Any]], now: datetime) -> int:
        rows = [{"alert_id": alert_id, "cluster_id": doc["id"],
                 "members": orjson.dumps(doc.get("member_ids") or [doc["id"]]).decode(),
                 "sent_at": iso(now)} for doc in docs]
        if rows:
            with self.engine.begin() as conn:
                conn.execute(sent.insert(), rows)
                conn.execute(alerts.update().where(alerts.c.id == alert_id).values(
                    sent_count=alerts.c.sent_count + len(rows), last_sent_at=iso(now)))
        return len(rows)

    def finish(self, alert_id: int, now: datetime, seen_until: str) -> None:
        """A run that delivered everything it had: schedule the next, forget failures."""
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id).values(
                last_run_at=iso(now), seen_until=seen_until, failures=0, next_attempt_at=None,
                last_error=None, lease_until=None))

    def fail(self, alert_id: int, now: datetime, error: str, retry_at: datetime | None) -> None:
        """A failed delivery: retry at `retry_at`, or, when None, disable the alert."""
        values: dict[str, Any] = dict(failures=alerts.c.failures + 1, last_error=error[:500],
                                      lease_until=None)
        if retry_at is None:
            values.update(status="disabled", ended_at=iso(now), next_attempt_at=None)
        else:
            values.update(next_attempt_at=iso(retry_at))
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id).values(**values))

    def postpone(self, alert_id: int, now: datetime) -> None:
        """Count a run that could not deliver (no SMTP configured) as this period's run."""
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id).values(last_run_at=iso(now)))

    def release(self, alert_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id).values(lease_until=None))

    # -- what is new in the store ----------------------------------------------------------

    def clusters_first_seen_since(self, since: str) -> list[str]:
        """Clusters holding a listing first seen at or after `since` (candidates for "new")."""
        query = (sa.select(listings.c.cluster_id).distinct()
                 .where(listings.c.first_seen_at >= since, listings.c.cluster_id.is_not(None)))
        with self.engine.connect() as conn:
            return sorted(conn.execute(query).scalars())

    def unindexed_since(self) -> str | None:
        """The earliest first-seen time of an active listing that has no cluster yet (stored,
        not yet in the index): a run must look back at least that far next time."""
        query = sa.select(sa.func.min(listings.c.first_seen_at)).where(
            listings.c.status == "active", listings.c.cluster_id.is_(None))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    # -- rate limits -------------------------------------------------------------------------

    def attempts_since(self, key: str, since: datetime) -> int:
        query = sa.select(sa.func.count()).select_from(attempts).where(
            attempts.c.key == digest(key), attempts.c.at >= iso(since))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def add_attempt(self, keys: Iterable[str], now: datetime, keep: timedelta) -> None:
        """Count one subscribe request under each key (hashed), and forget old ones."""
        with self.engine.begin() as conn:
            conn.execute(attempts.delete().where(attempts.c.at < iso(now - keep)))
            conn.execute(attempts.insert(), [{"key": digest(k), "at": iso(now)} for k in keys])
