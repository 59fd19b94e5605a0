"""Small builders shared by tests."""

from __future__ import annotations

from typing import Any

from normalize.schema import Listing, Location, Organization, Pay

_A = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ironwood", "Juniper",
      "Kapok", "Larch", "Maple", "Nutmeg", "Oak", "Pine", "Quince", "Rowan", "Spruce", "Teak"]
_B = ["Analytics", "Robotics", "Media", "Health", "Energy", "Foods", "Labs", "Studios", "Capital",
      "Logistics", "Learning", "Bio", "Games", "Maps", "Security", "Travel", "Legal", "Music",
      "Textiles", "Water"]
_C = ["Group", "Works", "Partners", "Collective", "Company", "Institute", "Cooperative", "Agency",
      "Network", "Foundry", "Guild", "Society", "Alliance", "Bureau", "Center", "Forum", "Hub",
      "League", "Office", "Union"]


def org_name(n: int) -> str:
    """A distinct organization per n (up to 8,000), so test listings never deduplicate."""
    return f"{_A[n % 20]} {_B[n // 20 % 20]} {_C[n // 400 % 20]}"


def make_listing(n: int, **fields: Any) -> dict[str, Any]:
    """A valid Listing as its JSON dict; `fields` override the defaults. Listings with different
    `n` are different openings (different organizations)."""
    base = dict(
        id=f"l{n:05d}",
        source="test",
        kind="jsonld",
        url=f"http://127.0.0.1/jobs/{n}",
        title=f"Research Micro-Internship {n}",
        organization=Organization(name=org_name(n)),
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
