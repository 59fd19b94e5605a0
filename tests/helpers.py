"""Small builders shared by tests."""

from __future__ import annotations

from typing import Any

from normalize.schema import Listing, Location, Organization, Pay


def make_listing(n: int, **fields: Any) -> dict[str, Any]:
    """A valid Listing as its JSON dict; `fields` override the defaults."""
    base = dict(
        id=f"l{n:05d}",
        source="test",
        kind="jsonld",
        url=f"http://127.0.0.1/jobs/{n}",
        title=f"Research Micro-Internship {n}",
        organization=Organization(name="Acme Analytics"),
        description_text="A three week paid research project for students.",
        locations=[Location(city="Boston", region="MA", country="US", raw="Boston, MA")],
        arrangement="remote",
        employment_types=["INTERN"],
        pay=Pay(min=20, max=25, currency="USD", period="HOUR", paid=True, hourly_min=20,
                hourly_max=25),
        posted_at="2026-11-01",
    )
    base.update(fields)
    return Listing(**base).model_dump(mode="json")


def raw_for(listing: dict[str, Any]) -> dict[str, Any]:
    return {"source": listing["source"], "kind": listing["kind"], "url": listing["url"],
            "fetched_at": "2026-11-27T12:00:00+00:00", "payload": {"title": listing["title"]}}
