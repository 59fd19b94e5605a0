"""Operator corrections: force-merge and force-split listing ids, parsed from TOML text.

    # dedupe.toml
    [[merge]]                       # these listings are one opening, whatever the scores say
    ids = ["3f2a...", "9b1c..."]
    reason = "German and English copy of one posting"

    [[split]]                       # these listings are never in one cluster
    ids = ["77aa...", "0c4d..."]
    reason = "two cohorts of the same program"

A merge joins all its ids (and so their clusters), skipping the place guard. A split forbids
every pair of its ids from sharing a cluster, even through other listings; it wins over a merge
that would break it. Parsing is strict: an unknown key, a missing `ids`, an id that is not a
string or a pair both merged and split is an error naming the file and line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from itertools import combinations

KINDS = ("merge", "split")
KEYS = frozenset({"ids", "reason"})


class OverridesError(ValueError):
    """An overrides file that cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Override:
    ids: tuple[str, ...]
    reason: str = ""


@dataclass(frozen=True)
class Overrides:
    merges: tuple[Override, ...] = ()
    splits: tuple[Override, ...] = ()
    # Lookups built once: id -> the merges / split partners that mention it.
    merge_of: dict[str, list[Override]] = field(default_factory=dict, compare=False)
    split_of: dict[str, dict[str, Override]] = field(default_factory=dict, compare=False)

    @classmethod
    def build(cls, merges: list[Override], splits: list[Override]) -> Overrides:
        merge_of: dict[str, list[Override]] = {}
        for m in merges:
            for i in m.ids:
                merge_of.setdefault(i, []).append(m)
        split_of: dict[str, dict[str, Override]] = {}
        for s in splits:
            for a, b in combinations(s.ids, 2):
                split_of.setdefault(a, {})[b] = s
                split_of.setdefault(b, {})[a] = s
        return cls(tuple(merges), tuple(splits), merge_of, split_of)

    def forced(self, a: str, b: str) -> str | None:
        """'merge' or 'split' when an operator decided this pair, else None."""
        if b in self.split_of.get(a, {}):
            return "split"
        if any(b in m.ids for m in self.merge_of.get(a, ())):
            return "merge"
        return None


NO_OVERRIDES = Overrides()


def _table_line(text: str, kind: str, n: int) -> int:
    """The line number of the n-th (0-based) `[[kind]]` header, for error messages."""
    seen = -1
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().replace(" ", "").startswith(f"[[{kind}]]"):
            seen += 1
            if seen == n:
                return number
    return 0


def parse_overrides(text: str, filename: str = "dedupe.toml") -> Overrides:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OverridesError(f"{filename}: {exc}") from None
    unknown = sorted(set(data) - set(KINDS))
    if unknown:
        raise OverridesError(f"{filename}: unknown table {unknown[0]!r} (expected [[merge]] or [[split]])")
    found: dict[str, list[Override]] = {}
    for kind in KINDS:
        tables = data.get(kind, [])
        if not isinstance(tables, list):
            raise OverridesError(f"{filename}: {kind} must be an array of tables: [[{kind}]]")
        found[kind] = [_override(t, kind, i, text, filename) for i, t in enumerate(tables)]
    merged = {frozenset(p) for m in found["merge"] for p in combinations(m.ids, 2)}
    for i, s in enumerate(found["split"]):
        for pair in combinations(s.ids, 2):
            if frozenset(pair) in merged:
                line = _table_line(text, "split", i)
                raise OverridesError(f"{filename}:{line}: {pair[0]} and {pair[1]} are both merged "
                                     "and split")
    return Overrides.build(found["merge"], found["split"])


def _override(table: object, kind: str, i: int, text: str, filename: str) -> Override:
    where = f"{filename}:{_table_line(text, kind, i)}: [[{kind}]]"
    if not isinstance(table, dict):
        raise OverridesError(f"{where}: not a table")
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise OverridesError(f"{where}: unknown key {unknown[0]!r} (expected ids, reason)")
    ids = table.get("ids")
    if not isinstance(ids, list) or len(ids) < 2 or not all(isinstance(x, str) and x for x in ids):
        raise OverridesError(f"{where}: ids must be a list of at least two listing ids (strings)")
    if len(set(ids)) != len(ids):
        raise OverridesError(f"{where}: an id is listed twice")
    reason = table.get("reason", "")
    if not isinstance(reason, str):
        raise OverridesError(f"{where}: reason must be a string")
    return Override(tuple(ids), reason)
