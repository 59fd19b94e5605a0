"""A factory of Listing dicts for the dedup tests."""

from __future__ import annotations

import copy
from typing import Any

from normalize.schema import Listing

DESCRIPTION = (
    "About Acme Analytics\nAcme Analytics is a software company based in Boston. We help small "
    "businesses make sense of their customer data.\nThe project\nWe are looking for a data "
    "analyst to help our growth team with a short, paid project.\nWhat you'll do\n"
    "- Clean and merge three spreadsheets of customer records\n- Build charts that explain our "
    "monthly sales trends\n- Write SQL queries to answer questions from the sales team\n"
    "Details\nPay: $20-25 per hour. You will work from our Boston office."
)
OTHER_DESCRIPTION = (
    "About Acme Analytics\nAcme Analytics is a software company based in Boston. We help small "
    "businesses make sense of their customer data.\nThe project\nWe need help organizing our "
    "vendor contracts in a shared drive and mapping our order fulfillment process.\n"
    "- Track inventory for two warehouses\n- Build a tracker for volunteer hours\n"
    "- Review our job descriptions for inclusive language\n- Prepare onboarding packets"
)


def listing(id: str, **fields: Any) -> dict[str, Any]:
    base = {
        "id": id, "source": "acme-greenhouse", "kind": "greenhouse",
        "url": f"https://boards.greenhouse.example/acme/{id}",
        "apply_url": f"https://boards.greenhouse.example/acme/{id}/apply",
        "title": "Data Analyst Intern",
        "organization": {"name": "Acme Analytics, Inc.", "domain": "acme-analytics.com"},
        "description_text": DESCRIPTION, "description_html": "<p>...</p>",
        "locations": [{"city": "Boston", "region": "MA", "country": "US", "raw": "Boston, MA"}],
        "arrangement": "onsite", "posted_at": "2026-04-01",
        "first_seen_at": "2026-04-02T08:00:00+00:00", "last_seen_at": "2026-04-20T08:00:00+00:00",
    }
    base.update(copy.deepcopy(fields))
    return Listing.model_validate(base).model_dump(mode="json")
