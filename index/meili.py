"""The Meilisearch index: settings, batched writes, the search-only key, sync from the store.

The store is the source of truth; this index is derived from it: one document per cluster of
listings (normalize.dedup), keyed by cluster id. `sync` sends what changed since the last sync;
`reindex` rebuilds the whole index. Writes are batched and their tasks
awaited with a timeout sized for large batches (the client's default of 5 s is not).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import meilisearch
import orjson
from meilisearch.errors import MeilisearchApiError, MeilisearchError

from index.documents import INDEX_UID, SETTINGS, to_document
from index.errors import MeiliError
from index.store import batched

BATCH_SIZE = 2_000
TASK_TIMEOUT_MS = 10 * 60 * 1000
WRITE_ATTEMPTS = 3
RETRY_PAUSE_S = 0.5

log = logging.getLogger(__name__)
SEARCH_KEY_NAME = "stint-search"


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

    def _wait(self, task_uid: int) -> None:
        task = self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise MeiliError(f"meilisearch task {task_uid} ({task.type}) {task.status}: {task.error}")

    def _write(self, send) -> None:
        """Send one write and wait for its task; on a failure (the task failed, the server did
        not answer) try again after a pause, WRITE_ATTEMPTS times in all. Writes are idempotent
        (documents by id), so a repeat is harmless."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                self._wait(send().task_uid)
                return
            except (MeiliError, MeilisearchError) as exc:
                if attempt == WRITE_ATTEMPTS:
                    raise
                self.retries += 1
                log.warning("meilisearch write failed (attempt %d of %d), retrying: %s",
                            attempt, WRITE_ATTEMPTS, exc)
                time.sleep(RETRY_PAUSE_S * 2 ** (attempt - 1))

    def ensure(self) -> None:
        """Create the index if needed and apply Stint's settings (a no-op when unchanged)."""
        try:
            self._wait(self.client.create_index(self.uid, {"primaryKey": "id"}).task_uid)
        except MeiliError as exc:
            if "index_already_exists" not in str(exc):
                raise
        self._wait(self.index.update_settings(SETTINGS).task_uid)

    def upsert(self, listings: Iterable[dict[str, Any]]) -> int:
        """Add or replace documents in batches; returns how many were sent."""
        count = 0
        for batch in batched(listings, BATCH_SIZE):
            body = orjson.dumps([to_document(listing) for listing in batch])
            self._write(lambda body=body: self.index.add_documents_json(body, primary_key="id"))
            count += len(batch)
        return count

    def delete(self, ids: Iterable[str]) -> int:
        count = 0
        for batch in batched(ids, BATCH_SIZE):
            # By filter: the client deprecated deleting by a list of ids. `id` is filterable.
            ids_filter = f"id IN [{', '.join(orjson.dumps(str(i)).decode() for i in batch)}]"
            self._write(lambda f=ids_filter: self.index.delete_documents(filter=f))
            count += len(batch)
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


def cluster_documents(listings: list[dict[str, Any]], overrides=None) -> dict[str, tuple[list[str], dict]]:
    """cluster_id -> (member ids, canonical listing) for every cluster with an active member.

    Deduplication runs over every stored listing, expired ones included: they keep their
    clusters (and so the cluster ids) stable while a source stops listing a copy."""
    from normalize.dedup import NO_OVERRIDES, dedupe

    out = {}
    for cluster in dedupe(listings, overrides=overrides or NO_OVERRIDES):
        if cluster.canonical.get("status") == "active":  # the canonical ranks active members first
            doc = dict(cluster.canonical, member_ids=cluster.members, merge_reasons=cluster.links)
            out[cluster.cluster_id] = (cluster.members, doc)
    return out


def doc_hash(doc: dict[str, Any]) -> str:
    return hashlib.sha1(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()


def sync(store, index: MeiliIndex, force: bool = False, overrides=None) -> SyncReport:
    """Bring the index up to the store: one document per cluster of listings (the same opening
    seen on several sites), carrying every source link.

    Nothing pending and not `force`: nothing to do. Otherwise clusters are recomputed from the
    store, and only the documents whose content changed are sent (their hashes are kept in the
    store); clusters that no longer exist, or whose listings all expired, are deleted. Hashes
    are saved after each successful batch and listings marked indexed only at the end, so a
    failure halfway leaves the rest pending for the next sync."""
    report = SyncReport()
    pending = store.pending_ids()
    if not pending and not force:
        return report
    desired = cluster_documents(list(store.iter_listings()), overrides)
    sent = store.cluster_hashes()
    changed = [(cid, members, doc, doc_hash(doc)) for cid, (members, doc) in desired.items()]
    changed = [row for row in changed if sent.get(row[0]) != row[3]]
    gone = [cid for cid in sent if cid not in desired]
    try:
        index.ensure()
        for batch in batched(changed, BATCH_SIZE):
            report.upserted += index.upsert([doc for _, _, doc, _ in batch])
            store.save_clusters([(cid, members, h) for cid, members, _, h in batch])
        for batch in batched(gone, BATCH_SIZE):
            report.deleted += index.delete(batch)
            store.delete_clusters(batch)
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        raise MeiliError(f"index sync failed: {exc}") from exc
    store.mark_indexed(pending)
    report.clusters = len(desired)
    report.retries = index.retries
    return report


def reindex(store, index: MeiliIndex, overrides=None) -> SyncReport:
    """Rebuild the index from the store."""
    try:
        index.ensure()
        index.clear()
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        raise MeiliError(f"reindex failed: {exc}") from exc
    store.forget_clusters()
    return sync(store, index, force=True, overrides=overrides)
