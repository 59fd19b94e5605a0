"""Deduplication: the copies of one opening, found across sources and crawls, become one cluster
with a canonical record. Pure functions and in-memory state; no I/O, no Scrapy.

Modules: keys (organization/title/description/URL keys, organization identity evidence, and
`blocking_keys(listing)`), locations (places and how they
relate), text (boilerplate-weighted description similarity), features (one listing's prepared
keys), rules (the named matching rules), unionfind (guarded clustering), canonical (the
cluster's record), overrides (operator force-merge/split), engine (the incremental `Deduper`).
Thresholds: config.Thresholds. Definition, rules and thresholds explained: docs/dedup.md.
"""

from normalize.dedup.canonical import canonical, rank_members, sources
from normalize.dedup.config import DEFAULT, Thresholds
from normalize.dedup.engine import Changes, Cluster, Deduper, dedupe
from normalize.dedup.features import Features, kind_rank, prepare
from normalize.dedup.keys import (
    TitleKey,
    blocking_keys,
    org_key,
    org_relation,
    org_words,
    title_key,
    url_key,
)
from normalize.dedup.locations import Rel, Where, relate, where
from normalize.dedup.overrides import NO_OVERRIDES, Override, Overrides, OverridesError, parse_overrides
from normalize.dedup.rules import RULES, Verdict, compare, plain_desc
from normalize.dedup.text import BlockText, DescScore, shingles

__all__ = [
    "DEFAULT", "NO_OVERRIDES", "RULES", "BlockText", "Changes", "Cluster", "Deduper", "DescScore",
    "Features", "Override", "Overrides", "OverridesError", "Rel", "Thresholds", "TitleKey", "Verdict",
    "Where", "blocking_keys", "canonical", "compare", "dedupe", "kind_rank", "org_key",
    "org_relation", "org_words", "parse_overrides",
    "plain_desc", "prepare", "rank_members", "relate", "shingles", "sources", "title_key", "url_key",
    "where",
]
