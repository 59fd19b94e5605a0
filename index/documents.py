"""Listing -> Meilisearch document.

A document is the Listing's JSON plus a few flat fields that filters, facets and sorts need
(Meilisearch filters on numbers and plain values; dates become epoch seconds). The flat names
below are what the search API filters on.

Documents are lean: what search, facets, sorting and a result card need. The description is
kept as text cut to DESCRIPTION_CHARS (for matching and the snippet); `description_html`,
`warnings` and the fields that move on every crawl (`fetched_at`, `last_seen_at`) stay in the
store, and /listings/{id} adds them from there (`description_from` names the listing whose
description the document carries).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from index import rates
from normalize.fields.places import is_country_code

INDEX_UID = "listings"

SEARCHABLE = [
    "title",
    "organization.name",
    "skills",
    "category",
    "cities",
    "countries",
    "description_text",
]
FILTERABLE = [
    "id",
    "arrangement",
    "employment_types",
    "countries",
    "cities",
    "paid",
    "organization_name",
    "category",
    "skills",
    "is_micro",
    "status",
    "source",
    "kind",
    "posted_at_ts",
    "deadline_ts",
    "pay_hourly_min",
    "pay_hourly_min_usd",
    "pay.currency",
    "duration_weeks_max",
    "hours_per_week_max",
]
SORTABLE = ["posted_at_ts", "deadline_ts", "pay_hourly_min", "pay_hourly_min_usd"]
FACETS = ["arrangement", "employment_types", "countries", "paid", "category", "organization_name"]

SETTINGS: dict[str, Any] = {
    "searchableAttributes": SEARCHABLE,
    "filterableAttributes": FILTERABLE,
    "sortableAttributes": SORTABLE,
    "displayedAttributes": ["*"],
    "faceting": {"maxValuesPerFacet": 100},
    # "sort" first: an explicit sort (newest, deadline, pay) beats text relevance, so a feed with
    # a query really holds the newest postings. Without a sort parameter the rule does nothing.
    "rankingRules": ["sort", "words", "typo", "proximity", "attribute", "exactness"],
    # Proximity counts whether query words fall in the same field, not how far apart they are
    # in it: indexing word-pair distances is most of Meilisearch's work on long descriptions
    # (2-3x slower updates, measured for issue 18), and titles are short enough that "same
    # field" is nearly "next to each other" where it matters most.
    "proximityPrecision": "byAttribute",
    # Exact totals with page/hitsPerPage are bounded by maxTotalHits.
    "pagination": {"maxTotalHits": 100_000},
}


def epoch(value: str | None) -> int | None:
    """ISO date or datetime -> epoch seconds (UTC), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return int(parsed.timestamp())


# Characters of description text a document keeps: enough for matching and the snippet. The
# real postings measured for issue 18 carry ~5 KB of text and as much HTML.
DESCRIPTION_CHARS = 4_000
# Left out of documents: served from the store (see the module docstring).
STORE_ONLY_FIELDS = ("description_html", "warnings", "fetched_at", "last_seen_at")
# Fields that change without the posting changing: never a reason to send a document again.
VOLATILE_DOC_FIELDS = frozenset({"fetched_at", "last_seen_at"})


def bounded_text(text: str | None, limit: int = DESCRIPTION_CHARS) -> str:
    """`text` cut to at most `limit` characters, at a word boundary when there is one."""
    text = text or ""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ", limit - 200)
    return cut[:space] if space > 0 else cut


def usd(amount: float | None, currency: str | None) -> float | None:
    return rates.active().to_usd(amount, currency)


def to_document(listing: dict[str, Any]) -> dict[str, Any]:
    """The Meilisearch document of one Listing (as its JSON dict)."""
    locations = listing.get("locations") or []
    pay = listing.get("pay") or {}
    doc = {k: v for k, v in listing.items() if k not in STORE_ONLY_FIELDS}
    doc["description_text"] = bounded_text(listing.get("description_text"))
    doc.update(
        organization_name=(listing.get("organization") or {}).get("name"),
        # Where the work is, and where a remote worker may be ("Remote (US)"): both answer
        # `country=US`. Region words ("EU", "EMEA") are not countries.
        countries=sorted({loc["country"] for loc in locations if loc.get("country")}
                         | {r for r in listing.get("remote_regions") or () if is_country_code(r)}),
        cities=sorted({loc["city"] for loc in locations if loc.get("city")}),
        paid=pay.get("paid"),
        pay_hourly_min=pay.get("hourly_min"),
        # In US dollars at the reference rates (index.rates), so pay_min and sort=pay compare
        # amounts, not bare numbers in different currencies.
        pay_hourly_min_usd=usd(pay.get("hourly_min"), pay.get("currency")),
        pay_hourly_max_usd=usd(pay.get("hourly_max"), pay.get("currency")),
        duration_weeks_max=(listing.get("duration_weeks") or {}).get("max"),
        hours_per_week_max=(listing.get("hours_per_week") or {}).get("max"),
        is_micro=(listing.get("micro_internship") or {}).get("is_micro", False),
        posted_at_ts=epoch(listing.get("posted_at")),
        deadline_ts=epoch(listing.get("deadline")),
    )
    return doc


def store_ids(doc: dict[str, Any]) -> list[str]:
    """The listings a document's store-only fields come from: its members."""
    ids = [doc.get("description_from"), doc.get("id"), *(doc.get("member_ids") or ())]
    return list(dict.fromkeys(str(i) for i in ids if i))


def full_document(doc: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    """A lean document completed from its stored listings: the full description (HTML and
    text) of the listing it was taken from, its warnings, and the latest fetch and sighting."""
    by_id = {str(m["id"]): m for m in members}
    source = by_id.get(str(doc.get("description_from"))) or by_id.get(str(doc.get("id")))
    out = dict(doc)
    if source is not None:
        out["description_html"] = source.get("description_html") or ""
        out["description_text"] = source.get("description_text") or out.get("description_text")
        out["warnings"] = source.get("warnings") or []
    for name in VOLATILE_DOC_FIELDS:
        found = [m[name] for m in members if m.get(name)]
        if found:
            out[name] = max(found)
    return out
