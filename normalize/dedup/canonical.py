"""The canonical record of a cluster: one Listing made of its members' best fields, plus
`sources` (every place to apply) and `cluster_id`.

Members are ranked by trust: active before expired, then the source kind (ATS APIs >
jsonld > feed > html > anything else), then completeness (how many fields are filled), then
age (oldest first). The top member is the base; then field by field:

- scalar and list fields: the first non-empty value in rank order;
- compound fields read as a whole (pay, duration, hours, locations): the most complete value,
  rank breaking ties, so a structured salary is never mixed with a scraped one;
- the description: the highest-ranked full one; a description much shorter than the longest
  (cut by a feed or board, under 80% of it) is skipped;
- skills: the union, in rank order;
- first_seen_at: the earliest; last_seen_at: the latest; status: active if any member is.
"""

from __future__ import annotations

from typing import Any

from normalize.dedup.features import kind_rank

FIRST_NON_EMPTY = ("apply_url", "posted_at", "deadline", "start_date", "category",
                   "employment_types", "eligibility", "remote_regions")
MOST_COMPLETE = ("pay", "duration_weeks", "hours_per_week")
TRUNCATED_SHARE = 0.8
SOURCE_FIELDS = ("source", "kind", "url", "apply_url", "first_seen_at", "status")


def _filled(value: Any) -> int:
    """How much a value says: the number of non-empty leaves (False and 0 count as said)."""
    if value is None or value == "" or value == [] or value == {}:
        return 0
    if isinstance(value, dict):
        return sum(_filled(v) for k, v in value.items() if k != "raw" and k != "hourly_derived")
    if isinstance(value, list):
        return sum(_filled(v) for v in value) or 1
    return 1


# What the store adds to a listing about its life in Stint, not what the posting says: it must
# not rank members (a member synced before has a cluster id, a new one not yet).
BOOKKEEPING = frozenset({"cluster_id", "expired_at", "expired_reason"})


def _completeness(listing: dict[str, Any]) -> int:
    return sum(1 for k, v in listing.items()
               if v not in (None, "", [], {}, "unknown") and k not in BOOKKEEPING)


def rank_members(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(members, key=lambda m: (
        m.get("status", "active") != "active", kind_rank(m.get("kind")), -_completeness(m),
        m.get("first_seen_at") or "~", str(m["id"])))


def sources(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every (source, url, first seen) of the members, oldest first."""
    ordered = sorted(members, key=lambda m: (m.get("first_seen_at") or "~", str(m["id"])))
    return [{"listing_id": m["id"], **{k: m.get(k) for k in SOURCE_FIELDS}} for m in ordered]


def canonical(members: list[dict[str, Any]], cluster_id: str) -> dict[str, Any]:
    """The canonical Listing of a cluster (a new dict; members are not modified)."""
    if len(members) == 1:
        out = dict(members[0])
    else:
        ranked = rank_members(members)
        out = dict(ranked[0])
        _merge_fields(out, ranked)
    out["id"] = cluster_id
    out["cluster_id"] = cluster_id
    out["sources"] = sources(members)
    return out


def _merge_fields(out: dict[str, Any], ranked: list[dict[str, Any]]) -> None:
    for name in FIRST_NON_EMPTY:
        out[name] = next((m[name] for m in ranked if _filled(m.get(name))), out.get(name))
    for name in MOST_COMPLETE:
        best = max(ranked, key=lambda m, n=name: _filled(m.get(n)))  # max keeps the first of ties
        out[name] = best.get(name, out.get(name))
    out["organization"] = {
        "name": next((m["organization"]["name"] for m in ranked
                      if (m.get("organization") or {}).get("name")), None),
        "domain": next((m["organization"]["domain"] for m in ranked
                        if (m.get("organization") or {}).get("domain")), None),
    }
    best_places = max(ranked, key=lambda m: _filled(m.get("locations")))
    out["locations"] = best_places.get("locations") or []
    out["arrangement"] = next((m["arrangement"] for m in ranked
                               if m.get("arrangement") not in (None, "unknown")), "unknown")
    longest = max(len(m.get("description_text") or "") for m in ranked)
    full = next(m for m in ranked if len(m.get("description_text") or "") >= TRUNCATED_SHARE * longest)
    out["description_text"] = full.get("description_text") or ""
    out["description_html"] = full.get("description_html") or out.get("description_html") or ""
    skills: dict[str, None] = {}
    for m in ranked:
        skills.update(dict.fromkeys(m.get("skills") or ()))
    out["skills"] = list(skills)
    seen = [m["first_seen_at"] for m in ranked if m.get("first_seen_at")]
    last = [m["last_seen_at"] for m in ranked if m.get("last_seen_at")]
    out["first_seen_at"] = min(seen) if seen else out.get("first_seen_at")
    out["last_seen_at"] = max(last) if last else out.get("last_seen_at")
    out["status"] = "active" if any(m.get("status", "active") == "active" for m in ranked) else "expired"
