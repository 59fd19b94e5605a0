"""The store: the source of truth for listings and crawl runs.

SQLite by default, any SQLAlchemy URL (PostgreSQL) by setting. Each listing row keeps the
normalized Listing JSON and the latest RawListing it came from, so a parser fix can
re-normalize everything without re-crawling. `first_seen_at` / `last_seen_at` / `status` live
in columns and override the JSON on read. `indexed` is false until the index has the row's
latest version: the index is derived and can always catch up.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

metadata = sa.MetaData()

listings = sa.Table(
    "listings",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("source", sa.String(200), nullable=False, index=True),
    sa.Column("kind", sa.String(50), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("page_url", sa.Text),  # the page or API call the listing was read from (raw.url)
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("data", sa.Text, nullable=False),  # Listing JSON
    sa.Column("raw", sa.Text, nullable=False),  # RawListing JSON
    sa.Column("status", sa.String(20), nullable=False, default="active"),
    sa.Column("first_seen_at", sa.String(40), nullable=False),
    sa.Column("last_seen_at", sa.String(40), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Column("indexed", sa.Boolean, nullable=False, default=False, index=True),
    sa.Column("deadline", sa.String(40)),  # copied from the Listing, for expiry
    # Lifecycle: healthy runs of the source that did not list it; why and when it expired.
    sa.Column("missed_runs", sa.Integer, nullable=False, default=0),
    sa.Column("expired_at", sa.String(40)),
    sa.Column("expired_reason", sa.Text),
    sa.Column("cluster_id", sa.String(64), index=True),
)

# What the index holds: one document per cluster of listings (the same opening on several
# sites), and the hash of the document last sent, so a sync sends only what changed.
clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("cluster_id", sa.String(64), primary_key=True),
    sa.Column("members", sa.Text, nullable=False),  # JSON list of listing ids
    sa.Column("doc_hash", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.String(200), nullable=False, index=True),
    sa.Column("started_at", sa.String(40), nullable=False),
    sa.Column("finished_at", sa.String(40)),
    sa.Column("status", sa.String(20), nullable=False),  # ok | partial | failed
    sa.Column("stats", sa.Text, nullable=False, default="{}"),
)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of at most `size` items (itertools.batched arrives in Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _insert_for(dialect: str):
    return {"sqlite": sqlite.insert, "postgresql": postgresql.insert}.get(dialect, sqlite.insert)


class Store:
    def __init__(self, url: str):
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = sa.create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            # WAL lets the API read while a crawl writes.
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        metadata.create_all(self.engine)
        self._insert = _insert_for(self.engine.dialect.name)

    def close(self) -> None:
        self.engine.dispose()

    # -- listings ------------------------------------------------------------------------

    def upsert(self, items: Iterable[tuple[dict[str, Any], dict[str, Any]]],
               seen_at: str | None = None) -> int:
        """Insert or update (listing, raw) pairs. `first_seen_at` is kept on update; the row
        becomes active and pending for the index. Returns the number of rows written."""
        seen_at = seen_at or utcnow()
        rows = [
            {
                "id": listing["id"],
                "source": listing["source"],
                "kind": listing["kind"],
                "url": listing["url"],
                "page_url": raw.get("url"),
                "title": listing["title"],
                "data": orjson.dumps(listing).decode(),
                "raw": orjson.dumps(raw).decode(),
                "status": "active",
                "first_seen_at": seen_at,
                "last_seen_at": seen_at,
                "updated_at": seen_at,
                "indexed": False,
                "deadline": listing.get("deadline"),
                "missed_runs": 0,
                "expired_at": None,
                "expired_reason": None,
            }
            for listing, raw in items
        ]
        if not rows:
            return 0
        stmt = self._insert(listings)
        update = {
            name: stmt.excluded[name]
            for name in ("source", "kind", "url", "page_url", "title", "data", "raw", "status",
                         "last_seen_at", "updated_at", "indexed", "deadline", "missed_runs",
                         "expired_at", "expired_reason")
        }
        stmt = stmt.on_conflict_do_update(index_elements=["id"], set_=update)
        with self.engine.begin() as conn:
            conn.execute(stmt, rows)
        return len(rows)

    def _rows_to_listings(self, rows) -> Iterator[dict[str, Any]]:
        for row in rows:
            listing = orjson.loads(row.data)
            listing.update(first_seen_at=row.first_seen_at, last_seen_at=row.last_seen_at,
                           status=row.status, cluster_id=row.cluster_id)
            if row.expired_at:
                listing.update(expired_at=row.expired_at, expired_reason=row.expired_reason)
            yield listing

    _LISTING_COLUMNS = (listings.c.data, listings.c.first_seen_at, listings.c.last_seen_at,
                        listings.c.status, listings.c.expired_at, listings.c.expired_reason,
                        listings.c.cluster_id)

    def iter_listings(self, status: str | None = None, source: str | None = None,
                      chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Every stored listing in id order, read in chunks (memory stays flat)."""
        last_id = ""
        while True:
            query = (sa.select(listings.c.id, *self._LISTING_COLUMNS)
                     .where(listings.c.id > last_id).order_by(listings.c.id).limit(chunk))
            if status:
                query = query.where(listings.c.status == status)
            if source:
                query = query.where(listings.c.source == source)
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            yield from self._rows_to_listings(rows)
            last_id = rows[-1].id

    def iter_raw(self, source: str | None = None) -> Iterator[dict[str, Any]]:
        query = sa.select(listings.c.raw).order_by(listings.c.id)
        if source:
            query = query.where(listings.c.source == source)
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield orjson.loads(row.raw)

    def get(self, listing_id: str) -> dict[str, Any] | None:
        found = self.get_many([listing_id])
        return found[0] if found else None

    def get_many(self, ids: list[str]) -> list[dict[str, Any]]:
        query = sa.select(*self._LISTING_COLUMNS).where(listings.c.id.in_(ids))
        with self.engine.connect() as conn:
            return list(self._rows_to_listings(conn.execute(query)))

    def count(self, status: str | None = None, source: str | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(listings)
        if status:
            query = query.where(listings.c.status == status)
        if source:
            query = query.where(listings.c.source == source)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    # -- lifecycle -------------------------------------------------------------------------

    def _expire(self, conn, condition, reason: str, now: str) -> int:
        result = conn.execute(
            listings.update()
            .where(listings.c.status == "active", condition)
            .values(status="expired", expired_at=now, expired_reason=reason, indexed=False)
        )
        return result.rowcount

    def expire_past_deadline(self, today: str, now: str | None = None) -> int:
        """Expire active listings whose deadline is before `today` (an ISO date)."""
        with self.engine.begin() as conn:
            return self._expire(conn, sa.and_(listings.c.deadline.is_not(None),
                                              sa.func.substr(listings.c.deadline, 1, 10) < today),
                                "deadline passed", now or utcnow())

    def expire_gone(self, source: str, urls: set[str], now: str | None = None) -> int:
        """Expire the source's active listings fetched from pages that now answer 404 or 410.
        Unlike a missed run, this is definite whatever the rest of the run did."""
        if not urls:
            return 0
        expired = 0
        with self.engine.begin() as conn:
            for chunk in batched(sorted(urls), 500):
                expired += self._expire(
                    conn, sa.and_(listings.c.source == source, listings.c.page_url.in_(chunk)),
                    "page gone (HTTP 404/410)", now or utcnow())
        return expired

    def record_missing(self, source: str, run_started_at: str, expire_after: int,
                       now: str | None = None) -> int:
        """After a healthy run of a list-type source: its active listings the run did not see
        (last seen before the run started) count one more missed run, and expire after
        `expire_after` misses in a row. Returns how many expired. Never call it for a failed
        or partial run: a crawl that could not see everything must not expire anything."""
        missing = sa.and_(listings.c.source == source, listings.c.status == "active",
                          listings.c.last_seen_at < run_started_at)
        with self.engine.begin() as conn:
            conn.execute(listings.update().where(missing)
                         .values(missed_runs=listings.c.missed_runs + 1))
            return self._expire(
                conn, sa.and_(missing, listings.c.missed_runs >= expire_after),
                f"missing from {expire_after} consecutive healthy runs", now or utcnow())

    # -- index bookkeeping -----------------------------------------------------------------

    def pending_ids(self) -> list[str]:
        query = sa.select(listings.c.id).where(listings.c.indexed.is_(False)).order_by(listings.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def mark_indexed(self, ids: list[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(listings.update().where(listings.c.id.in_(ids)).values(indexed=True))

    def mark_all_pending(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(listings.update().values(indexed=False))

    # -- clusters (what the index holds) ---------------------------------------------------

    def cluster_hashes(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            return dict(conn.execute(sa.select(clusters.c.cluster_id, clusters.c.doc_hash)).all())

    def save_clusters(self, rows: list[tuple[str, list[str], str]]) -> None:
        """Record (cluster_id, member ids, doc hash) as indexed, and each member's cluster."""
        if not rows:
            return
        now = utcnow()
        values = [{"cluster_id": cid, "members": orjson.dumps(members).decode(), "doc_hash": h,
                   "updated_at": now} for cid, members, h in rows]
        stmt = self._insert(clusters)
        stmt = stmt.on_conflict_do_update(
            index_elements=["cluster_id"],
            set_={k: stmt.excluded[k] for k in ("members", "doc_hash", "updated_at")})
        member_of = [{"lid": m, "cid": cid} for cid, members, _ in rows for m in members]
        with self.engine.begin() as conn:
            conn.execute(stmt, values)
            conn.execute(listings.update().where(listings.c.id == sa.bindparam("lid"))
                         .values(cluster_id=sa.bindparam("cid")), member_of)

    def delete_clusters(self, cluster_ids: list[str]) -> None:
        with self.engine.begin() as conn:
            conn.execute(clusters.delete().where(clusters.c.cluster_id.in_(cluster_ids)))

    def forget_clusters(self) -> None:
        """Forget what the index holds (before a rebuild)."""
        with self.engine.begin() as conn:
            conn.execute(clusters.delete())

    # -- runs ------------------------------------------------------------------------------

    def record_run(self, source: str, started_at: str, finished_at: str, status: str,
                   stats: dict[str, Any]) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(runs.insert().values(
                source=source, started_at=started_at, finished_at=finished_at, status=status,
                stats=orjson.dumps(stats).decode(),
            ))
            return result.inserted_primary_key[0]

    def recent_runs(self, source: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
        query = sa.select(runs).order_by(runs.c.id.desc()).limit(limit)
        if source:
            query = query.where(runs.c.source == source)
        with self.engine.connect() as conn:
            # str(): SQLAlchemy's keys are a str subclass, which orjson refuses as dict keys.
            return [{**{str(k): v for k, v in row._asdict().items()}, "stats": orjson.loads(row.stats)}
                    for row in conn.execute(query)]

    def consecutive_failures(self, source: str, limit: int = 50) -> int:
        """How many of the source's latest runs failed in a row (0 when the last one did not)."""
        count = 0
        for run in self.recent_runs(source=source, limit=limit):
            if run["status"] != "failed":
                break
            count += 1
        return count

    def health(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return {"ok": True, "dialect": self.engine.dialect.name, "listings": self.count()}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
