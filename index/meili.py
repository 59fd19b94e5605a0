"""The Meilisearch index: settings, batched writes, the search-only key, sync from the store.

The store is the source of truth; this index is derived from it. `sync` sends the listings the
store marks as changed; `reindex` rebuilds the whole index. Writes are batched and their tasks
awaited with a timeout sized for large batches (the client's default of 5 s is not).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

import meilisearch
import orjson
from meilisearch.errors import MeilisearchApiError, MeilisearchError

from index.documents import INDEX_UID, SETTINGS, to_document
from stint.errors import MeiliError

BATCH_SIZE = 2_000
TASK_TIMEOUT_MS = 10 * 60 * 1000
SEARCH_KEY_NAME = "stint-search"


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@dataclass
class SyncReport:
    upserted: int = 0
    deleted: int = 0


class MeiliIndex:
    """Admin access to the listings index (needs the master or an admin key)."""

    def __init__(self, url: str, api_key: str | None, uid: str = INDEX_UID):
        self.client = meilisearch.Client(url, api_key, timeout=60)
        self.uid = uid
        self.index = self.client.index(uid)

    def _wait(self, task_uid: int) -> None:
        task = self.client.wait_for_task(task_uid, timeout_in_ms=TASK_TIMEOUT_MS)
        if task.status != "succeeded":
            raise MeiliError(f"meilisearch task {task_uid} ({task.type}) {task.status}: {task.error}")

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
            self._wait(self.index.add_documents_json(body, primary_key="id").task_uid)
            count += len(batch)
        return count

    def delete(self, ids: Iterable[str]) -> int:
        count = 0
        for batch in batched(ids, BATCH_SIZE):
            # By filter: the client deprecated deleting by a list of ids. `id` is filterable.
            quoted = ", ".join(orjson.dumps(str(i)).decode() for i in batch)
            self._wait(self.index.delete_documents(filter=f"id IN [{quoted}]").task_uid)
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


def sync(store, index: MeiliIndex) -> SyncReport:
    """Send the store's pending changes to the index: active listings are upserted, expired
    ones deleted. A listing is marked indexed only after its task succeeded, so a failure
    leaves it pending for the next sync."""
    report = SyncReport()
    try:
        index.ensure()
        for ids in batched(store.pending_ids(), BATCH_SIZE):
            batch = store.get_many(ids)
            active = [listing for listing in batch if listing["status"] == "active"]
            expired = [listing["id"] for listing in batch if listing["status"] != "active"]
            report.upserted += index.upsert(active)
            report.deleted += index.delete(expired)
            store.mark_indexed(ids)
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        raise MeiliError(f"index sync failed: {exc}") from exc
    return report


def reindex(store, index: MeiliIndex) -> SyncReport:
    """Rebuild the index from the store."""
    store.mark_all_pending()
    try:
        index.ensure()
        index.clear()
    except (MeilisearchError, MeilisearchApiError, OSError) as exc:
        raise MeiliError(f"reindex failed: {exc}") from exc
    return sync(store, index)
