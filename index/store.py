"""The store: the source of truth for listings and crawl runs.

SQLite by default, any SQLAlchemy URL (PostgreSQL) by setting. Each listing row keeps the
normalized Listing JSON and the latest RawListing it came from, so a parser fix can
re-normalize everything without re-crawling. Both are kept in one zstd frame (`body_z`: the
Listing JSON, a newline, the RawListing JSON): the description the raw payload carries and the
Listing's description HTML and text are mostly one text, which one frame stores about once
(real Ashby postings: 26.7 KB as JSON, 7.4 KB compressed apart, 4.6 KB together), and a reader
parses only the part it needs (a sync reads Listings only). Older rows hold the JSON array
[listing, raw] in that frame, or plain JSON in `data` / `raw`; all are read the same way.
`first_seen_at` / `last_seen_at` / `status` live in columns and override the JSON on read.

`content_hash` is a hash of the Listing without its volatile fields (fetched_at, last_seen_at,
first_seen_at, status): a re-crawl that finds a listing unchanged only moves `last_seen_at`
and leaves it indexed; a changed one is rewritten and becomes pending. `indexed` is false until
the index has the row's latest version: the index is derived and can always catch up.

`listing_keys` holds each listing's dedup candidate keys (index.blocking), indexed by key, so
a sync re-clusters only what a change can reach.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
import zstandard
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
    sa.Column("data", sa.Text, nullable=False),  # Listing JSON (older rows; "" when body_z)
    sa.Column("raw", sa.Text, nullable=False),  # RawListing JSON (older rows; "" when body_z)
    sa.Column("body_z", sa.LargeBinary),  # Listing JSON \n RawListing JSON, one zstd frame
    sa.Column("content_hash", sa.String(40)),  # Listing without volatile fields, see above
    # The RawListing (without fetched_at) and the normalizer's code: an equal one next crawl
    # means the same Listing, so the crawl skips normalizing it (see touch_unchanged).
    sa.Column("raw_hash", sa.String(40), index=True),
    sa.Column("keys_version", sa.Integer),  # index.blocking.KEYS_VERSION of its listing_keys
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

# Dedup candidate keys (index.blocking): a listing has several.
listing_keys = sa.Table(
    "listing_keys",
    metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("listing_id", sa.String(64), primary_key=True, index=True),
)

# Columns added after the first release, added to an older store on open.
ADDED_COLUMNS = ("body_z", "content_hash", "keys_version", "raw_hash")
# Fields of a Listing that change on every crawl without the posting changing.
VOLATILE = frozenset({"fetched_at", "last_seen_at", "first_seen_at", "status", "cluster_id",
                      "expired_at", "expired_reason"})
_ZSTD_LEVEL = 3

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


def content_hash(listing: dict[str, Any], page_url: str | None = None) -> str:
    """A hash of what a listing says (and the page it was read from), without the fields that
    move on every crawl."""
    stable = {k: v for k, v in listing.items() if k not in VOLATILE}
    stable["_page_url"] = page_url
    return hashlib.sha1(orjson.dumps(stable, option=orjson.OPT_SORT_KEYS)).hexdigest()


# zstd contexts are not thread-safe (the API reads the store from worker threads): one each.
_zstd = threading.local()


def pack(listing: dict[str, Any], raw: dict[str, Any]) -> bytes:
    """A `body_z` frame. orjson writes no raw newline, so the first one ends the Listing."""
    if not hasattr(_zstd, "c"):
        _zstd.c = zstandard.ZstdCompressor(level=_ZSTD_LEVEL)
    return _zstd.c.compress(orjson.dumps(listing) + b"\n" + orjson.dumps(raw))


def unpack(blob: bytes | None, text: str | None, part: int) -> Any:
    """Part `part` of a `body_z` frame (0 the Listing, 1 the RawListing), else the older
    plain-JSON column `text`."""
    if blob is None:
        return orjson.loads(text)
    if not hasattr(_zstd, "d"):
        _zstd.d = zstandard.ZstdDecompressor()
    data = _zstd.d.decompress(blob)
    if data[:1] == b"[":  # written before the newline frame: one JSON array
        return orjson.loads(data)[part]
    cut = data.index(b"\n")
    return orjson.loads(memoryview(data)[:cut] if part == 0 else memoryview(data)[cut + 1:])


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
        self._add_columns()
        self._insert = _insert_for(self.engine.dialect.name)

    def _add_columns(self) -> None:
        """Bring a store made by an older version up to this schema (columns only added)."""
        have = {c["name"] for c in sa.inspect(self.engine).get_columns("listings")}
        missing = [listings.c[name] for name in ADDED_COLUMNS if name not in have]
        if not missing:
            return
        with self.engine.begin() as conn:
            for column in missing:
                kind = column.type.compile(dialect=self.engine.dialect)
                conn.execute(sa.text(f"ALTER TABLE listings ADD COLUMN {column.name} {kind}"))
            for index in listings.indexes:
                index.create(conn, checkfirst=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- listings ------------------------------------------------------------------------

    def touch_unchanged(self, raw_hashes: list[str], seen_at: str) -> set[str]:
        """Of these raw hashes, the ones an active listing was made from: those listings are
        seen again as they were (last_seen_at moves, nothing else). Returns the hashes found."""
        found: set[str] = set()
        if not raw_hashes:
            return found
        with self.engine.begin() as conn:
            for chunk in batched(sorted(set(raw_hashes)), 500):
                here = set(conn.execute(sa.select(listings.c.raw_hash).where(
                    listings.c.raw_hash.in_(chunk), listings.c.status == "active")).scalars())
                if here:
                    conn.execute(listings.update().where(listings.c.raw_hash.in_(sorted(here)))
                                 .values(last_seen_at=seen_at, missed_runs=0))
                found |= here
        return found

    def upsert(self, items: Iterable[tuple[dict[str, Any], dict[str, Any]]],
               seen_at: str | None = None, raw_hashes: dict[str, str] | None = None) -> int:
        """Insert or update (listing, raw) pairs; returns the number of listings seen.

        `first_seen_at` is kept on update. A listing that is active and says what it said
        (same content hash) only gets `last_seen_at` moved and stays indexed: an unchanged
        re-crawl rewrites nothing else and sends nothing to the index. Anything else is
        written whole, becomes active and pending, and gets its dedup keys again.
        `raw_hashes` (listing id -> raw_hash) are kept for `touch_unchanged`."""
        from index.blocking import KEYS_VERSION
        from index.blocking import listing_keys as keys_of

        seen_at = seen_at or utcnow()
        batch = {listing["id"]: (listing, raw) for listing, raw in items}  # a later copy wins
        if not batch:
            return 0
        raw_hashes = raw_hashes or {}
        hashes = {lid: content_hash(listing, raw.get("url")) for lid, (listing, raw) in batch.items()}
        with self.engine.connect() as conn:
            known = dict(conn.execute(
                sa.select(listings.c.id, listings.c.content_hash)
                .where(listings.c.id.in_(list(batch)), listings.c.status == "active")).all())
        same = {lid for lid in batch if known.get(lid) == hashes[lid]}
        rows = [
            {
                "id": lid,
                "source": listing["source"],
                "kind": listing["kind"],
                "url": listing["url"],
                "page_url": raw.get("url"),
                "title": listing["title"],
                "data": "",
                "raw": "",
                "body_z": pack(listing, raw),
                "content_hash": hashes[lid],
                "raw_hash": raw_hashes.get(lid),
                "keys_version": KEYS_VERSION,
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
            for lid, (listing, raw) in batch.items() if lid not in same
        ]
        with self.engine.begin() as conn:
            if same:
                conn.execute(listings.update().where(listings.c.id == sa.bindparam("lid"))
                             .values(last_seen_at=seen_at, missed_runs=0,
                                     raw_hash=sa.bindparam("rh")),
                             [{"lid": lid, "rh": raw_hashes.get(lid)} for lid in sorted(same)])
            if rows:
                stmt = self._insert(listings)
                update = {name: stmt.excluded[name] for name in (
                    "source", "kind", "url", "page_url", "title", "data", "raw", "body_z",
                    "content_hash", "raw_hash", "keys_version", "status", "last_seen_at",
                    "updated_at", "indexed", "deadline", "missed_runs", "expired_at",
                    "expired_reason")}
                conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=update), rows)
                written = [row["id"] for row in rows]
                self._write_keys(conn, {lid: keys_of(batch[lid][0]) for lid in written})
        return len(batch)

    def _write_keys(self, conn, keys: dict[str, list[str]]) -> None:
        for chunk in batched(list(keys), 500):
            conn.execute(listing_keys.delete().where(listing_keys.c.listing_id.in_(chunk)))
        values = [{"key": key, "listing_id": lid} for lid, found in keys.items() for key in found]
        if values:
            conn.execute(listing_keys.insert(), values)

    def _rows_to_listings(self, rows) -> Iterator[dict[str, Any]]:
        for row in rows:
            listing = unpack(row.body_z, row.data, 0)
            listing.update(first_seen_at=row.first_seen_at, last_seen_at=row.last_seen_at,
                           status=row.status, cluster_id=row.cluster_id)
            if row.expired_at:
                listing.update(expired_at=row.expired_at, expired_reason=row.expired_reason)
            yield listing

    _LISTING_COLUMNS = (listings.c.data, listings.c.body_z, listings.c.first_seen_at, listings.c.last_seen_at,
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

    def iter_raw(self, source: str | None = None, chunk: int = 1000) -> Iterator[dict[str, Any]]:
        """Every stored RawListing in id order, read in chunks (memory stays flat)."""
        last_id = ""
        while True:
            query = (sa.select(listings.c.id, listings.c.raw, listings.c.body_z)
                     .where(listings.c.id > last_id).order_by(listings.c.id).limit(chunk))
            if source:
                query = query.where(listings.c.source == source)
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield unpack(row.body_z, row.raw, 1)
            last_id = rows[-1].id

    def get(self, listing_id: str) -> dict[str, Any] | None:
        found = self.get_many([listing_id])
        return found[0] if found else None

    def get_many(self, ids: list[str]) -> list[dict[str, Any]]:
        """The listings with these ids, in id order (ids not stored are left out)."""
        out = []
        with self.engine.connect() as conn:
            for chunk in batched(sorted(set(ids)), 500):
                query = (sa.select(*self._LISTING_COLUMNS).where(listings.c.id.in_(chunk))
                         .order_by(listings.c.id))
                out.extend(self._rows_to_listings(conn.execute(query)))
        return out

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

    def pending_ids(self, limit: int | None = None, after: str = "") -> list[str]:
        """Ids of listings the index does not have in their latest version, in id order."""
        query = (sa.select(listings.c.id).where(listings.c.indexed.is_(False), listings.c.id > after)
                 .order_by(listings.c.id).limit(limit))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def pending_clustered(self, limit: int, after: str = "") -> list[str]:
        """Ids of pending listings that are already in a cluster (changed since the last sync,
        not new), in id order: the ones a sync can show again before it re-clusters."""
        query = (sa.select(listings.c.id).where(listings.c.indexed.is_(False),
                                                 listings.c.cluster_id.is_not(None), listings.c.id > after)
                 .order_by(listings.c.id).limit(limit))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def pending_by_block(self) -> list[str]:
        """Pending listing ids ordered by their first blocking key (then id), so that a run of
        them spans few dedup blocks: what a sync re-clusters together stays small."""
        block = (sa.select(sa.func.min(listing_keys.c.key))
                 .where(listing_keys.c.listing_id == listings.c.id, listing_keys.c.key.like("o:%"))
                 .scalar_subquery())
        query = (sa.select(listings.c.id, block.label("block"))
                 .where(listings.c.indexed.is_(False)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).all()
        rows.sort(key=lambda row: (row.block or "", row.id))
        return [row.id for row in rows]

    def mark_indexed(self, ids: list[str]) -> None:
        with self.engine.begin() as conn:
            for chunk in batched(ids, 500):
                conn.execute(listings.update().where(listings.c.id.in_(chunk)).values(indexed=True))

    def versions(self, ids: Iterable[str]) -> dict[str, tuple[str | None, str]]:
        """pending listing id -> (content hash, status), of these ids: what a sync read, to
        mark only that indexed. Listings already indexed are left out (nothing to mark: a
        rewritten row costs as much as its whole record in SQLite)."""
        out: dict[str, tuple[str | None, str]] = {}
        with self.engine.connect() as conn:
            for chunk in batched(sorted(set(ids)), 500):
                # `indexed` is tested here, not in SQL: as a condition it can lead SQLite to
                # scan the `indexed` index (every pending row) for each chunk of ids.
                query = sa.select(listings.c.id, listings.c.content_hash, listings.c.status,
                                  listings.c.indexed).where(listings.c.id.in_(chunk))
                out.update((lid, (h, status)) for lid, h, status, indexed in conn.execute(query)
                           if not indexed)
        return out

    def mark_indexed_versions(self, versions: dict[str, tuple[str | None, str]]) -> None:
        """Mark listings indexed if they are still in the version a sync read: one changed
        meanwhile (a crawl running alongside) stays pending for the next sync."""
        if not versions:
            return
        stmt = listings.update().where(
            listings.c.id == sa.bindparam("lid"), listings.c.status == sa.bindparam("st"),
            sa.func.coalesce(listings.c.content_hash, "") == sa.bindparam("h")
        ).values(indexed=True)
        with self.engine.begin() as conn:
            for chunk in batched(list(versions.items()), 1000):
                conn.execute(stmt, [{"lid": lid, "h": h or "", "st": st} for lid, (h, st) in chunk])

    # -- dedup candidate keys (index.blocking) ---------------------------------------------

    def refresh_keys(self, chunk: int = 1000) -> int:
        """Give every listing whose keys were written by another key function (or by a version
        without keys) its keys again, and make it pending: its clusters may change. Returns how
        many listings got new keys. Reads in chunks."""
        from index.blocking import KEYS_VERSION
        from index.blocking import listing_keys as keys_of

        stale = sa.or_(listings.c.keys_version.is_(None), listings.c.keys_version != KEYS_VERSION)
        done = 0
        while True:
            query = (sa.select(listings.c.id, *self._LISTING_COLUMNS).where(stale)
                     .order_by(listings.c.id).limit(chunk))
            with self.engine.connect() as conn:
                found = list(self._rows_to_listings(conn.execute(query)))
            if not found:
                return done
            ids = [x["id"] for x in found]
            with self.engine.begin() as conn:
                self._write_keys(conn, {x["id"]: keys_of(x) for x in found})
                conn.execute(listings.update().where(listings.c.id.in_(ids))
                             .values(keys_version=KEYS_VERSION, indexed=False))
            done += len(found)

    def keys_of(self, ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        with self.engine.connect() as conn:
            for chunk in batched(list(ids), 500):
                query = sa.select(listing_keys.c.listing_id, listing_keys.c.key).where(
                    listing_keys.c.listing_id.in_(chunk))
                for lid, key in conn.execute(query):
                    out.setdefault(lid, []).append(key)
        return out

    def ids_with_keys(self, keys: Iterable[str], max_group: int | None = None) -> set[str]:
        """Ids of the listings stored under any of `keys`. A `u:` (URL) key held by
        `max_group` listings or more is left out: the engine ignores such generic URLs."""
        out: set[str] = set()
        keys = sorted(set(keys))
        with self.engine.connect() as conn:
            for chunk in batched(keys, 500):
                rows = conn.execute(sa.select(listing_keys.c.key, listing_keys.c.listing_id)
                                    .where(listing_keys.c.key.in_(chunk))).all()
                groups: dict[str, list[str]] = {}
                for key, lid in rows:
                    groups.setdefault(key, []).append(lid)
                for key, found in groups.items():
                    if max_group and key.startswith("u:") and len(found) >= max_group:
                        continue
                    out.update(found)
        return out

    def cluster_mates(self, ids: Iterable[str]) -> set[str]:
        """Ids of the listings that share a cluster (as last synced) with any of `ids`."""
        out: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in batched(list(ids), 500):
                cids = sa.select(listings.c.cluster_id).where(
                    listings.c.id.in_(chunk), listings.c.cluster_id.is_not(None))
                out.update(conn.execute(sa.select(listings.c.id)
                                        .where(listings.c.cluster_id.in_(cids))).scalars())
        return out

    def set_cluster_ids(self, member_of: dict[str, str]) -> None:
        """Record each listing's cluster (listing id -> cluster id)."""
        if not member_of:
            return
        with self.engine.begin() as conn:
            conn.execute(listings.update().where(listings.c.id == sa.bindparam("lid"))
                         .values(cluster_id=sa.bindparam("cid")),
                         [{"lid": lid, "cid": cid} for lid, cid in member_of.items()])

    def mark_all_pending(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(listings.update().values(indexed=False))

    # -- clusters (what the index holds) ---------------------------------------------------

    def cluster_hashes(self, ids: Iterable[str] | None = None) -> dict[str, str]:
        """cluster id -> hash of the document the index holds (all of them, or of `ids`)."""
        query = sa.select(clusters.c.cluster_id, clusters.c.doc_hash)
        with self.engine.connect() as conn:
            if ids is None:
                return dict(conn.execute(query).all())
            out: dict[str, str] = {}
            for chunk in batched(sorted(set(ids)), 500):
                out.update(conn.execute(query.where(clusters.c.cluster_id.in_(chunk))).all())
            return out

    def count_clusters(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(clusters)).scalar_one()

    def save_clusters(self, rows: list[tuple[str, list[str], str]], members: bool = True) -> None:
        """Record (cluster_id, member ids, doc hash) as what the index holds, and (`members`)
        each member's cluster id. The sync passes members=False and records cluster ids with
        `set_cluster_ids` once a whole group is in the index: a listing's previous cluster id
        is how the next sync finds a document to delete if this one fails halfway."""
        if not rows:
            return
        now = utcnow()
        values = [{"cluster_id": cid, "members": orjson.dumps(ids).decode(), "doc_hash": h,
                   "updated_at": now} for cid, ids, h in rows]
        stmt = self._insert(clusters)
        stmt = stmt.on_conflict_do_update(
            index_elements=["cluster_id"],
            set_={k: stmt.excluded[k] for k in ("members", "doc_hash", "updated_at")})
        with self.engine.begin() as conn:
            conn.execute(stmt, values)
        if members:
            self.set_cluster_ids({m: cid for cid, ids, _ in rows for m in ids})

    def delete_clusters(self, cluster_ids: list[str]) -> None:
        with self.engine.begin() as conn:
            for chunk in batched(cluster_ids, 500):
                conn.execute(clusters.delete().where(clusters.c.cluster_id.in_(chunk)))

    def forget_clusters(self) -> None:
        """Forget what the index holds (before a rebuild)."""
        with self.engine.begin() as conn:
            conn.execute(clusters.delete())

    # -- runs ------------------------------------------------------------------------------

    def record_run(self, source: str, started_at: str, finished_at: str, status: str,
                   stats: dict[str, Any], run_id: int | None = None) -> int:
        """Record a finished run (or finish the one `begin_run` opened)."""
        values = dict(source=source, started_at=started_at, finished_at=finished_at,
                      status=status, stats=orjson.dumps(stats).decode())
        with self.engine.begin() as conn:
            if run_id is not None:
                conn.execute(runs.update().where(runs.c.id == run_id).values(**values))
                return run_id
            return conn.execute(runs.insert().values(**values)).inserted_primary_key[0]

    def begin_run(self, source: str, started_at: str, worker: str) -> int:
        """A run in progress (status `running`): if its worker dies, `reap_lost_runs` finds it."""
        with self.engine.begin() as conn:
            return conn.execute(runs.insert().values(
                source=source, started_at=started_at, status="running",
                stats=orjson.dumps({"worker": worker}).decode())).inserted_primary_key[0]

    def reap_lost_runs(self, busy) -> list[str]:
        """Runs still `running` whose source nobody crawls (`busy(source)` is false: the lock
        its worker held is gone, so the worker died) become `lost`; their sources are due
        again. Returns those sources."""
        with self.engine.connect() as conn:
            open_runs = conn.execute(sa.select(runs.c.id, runs.c.source)
                                     .where(runs.c.status == "running")).all()
        lost = [(rid, source) for rid, source in open_runs if not busy(source)]
        if lost:
            with self.engine.begin() as conn:
                conn.execute(runs.update().where(runs.c.id.in_([rid for rid, _ in lost]),
                                                 runs.c.status == "running")
                             .values(status="lost", finished_at=utcnow()))
        return [source for _, source in lost]

    def last_started(self, source: str) -> str | None:
        """When the source's latest run that was not lost started (what schedules count from)."""
        query = (sa.select(runs.c.started_at)
                 .where(runs.c.source == source, runs.c.status != "lost")
                 .order_by(runs.c.id.desc()).limit(1))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    # -- locks across machines (PostgreSQL) ------------------------------------------------

    @property
    def shared(self) -> bool:
        """True when workers on several machines can share this store (PostgreSQL)."""
        return self.engine.dialect.name == "postgresql"

    def advisory_lock(self, name: str) -> AdvisoryLock:
        return AdvisoryLock(self.engine.url, name)

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
            if run["status"] in ("running", "lost"):
                continue
            if run["status"] != "failed":
                break
            count += 1
        return count

    def health(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return {"ok": True, "dialect": self.engine.dialect.name, "listings": self.count()}


class AdvisoryLock:
    """An exclusive lock shared by every process using one PostgreSQL store, on any machine:
    a session-level advisory lock held on a connection of its own. PostgreSQL releases it when
    that connection ends, also when the process holding it is killed (and, with TCP
    keepalives, when its machine vanishes), so a dead worker never keeps a source locked."""

    def __init__(self, url, name: str):
        self.url, self.name = url, name
        self.key = int.from_bytes(hashlib.sha1(f"stint:{name}".encode()).digest()[:8], "big",
                                  signed=True)
        self.engine: sa.Engine | None = None
        self.conn = None

    def acquire(self, wait: bool = False) -> bool:
        self.engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool, connect_args={
            "keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10,
            "keepalives_count": 3})
        conn = self.engine.connect()
        conn.execution_options(isolation_level="AUTOCOMMIT")
        if wait:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": self.key})
        elif not conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar():
            conn.close()
            self.engine.dispose()
            return False
        self.conn = conn
        return True

    def release(self) -> None:
        if self.conn is not None:
            try:
                self.conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            finally:
                self.conn.close()
                self.conn = None
                self.engine.dispose()

    def __enter__(self) -> AdvisoryLock:
        self.acquire(wait=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()
