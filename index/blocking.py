"""What incremental sync needs from deduplication: each listing's candidate keys, kept in the
store (table `listing_keys`, indexed by key), so a sync finds every listing a changed one could
be matched with by a few indexed look-ups instead of loading the whole store.

Two listings can only be compared by the dedup engine (normalize.dedup.engine) when they share
one of these, so the keys mirror the engine's candidate sources:

  o:<organization key>   the blocking keys (normalize.dedup.keys.blocking_keys: the
                         organization key, its prefixes and stem, strong domains)
  u:<URL key>            `url` and `apply_url` (the engine's shared-URL index)
  t:<title key>          every listing; probed by listings without an organization (the engine
                         compares those with every listing of the same title key)
  n:<title key>          listings without an organization only; probed by the others

A listing *stores* its keys; it *probes* the keys that reach the listings it may be compared
with (`probe_keys`). `KEYS_VERSION` names the key function: rows written under another version
get their keys again (and are re-clustered) at the next sync.
"""

from __future__ import annotations

from typing import Any

from normalize.dedup.config import DEFAULT
from normalize.dedup.features import prepare

try:  # normalize.dedup.keys.blocking_keys: several blocking keys per listing (issue 15)
    from normalize.dedup.keys import blocking_keys as _blocking_keys
except ImportError:  # pragma: no cover - before issue 15 lands: one organization key
    _blocking_keys = None

KEYS_VERSION = 2 if _blocking_keys is not None else 1
# Longest key kept (the column is String(300)); a longer URL or title is cut, which can only
# make two listings share a key more often (more work, never a missed candidate).
MAX_KEY = 300


def listing_keys(listing: dict[str, Any]) -> list[str]:
    """The keys a listing is stored under (see the module docstring), without repeats."""
    if _blocking_keys is not None:
        return _from_blocking_keys(_blocking_keys(listing))
    f = prepare(listing, DEFAULT)
    orgs = [f.org] if f.org else []
    keys = [f"o:{k}" for k in orgs]
    keys += [f"u:{u}" for u in sorted(f.urls)]
    keys.append(f"t:{f.title.key}")
    if not orgs:
        keys.append(f"n:{f.title.key}")
    return list(dict.fromkeys(k[:MAX_KEY] for k in keys))


def _from_blocking_keys(found: list[str]) -> list[str]:
    """normalize.dedup.keys.blocking_keys ("org:", "orgpre:", "orgstem:", "dom:", "title:",
    "url:") as stored keys: every organization-side key is a block (`o:` + the key: listings
    sharing one may be compared), URLs are `u:`, and the title is `t:`, plus `n:` for a listing
    without an organization key (only those are compared across organizations by title)."""
    has_org = any(k.startswith("org:") for k in found)
    keys = []
    for key in found:
        kind, _, value = key.partition(":")
        if kind == "title":
            keys.append(f"t:{value}")
            if not has_org:
                keys.append(f"n:{value}")
        elif kind == "url":
            keys.append(f"u:{value}")
        else:
            keys.append(f"o:{key}")
    return list(dict.fromkeys(k[:MAX_KEY] for k in keys))


def probe_keys(stored: list[str]) -> list[str]:
    """The keys to look up, from a listing's stored keys, to find every listing the engine may
    compare it with: the same blocks and URLs, and by title across the organization divide."""
    has_org = any(k.startswith("o:") for k in stored)
    out = []
    for key in stored:
        if key.startswith(("o:", "u:")):
            out.append(key)
        elif key.startswith("t:"):
            # With an organization: the no-organization listings of this title; without: all.
            out.append(("n:" + key[2:]) if has_org else key)
    return out


