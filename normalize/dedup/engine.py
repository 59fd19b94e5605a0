"""The deduplication engine: `Deduper` matches listings into clusters, incrementally.

    deduper = Deduper(overrides=parse_overrides(text))
    changes = deduper.add(stored_listings)      # first run: everything
    changes = deduper.add(new_crawl_listings)   # later: matched against everything seen so far
    for cluster in deduper.clusters(changes.created + changes.updated): ...
    changes.removed                             # cluster ids that no longer exist (merged away)

How a batch is matched (cost grows about linearly with the number of listings):
1. Blocking. Listings are grouped by organization key. Within a block, title keys are scored
   all against all with `rapidfuzz.process.cdist` (numpy, both cores) for blocks big enough to
   pay for it, a plain loop for small ones; only pairs above `candidate_title` go on. Two
   secondary indexes add the pairs blocking cannot see: listings sharing a URL key (any
   organization spelling), and listings without an organization against the listings with the
   same title key.
2. Rules. Each candidate pair is decided by `rules.compare` (named rule + scores, or a reason).
3. Clusters. Matching pairs are joined strongest first in a union-find that refuses unions
   putting conflicting places or a force-split pair in one cluster.

Cluster ids. A cluster's id is the id of its anchor: its oldest listing by (first_seen_at, id).
When clusters merge, the older anchor's id survives; a new member never changes the id (it is
newer); a member that disappears from its source stays in the cluster (as expired, or as a
ghost after `remove`), so the id is kept. Re-running on the same listings gives the same ids.

Re-adding a listing with the same id updates it. If the fields matching reads changed, its
cluster is rebuilt from its remaining links and the listing is matched again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from normalize.collector import gc_paused
from normalize.dedup.canonical import canonical
from normalize.dedup.config import DEFAULT, Thresholds
from normalize.dedup.features import Features, prepare, signature
from normalize.dedup.keys import (
    ORG_FUZZY,
    ORG_FUZZY_MIN_LEN,
    description_words,
    org_prefixes,
    org_relation,
)
from normalize.dedup.overrides import NO_OVERRIDES, Overrides
from normalize.dedup.rules import Verdict, compare, org_identity
from normalize.dedup.text import BlockText, DescScore, shingles
from normalize.dedup.unionfind import UnionFind

# Blocks with fewer (new x all) cells than this are scored in a plain loop: cdist's call
# overhead is larger than the work.
CDIST_MIN_CELLS = 64
# cdist uses both cores only above this many cells (thread start-up costs more below).
CDIST_THREADS_MIN_CELLS = 200_000
# Rows of a block scored per cdist call, to bound the matrix memory in very large blocks.
CDIST_ROWS = 2048
# A domain shown by this many organization keys is a job board's or a career center's: it no
# longer relates organizations for blocking.
ORG_DOMAIN_HUB = 8


@dataclass
class Changes:
    """What one `add` or `remove` did, by cluster id."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # merged into another cluster, or emptied
    links: int = 0  # matching pairs found in this batch
    refused: int = 0  # matching pairs the cluster guards refused


@dataclass
class Cluster:
    cluster_id: str
    members: list[str]  # listing ids, oldest first
    canonical: dict[str, Any]
    links: list[dict[str, Any]]  # why: {"a", "b", "rule", "scores"} for each link inside

    def as_dict(self, with_links: bool = False) -> dict[str, Any]:
        out = {"cluster_id": self.cluster_id, "members": self.members, "canonical": self.canonical}
        if with_links:
            out["links"] = self.links
        return out


class Deduper:
    def __init__(self, config: Thresholds = DEFAULT, overrides: Overrides = NO_OVERRIDES):
        self.config = config
        self.overrides = overrides
        self.uf = UnionFind()
        self.features: list[Features] = []
        self.listings: list[dict[str, Any] | None] = []  # None: removed (a ghost)
        self.signatures: list[tuple] = []
        self.node_of: dict[str, int] = {}
        self.blocks: dict[str, list[int]] = {}
        self.by_url: dict[str, list[int]] = {}
        self.by_title: dict[str, list[int]] = {}  # every listing, by title key
        self.no_org_by_title: dict[str, list[int]] = {}
        self.links: dict[int, list[tuple[int, Verdict]]] = {}
        self.refused: dict[int, list[tuple[int, Verdict, str]]] = {}
        self.cannot: dict[int, dict[int, Verdict]] = {}  # cannot-links from strong vetoes
        self.exact: dict[tuple, list[int]] = {}  # verbatim-copy groups, representative first
        self.exact_of: dict[int, tuple] = {}
        # Organization identity (see _relate_orgs): org key -> its name words, the keys related
        # to it by keys.org_relation or a shared domain, and the indexes that find them.
        self.org_words: dict[str, tuple[str, ...]] = {}
        self.org_related: dict[str, set[str]] = {}
        self.org_by_prefix: dict[str, set[str]] = {}
        self.org_by_stem: dict[str, list[str]] = {}
        self.org_by_domain: dict[str, set[str]] = {}
        self._template_cache: dict[str, tuple[int, frozenset[str]]] = {}
        self._place_ids: dict[str, int] = {}  # blocking codes, see _codes
        self._seniority_ids: dict[frozenset[str], int] = {}

    # -- public ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.node_of)

    def __contains__(self, listing_id: str) -> bool:
        node = self.node_of.get(listing_id)
        return node is not None and self.listings[node] is not None

    def add(self, listings: Iterable[dict[str, Any]]) -> Changes:
        """Add or update listings (dicts in the Listing JSON shape) and match them against
        everything already held. Returns the clusters created, updated and removed."""
        with gc_paused():  # millions of small acyclic objects: see normalize/collector.py
            return self._add(listings)

    def _add(self, listings: Iterable[dict[str, Any]]) -> Changes:
        new: list[int] = []
        touched: set[int] = set()
        before: set[str] = set()
        batch: dict[str, dict[str, Any]] = {}
        for listing in listings:
            batch[str(listing["id"])] = listing  # a later copy of an id wins
        for lid, listing in batch.items():
            node = self.node_of.get(lid)
            if node is None:
                new.append(self._new_node(listing))
                continue
            before.add(self.cluster_id_of(node))
            touched.add(node)
            sig = signature(listing)
            if self.listings[node] is not None and sig == self.signatures[node]:
                self.listings[node] = listing  # status, dates, pay...: no new matching needed
                continue
            comp, rematch = self._detach(node)
            touched.update(comp)
            self._reset_node(node, listing, sig)
            new.extend(n for n in rematch if n not in new)
        pairs, verbatim = self._candidates(new)
        verdicts = self._decide(pairs) + verbatim
        verdicts.extend(self._forced(new))
        new_set = set(new)
        partners = {n for a, b, _ in verdicts for n in (a, b) if n not in new_set}
        before.update(self.cluster_id_of(n) for n in partners)
        touched.update(partners)
        touched.update(new)
        changes = Changes()
        self._join(verdicts, changes)
        return self._changes(changes, touched, before)

    def remove(self, ids: Iterable[str]) -> Changes:
        """Listings deleted for good. Each stays in its cluster as a ghost (it keeps linking the
        rest together and the cluster id stays), but no longer shows, nor attracts matches.
        A listing that only expired should be re-added with status "expired" instead."""
        touched: set[int] = set()
        before: set[str] = set()
        for lid in ids:
            node = self.node_of.get(lid)
            if node is None or self.listings[node] is None:
                continue
            before.add(self.cluster_id_of(node))
            self._unindex(node)
            self.listings[node] = None
            touched.add(node)
        return self._changes(Changes(), touched, before)

    def cluster_id_of(self, node_or_id: int | str) -> str:
        node = self.node_of[node_or_id] if isinstance(node_or_id, str) else node_or_id
        return self.features[self.uf.anchor[self.uf.find(node)]].id

    def clusters(self, ids: Iterable[str] | None = None) -> list[Cluster]:
        """Clusters by id (every live cluster when `ids` is None), members oldest first."""
        with gc_paused():
            return self._clusters(ids)

    def _clusters(self, ids: Iterable[str] | None) -> list[Cluster]:
        if ids is None:
            roots = [r for r in self.uf.members if self._live(self.uf.members[r])]
        else:
            roots = [self.uf.find(self.node_of[i]) for i in dict.fromkeys(ids) if i in self.node_of]
        return [self._cluster(r) for r in roots if self._live(self.uf.members[r])]

    def explain(self, listing_id: str) -> dict[str, Any]:
        """Why `listing_id` shares a cluster with each other member: the chain of links from it
        to that member, each with its rule and scores; and the matches the guards refused."""
        start = self.node_of[listing_id]
        root = self.uf.find(start)
        paths = self._paths(start, root)
        members = []
        for node in sorted(self.uf.members[root], key=lambda n: self.features[n].order):
            if node == start or self.listings[node] is None:
                continue
            steps = paths.get(node, [])
            members.append({"id": self.features[node].id, "via": [
                {"a": self.features[a].id, "b": self.features[b].id, **v.as_dict(),
                 **self._identity(a, b, v)} for a, b, v in steps
            ]})
        refused = [{"id": self.features[o].id, "refused": why, **v.as_dict()}
                   for o, v, why in self.refused.get(start, [])]
        return {"id": listing_id, "cluster_id": self.cluster_id_of(start), "members": members,
                "refused": refused}

    def _identity(self, a: int, b: int, verdict: Verdict) -> dict[str, Any]:
        """{"organizations": {a, b, evidence}} when a link joins two spellings of one employer
        ("Lyft" / "Lyft Technologies, Inc.": name prefix), else {}."""
        names = [((self.listings[n] or {}).get("organization") or {}).get("name") for n in (a, b)]
        fa, fb = self.features[a], self.features[b]
        if not fa.org or not fb.org or names[0] == names[1]:
            return {}
        evidence = verdict.scores.get("org") or org_identity(fa, fb) or "none"
        return {"organizations": {"a": names[0], "b": names[1], "evidence": evidence}}

    def compare_ids(self, a: str, b: str) -> Verdict:
        """The verdict of the rules on any two listings held (merged or not): for operators."""
        forced = self.overrides.forced(a, b)
        if forced == "merge":
            return Verdict("force_merge", {})
        if forced == "split":
            return Verdict(None, {}, "force-split")
        fa, fb = self.features[self.node_of[a]], self.features[self.node_of[b]]
        # The same weights as the engine used (the pair's block), without recording anything.
        return compare(fa, fb, self.config, None, self._desc_scorer(fa.org if fa.org == fb.org else ""))

    # -- nodes and indexes -------------------------------------------------------------------

    def _new_node(self, listing: dict[str, Any]) -> int:
        feats = prepare(listing, self.config)
        node = self.uf.add(feats.where)
        self.features.append(feats)
        self.listings.append(listing)
        self.signatures.append(signature(listing))
        self.node_of[feats.id] = node
        return node

    def _reset_node(self, node: int, listing: dict[str, Any], sig: tuple) -> None:
        feats = prepare(listing, self.config)
        self.features[node] = feats
        self.listings[node] = listing
        self.signatures[node] = sig
        self.uf.reset([node], {node: feats.where})

    def _unindex(self, node: int, promote: bool = True) -> None:
        """Take `node` out of the indexes. When it represented verbatim copies in the blocks,
        the next copy takes its place (`promote`), keeping its links."""
        f = self.features[node]
        for index, key in ((self.blocks, f.org), (self.by_title, f.title.key),
                           (self.no_org_by_title, f.title.key), *((self.by_url, u) for u in f.urls)):
            group = index.get(key)
            if group and node in group:
                group.remove(node)
        key = self.exact_of.pop(node, None)
        if key is not None:
            group = self.exact[key]
            was_representative = group[0] == node
            group.remove(node)
            if not group:
                del self.exact[key]
            elif was_representative and promote:  # a verbatim copy takes its place in the blocks
                self._index(group[0], urls=False)

    def _index(self, node: int, blocking: bool = True, urls: bool = True) -> None:
        f = self.features[node]
        if blocking:
            if f.org:
                self.blocks.setdefault(f.org, []).append(node)
            else:
                self.no_org_by_title.setdefault(f.title.key, []).append(node)
            self.by_title.setdefault(f.title.key, []).append(node)
        if urls:
            for u in f.urls:
                self.by_url.setdefault(u, []).append(node)

    def _live(self, nodes: list[int]) -> bool:
        return any(self.listings[n] is not None for n in nodes)

    # -- candidates ------------------------------------------------------------------------

    def _candidates(self, new: list[int]) -> tuple[dict[tuple[int, int], float | None],
                                                   list[tuple[int, int, Verdict]]]:
        """Candidate pairs (lower node first) -> their title score when blocking computed it; and
        the links of verbatim copies, decided on the spot (see _verbatim)."""
        pairs: dict[tuple[int, int], float | None] = {}
        verbatim: list[tuple[int, int, Verdict]] = []
        blocking = [node for node in new if not self._verbatim(node, verbatim)]
        by_block: dict[str, list[int]] = {}
        for node in blocking:
            org = self.features[node].org
            if org:
                by_block.setdefault(org, []).append(node)
        for org, nodes in by_block.items():
            self._block_pairs(self.blocks.get(org, []), nodes, pairs)
        self._related_pairs(new, by_block, pairs)
        cfg = self.config
        in_blocks = set(blocking)
        for node in new:  # URL and no-organization pairs, against earlier nodes and the batch
            f = self.features[node]
            for u in f.urls:
                group = self.by_url.get(u, ())
                if len(group) < cfg.url_max_group:
                    for other in group:
                        pairs.setdefault(_pair(node, other), None)
            if node in in_blocks:
                fallback = (self.by_title if not f.org else self.no_org_by_title).get(f.title.key, ())
                for other in fallback[-cfg.fallback_max_candidates:]:
                    pairs.setdefault(_pair(node, other), None)
            self._index(node, blocking=node in in_blocks)
        return pairs, verbatim

    def _related_pairs(self, new: list[int], by_block: dict[str, list[int]],
                       pairs: dict[tuple[int, int], float | None]) -> None:
        """Pairs across blocks whose organizations are one employer by other evidence than an
        equal key (a name that starts the other, a misspelling, a shared domain): each new
        listing against the related blocks, and whole blocks against each other when this batch
        related them for the first time. Organizations are few next to listings, so this costs
        about what the blocks cost."""
        fresh: set[tuple[str, str]] = set()
        for node in new:
            f = self.features[node]
            if f.org:
                fresh.update(self._relate_orgs(f.org, f.org_words, f.org_domains))
        for a, b in fresh:
            rows = self.blocks.get(a, []) + by_block.get(a, [])
            cols = self.blocks.get(b, []) + by_block.get(b, [])
            self._cross_pairs(rows, cols, pairs)
        for org, nodes in by_block.items():
            for other in self.org_related.get(org, ()):
                if (org, other) in fresh or (other, org) in fresh:
                    continue
                cols = self.blocks.get(other, [])
                if org < other:
                    cols = cols + by_block.get(other, [])
                self._cross_pairs(nodes, cols, pairs)

    def _relate_orgs(self, key: str, words: tuple[str, ...], domains: frozenset[str]
                     ) -> list[tuple[str, str]]:
        """Register an organization key (and the domains one listing shows for it); return the
        pairs of keys this relates for the first time (keys.org_relation, or a shared domain
        that fewer than ORG_DOMAIN_HUB keys show: a domain many employers show is a job board's
        or a career center's, not an employer's)."""
        found: list[tuple[str, str]] = []
        if key not in self.org_words:
            self.org_words[key] = words
            candidates = {p for p in org_prefixes(words) if p in self.org_words}
            candidates.update(self.org_by_prefix.get(key, ()))
            bucket = self.org_by_stem.get(key[:3], ()) if len(key) >= ORG_FUZZY_MIN_LEN else ()
            if bucket:  # misspellings: scored in C, the bucket grows with the organizations
                candidates.update(m[0] for m in process.extract(
                    key, bucket, scorer=fuzz.ratio, score_cutoff=ORG_FUZZY, limit=None))
            candidates.discard(key)
            for other in candidates:
                if org_relation(words, self.org_words[other]):
                    found.append(self._link_orgs(key, other))
            for p in org_prefixes(words):
                self.org_by_prefix.setdefault(p, set()).add(key)
            if len(key) >= ORG_FUZZY_MIN_LEN:
                self.org_by_stem.setdefault(key[:3], []).append(key)
        for domain in domains:
            group = self.org_by_domain.setdefault(domain, set())
            if key in group:
                continue
            if len(group) < ORG_DOMAIN_HUB:
                for other in group:
                    if other not in self.org_related.get(key, ()):
                        found.append(self._link_orgs(key, other))
            group.add(key)
        return [p for p in found if p[0] != p[1]]

    def _link_orgs(self, a: str, b: str) -> tuple[str, str]:
        self.org_related.setdefault(a, set()).add(b)
        self.org_related.setdefault(b, set()).add(a)
        return (a, b)

    def _cross_pairs(self, rows: list[int], cols: list[int],
                     pairs: dict[tuple[int, int], float | None]) -> None:
        """Candidate pairs of every row node against every column node (two related blocks):
        title score >= candidate_title, and nothing the rules veto on place or seniority."""
        if not rows or not cols:
            return
        cutoff = self.config.candidate_title
        feats = self.features
        row_titles = [feats[n].title.key for n in rows]
        col_titles = [feats[n].title.key for n in cols]
        if len(rows) * len(cols) < CDIST_MIN_CELLS:
            for i, node in enumerate(rows):
                fa = feats[node]
                for j, other in enumerate(cols):
                    if other == node or _vetoed(fa, feats[other]):
                        continue
                    score = fuzz.ratio(row_titles[i], col_titles[j], score_cutoff=cutoff)
                    if score:
                        pairs[_pair(node, other)] = score
            return
        place, mode, level = self._codes(rows + cols)
        n_rows = len(rows)
        workers = -1 if len(rows) * len(cols) >= CDIST_THREADS_MIN_CELLS else 1
        for start in range(0, n_rows, CDIST_ROWS):
            chunk = row_titles[start:start + CDIST_ROWS]
            matrix = process.cdist(chunk, col_titles, scorer=fuzz.ratio, score_cutoff=cutoff,
                                   dtype=np.uint8, workers=workers)
            r_idx, c_idx = np.nonzero(matrix)
            ra, cb = r_idx + start, c_idx + n_rows
            keep = (((place[ra] < 0) | (place[cb] < 0) | (place[ra] == place[cb]))
                    & (level[ra] == level[cb])
                    & ((mode[ra] == mode[cb]) | (mode[ra] == 0) | (mode[cb] == 0)))
            r_idx, c_idx = r_idx[keep], c_idx[keep]
            scores = matrix[r_idx, c_idx]
            for r, j, score in zip(r_idx.tolist(), c_idx.tolist(), scores.tolist(), strict=True):
                a, b = rows[start + r], cols[j]
                if a != b:
                    pairs[_pair(a, b)] = float(score)

    def _verbatim(self, node: int, out: list[tuple[int, int, Verdict]]) -> bool:
        """A verbatim copy (same organization key, title key, places and description text as a
        listing already held; in the wild, most copies) is linked to that listing right away
        and kept out of the blocks: whatever would match it matches its twin. This keeps the
        pairwise work of big employers' blocks down. True when `node` was linked so."""
        f = self.features[node]
        if not f.org or not f.desc_source:
            return False
        key = (f.org, f.title, f.where, f.desc_source)
        group = self.exact.get(key)
        if not group:
            self.exact[key] = [node]
            self.exact_of[node] = key
            return False
        twin = group[0]
        if twin == node:
            return False
        count = len(description_words(f.desc_source, self.config.desc_max_chars)) - 2
        same = DescScore(100.0 if count >= self.config.desc_min_shingles else None,
                         count >= self.config.desc_full_shingles)
        verdict = compare(f, self.features[twin], self.config, 100.0, lambda _a, _b: same)
        if not verdict.rule:  # e.g. posted outside the repost window: matched the usual way
            return False
        group.append(node)
        self.exact_of[node] = key
        out.append((*_pair(node, twin), verdict))
        return True

    def _codes(self, nodes: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per node: a place code (an id of its one city, -1 when it has none or several), an
        arrangement code (1 remote, 2 on site or hybrid, 0 unknown) and a seniority code. Two
        nodes with different place codes >= 0 are in different cities, remote against on site
        is a conflict, and different seniority codes are different seniority: the rules always
        veto such pairs, so blocking drops them with numpy before any per-pair Python work."""
        places, levels = self._place_ids, self._seniority_ids
        place = np.fromiter(
            (places.setdefault(next(iter(c)), len(places)) if len(c := self.features[n].where.cities) == 1
             else -1 for n in nodes), dtype=np.int64, count=len(nodes))
        level = np.fromiter((levels.setdefault(self.features[n].title.seniority, len(levels))
                             for n in nodes), dtype=np.int64, count=len(nodes))
        mode = np.fromiter((1 if (w := self.features[n].where).remote else 2 if w.onsite else 0
                            for n in nodes), dtype=np.int8, count=len(nodes))
        return place, mode, level

    def _block_pairs(self, old: list[int], new: list[int],
                     pairs: dict[tuple[int, int], float | None]) -> None:
        cutoff = self.config.candidate_title
        cols = old + new
        titles = [self.features[n].title.key for n in cols]
        n_old = len(old)
        feats = self.features
        if len(new) * len(cols) < CDIST_MIN_CELLS:
            for i, node in enumerate(new):
                key, fa = titles[n_old + i], feats[node]
                for j in range(n_old + i):  # every old node and the batch's earlier ones
                    fb = feats[cols[j]]
                    if fa.title.seniority != fb.title.seniority or (
                            len(fa.where.cities) == 1 == len(fb.where.cities)
                            and fa.where.cities != fb.where.cities) or (
                            fa.where.remote != fb.where.remote
                            and (fa.where.onsite or fb.where.onsite)):
                        continue
                    score = fuzz.ratio(key, titles[j], score_cutoff=cutoff)
                    if score:
                        pairs[_pair(node, cols[j])] = score
            return
        place, mode, level = self._codes(cols)
        workers = -1 if len(new) * len(cols) >= CDIST_THREADS_MIN_CELLS else 1
        for start in range(0, len(new), CDIST_ROWS):
            rows = titles[n_old + start:n_old + start + CDIST_ROWS]
            matrix = process.cdist(rows, titles, scorer=fuzz.ratio, score_cutoff=cutoff,
                                   dtype=np.uint8, workers=workers)
            # Within the batch keep each pair once: row i against columns before it.
            for r in range(len(rows)):
                matrix[r, n_old + start + r:] = 0
            r_idx, c_idx = np.nonzero(matrix)
            row_nodes = r_idx + n_old + start
            pa, pb = place[row_nodes], place[c_idx]
            ma, mb = mode[row_nodes], mode[c_idx]
            keep = (((pa < 0) | (pb < 0) | (pa == pb)) & (level[row_nodes] == level[c_idx])
                    & ((ma == mb) | (ma == 0) | (mb == 0)))
            r_idx, c_idx = r_idx[keep], c_idx[keep]
            scores = matrix[r_idx, c_idx]
            for r, j, score in zip(r_idx.tolist(), c_idx.tolist(), scores.tolist(), strict=True):
                pairs[_pair(new[start + r], cols[j])] = float(score)

    # -- deciding and joining -------------------------------------------------------------

    def _decide(self, pairs: dict[tuple[int, int], float | None]) -> list[tuple[int, int, Verdict]]:
        """Run the rules on every candidate pair, one organization block at a time: the block's
        shingles and their weights live only while its pairs are decided, so memory is bounded
        by the largest block, not by the batch. Pairs across blocks (shared URL, no
        organization) use unweighted scores."""
        feats, cfg, out = self.features, self.config, []
        split_of = self.overrides.split_of
        by_block: dict[str, list[tuple[tuple[int, int], float | None]]] = {}
        for (a, b), title in pairs.items():  # insertion order: deterministic for a given input
            org = feats[a].org if feats[a].org == feats[b].org else ""
            by_block.setdefault(org, []).append(((a, b), title))
        for org, block_pairs in by_block.items():
            desc = self._desc_scorer(org)
            for (a, b), title in block_pairs:
                if split_of and feats[b].id in split_of.get(feats[a].id, ()):
                    continue  # an operator said no; the guard would refuse it anyway
                verdict = compare(feats[a], feats[b], cfg, title, desc)
                if verdict.rule:
                    out.append((a, b, verdict))
                elif verdict.conflict:
                    self._cannot_link(a, b, verdict)
        return out

    def _desc_scorer(self, org: str):
        """A description scorer for pairs of block `org` ("" for pairs across blocks), with its
        own shingle cache; the block's weights are built on first use."""
        cfg = self.config
        cache: dict[str, frozenset[int]] = {}  # listing id -> shingles
        block: list[BlockText] = []

        def sh(f: Features) -> frozenset[int]:
            found = cache.get(f.id)
            if found is None:
                found = cache[f.id] = shingles(f.desc_source, cfg.desc_max_chars)
            return found

        def desc(a: Features, b: Features) -> DescScore:
            if not block:
                members = [self.features[n] for n in self.blocks.get(org, ())] if org else []
                block.append(BlockText((sh(m) for m in members), cfg.desc_min_shingles,
                                       cfg.desc_full_shingles, weighted=bool(org)))
            found = block[0].score(sh(a), sh(b))
            if found.score is not None and a.title.key != b.title.key and (
                    a.desc_source in self._templates(a.org) or b.desc_source in self._templates(b.org)):
                return DescScore(found.score, found.full, True)
            return found

        return desc

    def _templates(self, org: str) -> frozenset[str]:
        """Description texts that one source of block `org` posts word for word under two or
        more title keys (an employer's text for a family of sibling roles). Cached per block
        until the block changes size."""
        nodes = self.blocks.get(org, ()) if org else ()
        cached = self._template_cache.get(org)
        if cached is not None and cached[0] == len(nodes):
            return cached[1]
        seen: dict[tuple[str, str], str] = {}
        found: set[str] = set()
        for n in nodes:
            f = self.features[n]
            if not f.desc_source:
                continue
            key = (f.source, f.desc_source)
            other = seen.setdefault(key, f.title.key)
            if other != f.title.key:
                found.add(f.desc_source)
        out = frozenset(found)
        self._template_cache[org] = (len(nodes), out)
        return out

    def _cannot_link(self, a: int, b: int, verdict: Verdict) -> None:
        self.cannot.setdefault(a, {})[b] = verdict
        self.cannot.setdefault(b, {})[a] = verdict
        self.uf.add_forbidden(a, b)

    def _forced(self, new: list[int]) -> list[tuple[int, int, Verdict]]:
        """Force-merge links and force-split constraints that involve the new nodes."""
        out = []
        ov = self.overrides
        for node in new:
            lid = self.features[node].id
            for override in ov.merge_of.get(lid, ()):
                for other_id in override.ids:
                    other = self.node_of.get(other_id)
                    if other is not None and other != node:
                        out.append((*_pair(node, other),
                                    Verdict("force_merge", {"reason": override.reason})))
            for other_id in ov.split_of.get(lid, {}):
                other = self.node_of.get(other_id)
                if other is not None:
                    self.uf.add_forbidden(node, other)
        return out

    def _older(self, x: int, y: int) -> bool:
        return self.features[x].order < self.features[y].order

    def _join(self, verdicts: list[tuple[int, int, Verdict]], changes: Changes) -> None:
        feats = self.features
        # Strongest first; ties by the listings' age so the result does not depend on input order.
        verdicts.sort(key=lambda t: (tuple(-s for s in t[2].strength), feats[t[0]].order,
                                     feats[t[1]].order))
        seen: set[tuple[int, int]] = set()
        for a, b, verdict in verdicts:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            changes.links += 1
            why = self.uf.union(a, b, self._older, force=verdict.rule == "force_merge")
            if why:
                changes.refused += 1
                self.refused.setdefault(a, []).append((b, verdict, why))
                self.refused.setdefault(b, []).append((a, verdict, why))
            else:
                self.links.setdefault(a, []).append((b, verdict))
                self.links.setdefault(b, []).append((a, verdict))

    def _detach(self, node: int) -> tuple[list[int], list[int]]:
        """Take `node` out of its cluster before it is matched again: drop its links and rebuild
        the rest of the cluster from the links among the others. Verbatim copies linked to it
        as their twin lose that link, so they are taken out too and matched again (the first
        becomes the representative). Returns (the cluster's nodes, the nodes to match again)."""
        root = self.uf.find(node)
        comp = list(self.uf.members[root])
        key = self.exact_of.get(node)
        twins = [n for n in self.exact.get(key, ()) if n != node] if key is not None else []
        if twins and self.exact[key][0] != node:
            twins = []  # node was itself a copy: its twin and the other copies keep their links
        gone = {node, *twins}
        for n in gone:
            self._unindex(n, promote=False)
            for other, _ in self.links.pop(n, []):
                self.links[other] = [(o, v) for o, v in self.links.get(other, []) if o not in gone]
            self.refused.pop(n, None)
            for other in self.cannot.pop(n, {}):
                self.cannot.get(other, {}).pop(n, None)
        self.uf.reset(comp, {n: self.features[n].where for n in comp})
        for a in comp:
            for other in self.cannot.get(a, ()):
                self.uf.add_forbidden(a, other)
        replay = [(a, b, v) for a in comp if a not in gone for b, v in self.links.pop(a, []) if a < b]
        for a in comp:
            self.links.pop(a, None)
        for a in comp:
            if a in gone:
                continue
            for other_id in self.overrides.split_of.get(self.features[a].id, {}):
                other = self.node_of.get(other_id)
                if other is not None and other not in gone:
                    self.uf.add_forbidden(a, other)
        self._join(replay, Changes())
        return comp, [node, *twins]

    # -- results -----------------------------------------------------------------------------

    def _changes(self, changes: Changes, touched: set[int], before: set[str]) -> Changes:
        after = {self.cluster_id_of(r) for r in {self.uf.find(n) for n in touched}
                 if self._live(self.uf.members[r])}
        changes.created = sorted(after - before)
        changes.updated = sorted(after & before)
        changes.removed = sorted(before - after)
        return changes

    def _cluster(self, root: int) -> Cluster:
        nodes = sorted((n for n in self.uf.members[root] if self.listings[n] is not None),
                       key=lambda n: self.features[n].order)
        cid = self.features[self.uf.anchor[root]].id
        members = [self.listings[n] for n in nodes]
        links = []
        if len(nodes) > 1:
            live = set(nodes)
            for a in nodes:
                for b, v in self.links.get(a, ()):
                    if b in live and self.features[a].order < self.features[b].order:
                        links.append({"a": self.features[a].id, "b": self.features[b].id, **v.as_dict()})
        return Cluster(cid, [self.features[n].id for n in nodes], canonical(members, cid), links)

    def _paths(self, start: int, root: int) -> dict[int, list[tuple[int, int, Verdict]]]:
        """Breadth-first over accepted links from `start`: the shortest chain to each node."""
        paths: dict[int, list[tuple[int, int, Verdict]]] = {start: []}
        queue = deque([start])
        while queue:
            a = queue.popleft()
            for b, v in self.links.get(a, ()):
                if b not in paths:
                    paths[b] = [*paths[a], (a, b, v)]
                    queue.append(b)
        return paths


def _vetoed(fa: Features, fb: Features) -> bool:
    """What blocking drops before the rules: different seniority, two different single
    cities, remote against on site (the rules veto these pairs anyway)."""
    return fa.title.seniority != fb.title.seniority or (
        len(fa.where.cities) == 1 == len(fb.where.cities) and fa.where.cities != fb.where.cities) or (
        fa.where.remote != fb.where.remote and (fa.where.onsite or fb.where.onsite))


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def dedupe(listings: Iterable[dict[str, Any]], config: Thresholds = DEFAULT,
           overrides: Overrides = NO_OVERRIDES) -> list[Cluster]:
    """One-shot: every listing into exactly one cluster, clusters ordered by id."""
    deduper = Deduper(config, overrides)
    deduper.add(listings)
    return sorted(deduper.clusters(), key=lambda c: c.cluster_id)
