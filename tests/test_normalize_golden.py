"""Golden pairs: tests/golden/normalize/<page>.html -> <page>.expected.json.

Each page is extracted with normalize.extract and every posting normalized as kind `jsonld`
(fetched from https://golden.example/<page>.html). The expected file holds the number of
unreadable JSON-LD blocks and, per posting, a subset of the Listing JSON (or {"error": ...}):
only the keys it names are compared, so adding a Listing field does not touch the goldens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from normalize import NormalizeError, extract_jobpostings, normalize_raw

GOLDEN = Path(__file__).parent / "golden" / "normalize"
PAGES = sorted(GOLDEN.glob("*.html"))
FETCHED_AT = "2026-11-27T10:00:00Z"


def assert_subset(expected: Any, actual: Any, where: str = "listing") -> None:
    """`actual` has every key of `expected` (recursively) with the same value."""
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key}: missing"
            assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), (
            f"{where}: expected {expected!r}, got {actual!r}")
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_subset(e, a, f"{where}[{i}]")
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def normalize_page(page: Path) -> tuple[int, list[dict[str, Any]]]:
    url = f"https://golden.example/{page.name}"
    result = extract_jobpostings(page.read_text(encoding="utf-8"), url)
    listings = []
    for posting in result.postings:
        raw = {"source": "golden", "kind": "jsonld", "url": url, "fetched_at": FETCHED_AT,
               "payload": posting}
        try:
            listings.append(normalize_raw(raw).model_dump(mode="json"))
        except NormalizeError as exc:
            listings.append({"error": type(exc).__name__, "message": str(exc)})
    return len(result.errors), listings


def test_there_are_golden_pages():
    assert len(PAGES) >= 5
    assert all(page.with_suffix(".expected.json").exists() for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_golden_page(page: Path):
    expected = json.loads(page.with_suffix(".expected.json").read_text(encoding="utf-8"))
    errors, listings = normalize_page(page)
    assert errors == expected["errors"]
    assert_subset(expected["listings"], listings, page.stem)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_golden_descriptions_are_safe(page: Path):
    for listing in normalize_page(page)[1]:
        html = listing.get("description_html", "").lower()
        for bad in ("<script", "<iframe", "<img", "<style", "javascript:", "onerror", "onclick"):
            assert bad not in html
