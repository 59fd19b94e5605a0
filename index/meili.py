"""The Meilisearch index: settings, batched writes, the search-only key, sync from the store.

The store is the source of truth; this index is derived from it: one document per cluster of
listings (normalize.dedup), keyed by cluster id. `sync` sends what changed since the last sync,
at a cost that follows the change (see `sync`); `reindex` rebuilds the whole index. Writes are
batched (by count and bytes) and pipelined: up to PIPELINE_DEPTH tasks in flight, awaited in
order with a timeout sized for large batches (the client's default of 5 s is not).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import meilisearch
import orjson
from meilisearch.errors import MeilisearchApiError, MeilisearchError

from index.blocking import probe_keys
from index.documents import INDEX_UID, SETTINGS, VOLATILE_DOC_FIELDS, to_document
from index.errors import MeiliError
from index.store import batched

BATCH_SIZE = 2_000
# Bytes of one add_documents body: well under Meilisearch's default payload limit (100 MB).
MAX_PAYLOAD_BYTES = 32 * 1024 * 1024
# Write tasks sent and not yet waited on: Meilisearch batches consecutive document tasks, so
# several in flight index faster than one at a time, each awaited.
PIPELINE_DEPTH = 8
# Pending listings a sync looks at a time (in dedup-block order), and the number of listings
# it re-clusters together (the pending ones and all they can be matched with) before it sends
# what changed and starts another group: memory follows this, not the store or the change.
SEED_BATCH = 100
GROUP_LISTINGS = 2_500
# Changed listings whose clusters are shown again, as they stand, before the re-clustering
# (see `_show_changed_first`), looked at REFRESH_BATCH at a time. More changed listings than
# REFRESH_MAX is a bulk change (a parser fix, a rebuild): the re-clustering shows them.
REFRESH_BATCH = 1_000
REFRESH_MAX = 20_000
TASK_TIMEOUT_MS = 10 * 60 * 1000
WRITE_ATTEMPTS = 3
RETRY_PAUSE_S = 0.5

log = logging.getLogger(__name__)
SEARCH_KEY_NAME = "stint-search"


@dataclass
class SyncProgress:
    """Where a sync is: pending listings taken so far of all pending, listings re-clustered
    with them (the pending ones and what they can be matched with), documents sent."""

    pending_done: int
    pending: int
    reclustered: int
    sent: int


@dataclass
class SyncReport:
    upserted: int = 0
    deleted: int = 0
    clusters: int = 0  # documents the index should hold after the sync
    retries: int = 0  # writes that failed once and were sent again


class MeiliIndex:
    """Admin access to the listings index (needs the master or an admin key)."""

    def __init__(self, url: str, api_key: str | None, uid: str = INDEX_UID):
        self.client = meilisearch.Client(url, api_key, timeout=60)
        self.uid = uid
        self.index = self.client.index(uid)
        self.retries = 0  # writes sent again after a failure, for the sync report
        # Writes sent and not yet waited on: (task uid or None, send, what to do once done).
        self._inflight: deque[tuple[int | None, Callable | None, Callable | None]] = deque()

    def _wait(self, task_uid: int) -> None:
        task = self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise MeiliError(f"meilisearch task {task_uid} ({task.type}) {task.status}: {task.error}")

    def _write(self, send, first_attempt: int = 1) -> None:
        """Send one write and wait for its task; on a failure (the task failed, the server did
        not answer) try again after a pause, WRITE_ATTEMPTS times in all. Writes are idempotent
        (documents by id), so a repeat is harmless."""
        for attempt in range(first_attempt, WRITE_ATTEMPTS + 1):
            try:
                self._wait(send().task_uid)
                return
            except (MeiliError, MeilisearchError) as exc:
                self._failed(attempt, exc)

    def _failed(self, attempt: int, exc: Exception) -> None:
        if attempt == WRITE_ATTEMPTS:
            raise exc
        self.retries += 1
        log.warning("meilisearch write failed (attempt %d of %d), retrying: %s",
                    attempt, WRITE_ATTEMPTS, exc)
        time.sleep(RETRY_PAUSE_S * 2 ** (attempt - 1))

    def enqueue(self, send, done: Callable[[], None] | None = None) -> None:
        """Send a write without waiting for it (at most PIPELINE_DEPTH in flight); `done` runs
        once its task succeeded. A write that fails is sent again as `_write` would."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                uid = send().task_uid
                break
            except MeilisearchError as exc:
                self._failed(attempt, exc)
        self._inflight.append((uid, send, done))
        while sum(1 for t in self._inflight if t[0] is not None) > PIPELINE_DEPTH:
            self._settle()

    def then(self, done: Callable[[], None]) -> None:
        """Run `done` once every write enqueued so far has succeeded."""
        if self._inflight:
            self._inflight.append((None, None, done))
        else:
            done()

    def _settle(self) -> None:
        uid, send, done = self._inflight.popleft()
        if uid is not None:
            try:
                self._wait(uid)
            except (MeiliError, MeilisearchError) as exc:
                self._failed(1, exc)
                self._write(send, first_attempt=2)
        if done is not None:
            done()

    def flush(self) -> None:
        """Wait for every write in flight (and run what waits on them)."""
        while self._inflight:
            self._settle()

    def drop_inflight(self) -> None:
        """Forget the writes in flight after a failure: their `done` never runs."""
        self._inflight.clear()

    def ensure(self) -> None:
        """Create the index if needed and apply Stint's settings (a no-op when unchanged)."""
        try:
            self._wait(self.client.create_index(self.uid, {"primaryKey": "id"}).task_uid)
        except MeiliError as exc:
            if "index_already_exists" not in str(exc):
                raise
        self._wait(self.index.update_settings(SETTINGS).task_uid)

    def upsert(self, listings: Iterable[dict[str, Any]]) -> int:
        """Add or replace the documents of these listings; returns how many were sent."""
        count = self.send_documents(to_document(listing) for listing in listings)
        self.flush()
        return count

    def send_documents(self, docs: Iterable[dict[str, Any]],
                       done: Callable[[list[str]], None] | None = None) -> int:
        """Enqueue documents in bodies of at most BATCH_SIZE documents and MAX_PAYLOAD_BYTES;
        `done(ids)` runs once a body's task succeeded. Returns how many were enqueued."""
        count = 0
        for ids, body in _bodies(docs):
            self.enqueue(lambda body=body: self.index.add_documents_json(body, primary_key="id"),
                         (lambda ids=ids: done(ids)) if done else None)
            count += len(ids)
        return count

    def delete(self, ids: Iterable[str], wait: bool = True) -> int:
        count = 0
        for batch in batched(ids, BATCH_SIZE):
            # By filter: the client deprecated deleting by a list of ids. `id` is filterable.
            ids_filter = f"id IN [{', '.join(orjson.dumps(str(i)).decode() for i in batch)}]"
            self.enqueue(lambda f=ids_filter: self.index.delete_documents(filter=f))
            count += len(batch)
        if wait:
            self.flush()
        return count

    def clear(self) -> None:
        self._wait(self.index.delete_all_documents().task_uid)

    def count(self) -> int:
        return self.index.get_stats().number_of_documents

    def search_key(self) -> str:
        """A key that can only search the listings index; created once, then reused."""
        name = f"{SEARCH_KEY_NAME}-{self.uid}"
        for key in self.client.get_keys({"limit": 1000}).results:
            if key.name == name and key.actions == ["search"] and key.indexes == [self.uid]:
                return key.key
        created = self.client.create_key(
            {
                "name": name,
                "description": "Stint search API: search only",
                "actions": ["search"],
                "indexes": [self.uid],
                "expiresAt": None,
            }
        )
        return created.key


def _bodies(docs: Iterable[dict[str, Any]]) -> Iterator[tuple[list[str], bytes]]:
    ids: list[str] = []
    parts: list[bytes] = []
    size = 0
    for doc in docs:
        part = orjson.dumps(doc)
        if parts and (len(parts) >= BATCH_SIZE or size + len(part) > MAX_PAYLOAD_BYTES):
            yield ids, b"[" + b",".join(parts) + b"]"
            ids, parts, size = [], [], 0
        ids.append(str(doc["id"]))
        parts.append(part)
        size += len(part) + 1
    if parts:
        yield ids, b"[" + b",".join(parts) + b"]"


def cluster_listings(listings: list[dict[str, Any]], overrides=None):
    """Cluster these listings: (listing id -> cluster id for every listing, cluster id ->
    (member ids, document) for every cluster with an active member).

    Expired listings are clustered too: they keep their clusters (and so the cluster ids)
    stable while a source stops listing a copy."""
    from normalize.dedup import NO_OVERRIDES, dedupe

    member_of: dict[str, str] = {}
    desired: dict[str, tuple[list[str], dict[str, Any]]] = {}
    by_id = {str(x["id"]): x for x in listings}
    for cluster in dedupe(listings, overrides=overrides or NO_OVERRIDES):
        member_of.update(dict.fromkeys(cluster.members, cluster.cluster_id))
        if cluster.canonical.get("status") == "active":  # the canonical ranks active members first
            text = cluster.canonical.get("description_text")
            source = next((m for m in cluster.members
                           if by_id[m].get("description_text") == text), cluster.members[0])
            doc = to_document(dict(cluster.canonical, member_ids=cluster.members,
                                   merge_reasons=cluster.links, description_from=source))
            desired[cluster.cluster_id] = (cluster.members, doc)
    return member_of, desired


def doc_hash(doc: dict[str, Any]) -> str:
    """The hash of a document without the fields that move on every crawl."""
    stable = {k: v for k, v in doc.items() if k not in VOLATILE_DOC_FIELDS}
    return hashlib.sha1(orjson.dumps(stable, option=orjson.OPT_SORT_KEYS)).hexdigest()


def affected(store, seeds: Iterable[str], overrides=None) -> set[str]:
    """The listings a sync re-clusters with `seeds`: everything the dedup engine could compare
    with them, or with anything so found (the same blocks, URLs and titles, through the
    store's `listing_keys`), the clusters they were in, and operator force-merges. Clustering
    this set alone gives the clusters the whole store would give it."""
    from normalize.dedup import DEFAULT

    found: set[str] = set()
    probed: set[str] = set()  # a key looked up once has given all its listings
    todo = set(seeds)
    merge_of = getattr(overrides, "merge_of", None) or {}
    while todo:
        found |= todo
        keys = store.keys_of(todo)
        probes = {p for lid in todo for p in probe_keys(keys.get(lid, []))} - probed
        probed |= probes
        reached = store.ids_with_keys(probes, DEFAULT.url_max_group) | store.cluster_mates(todo)
        for lid in todo:
            for override in merge_of.get(lid, ()):
                reached.update(override.ids)
        todo = reached - found
    return found


def sync(store, index: MeiliIndex, force: bool = False, overrides=None,
         progress: Callable[[SyncProgress], None] | None = None) -> SyncReport:
    """Bring the index up to the store: one document per cluster of listings (the same opening
    seen on several sites), carrying every source link.

    Cost follows the change: pending listings (new, changed, expired or reactivated since the
    last sync; an unchanged re-crawl leaves nothing pending) are taken SEED_BATCH at a time in
    the order of their dedup block, with everything they could be clustered with
    (`affected`), into groups of about GROUP_LISTINGS listings; only a group is loaded and
    re-clustered at a time. Nothing reads the whole store (only the pending ids). Only
    documents whose content changed are sent (their hashes are kept in the store, volatile
    fields left out); clusters that no longer
    exist, or whose listings all expired, are deleted. Hashes are saved as each write succeeds,
    and a group's listings are marked indexed (and their cluster ids recorded) only once all of
    its writes succeeded, so a failure halfway leaves the rest pending for the next sync.
    `force`: every listing is pending (a rebuild). `progress` is called after each group."""
    report = SyncReport()
    store.refresh_keys()
    if force:
        store.mark_all_pending()
    if not store.pending_ids(limit=1):
        report.clusters = store.count_clusters()
        return report
    done: set[str] = set()
    group: set[str] = set()
    try:
        index.ensure()
        shown = {} if force else _show_changed_first(store, index, overrides)
        report.upserted = len(shown)
        pending = store.pending_by_block()
        for start in range(0, len(pending), SEED_BATCH):
            seeds = [lid for lid in pending[start:start + SEED_BATCH] if lid not in done]
            if seeds:
                found = affected(store, seeds, overrides)
                done |= found
                group |= found
            last = start + SEED_BATCH >= len(pending)
            if group and (len(group) >= GROUP_LISTINGS or last):
                up, gone = _sync_group(store, index, group, overrides, shown)
                report.upserted, report.deleted = report.upserted + up, report.deleted + gone
                group = set()
                if progress:
                    progress(SyncProgress(min(start + SEED_BATCH, len(pending)), len(pending),
                                          len(done), report.upserted))
        index.flush()
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        index.drop_inflight()
        raise MeiliError(f"index sync failed: {exc}") from exc
    except MeiliError:
        index.drop_inflight()
        raise
    report.clusters = store.count_clusters()
    report.retries = index.retries
    return report


def _show_changed_first(store, index: MeiliIndex, overrides) -> dict[str, str]:
    """Send, before any re-clustering, the documents of the clusters that hold a changed
    listing, each cluster clustered as it stands (its members alone): a changed posting is
    searchable within seconds, where re-clustering everything it could be matched with takes
    as long as its blocks are large. Only clusters whose members stay together are sent; the
    re-clustering that follows corrects what the change does to clusters, and sends a
    document again only if it differs from the one sent here. Returns cluster id -> hash of
    the documents sent. Skipped for a bulk change (more than REFRESH_MAX changed listings)."""
    shown: dict[str, str] = {}
    if len(store.pending_clustered(REFRESH_MAX + 1)) > REFRESH_MAX:
        return shown
    after = ""
    while seeds := store.pending_clustered(REFRESH_BATCH, after):
        after = seeds[-1]
        listings = store.get_many(sorted(store.cluster_mates(seeds)))
        before: dict[str, set[str]] = {}
        for x in listings:
            before.setdefault(x["cluster_id"], set()).add(str(x["id"]))
        _, desired = cluster_listings(listings, overrides)
        kept = {cid: found for cid, found in desired.items() if set(found[0]) == before.get(cid)}
        sent = store.cluster_hashes(kept)
        fresh = {cid: h for cid, (_, doc) in kept.items() if sent.get(cid) != (h := doc_hash(doc))}

        def saved(ids: list[str], kept=kept, fresh=fresh) -> None:
            store.save_clusters([(cid, kept[cid][0], fresh[cid]) for cid in ids], members=False)

        index.send_documents((kept[cid][1] for cid in sorted(fresh)), saved)
        shown.update(fresh)
    return shown


def _sync_group(store, index: MeiliIndex, group: set[str], overrides,
                shown: dict[str, str]) -> tuple[int, int]:
    versions = store.versions(group)  # before reading: a change after it stays pending
    listings = store.get_many(sorted(group))
    member_of, desired = cluster_listings(listings, overrides)
    was_in = {str(x["id"]): x.get("cluster_id") for x in listings}
    old = {cid for cid in was_in.values() if cid}
    sent = store.cluster_hashes(old | set(desired))
    # What _show_changed_first sent (its hashes are saved once its writes succeed)
    sent.update((cid, shown[cid]) for cid in (old | set(desired)) & shown.keys())
    changed = {cid: (members, doc, h) for cid, (members, doc) in desired.items()
               if sent.get(cid) != (h := doc_hash(doc))}
    gone = sorted(cid for cid in sent if cid not in desired)

    def saved(ids: list[str]) -> None:
        store.save_clusters([(cid, changed[cid][0], changed[cid][2]) for cid in ids], members=False)

    upserted = index.send_documents((changed[cid][1] for cid in sorted(changed)), saved)
    if gone:
        index.delete(gone, wait=False)
        index.then(lambda: store.delete_clusters(gone))
    moved = {lid: cid for lid, cid in member_of.items() if was_in.get(lid) != cid}
    index.then(lambda: (store.set_cluster_ids(moved), store.mark_indexed_versions(versions)))
    return upserted, len(gone)


def reindex(store, index: MeiliIndex, overrides=None,
            progress: Callable[[SyncProgress], None] | None = None) -> SyncReport:
    """Rebuild the index from the store."""
    try:
        index.ensure()
        index.clear()
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        raise MeiliError(f"reindex failed: {exc}") from exc
    store.forget_clusters()
    return sync(store, index, force=True, overrides=overrides, progress=progress)
