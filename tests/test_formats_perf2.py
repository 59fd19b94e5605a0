"""The second pass of format fast paths gives the same results as the plain code, and what a
cache holds cannot be changed through a listing."""

from __future__ import annotations

import html

import pytest

from normalize import normalize_raw
from normalize.fields.places import parse_place_text
from normalize.formats.greenhouse import _unescape


@pytest.mark.parametrize("content", [
    "&lt;p&gt;Tom &amp;amp; Jerry&lt;/p&gt;", "&lt;b&gt;&amp;lt;&lt;/b&gt;", "&amp;", "&lt;",
    "&lt;p&gt;caf&eacute;&lt;/p&gt;", "&lt;p&gt;&quot;x&quot;&lt;/p&gt;", "&lt", "&",
])
def test_greenhouse_unescape_common_entities_is_html_unescape(content):
    assert _unescape(content) == html.unescape(content)


def _lever(text: str, job_id: str) -> dict:
    return {"source": "t", "kind": "lever", "url": "https://jobs.lever.co/acme",
            "fetched_at": "2026-03-01T00:00:00Z",
            "payload": {"id": job_id, "text": "Intern", "categories": {"location": text},
                        "_board": {"token": "acme"}}}


@pytest.mark.parametrize("text", ["Berlin, Germany", "San Francisco, CA; Boston, MA",
                                  "Remote (US or Canada)"])
def test_place_text_cache_is_not_shared_with_listings(text):
    expected = parse_place_text(text)
    first = normalize_raw(_lever(text, "1"))
    for loc in first.locations:
        loc.city = "Mutated"
    first.remote_regions.append("XX")
    again = normalize_raw(_lever(text, "2"))
    assert "Mutated" not in {loc.city for loc in again.locations}
    assert "XX" not in again.remote_regions
    assert parse_place_text(text) == expected
