"""The second pass of format fast paths gives the same results as the plain code, and what a
cache holds cannot be changed through a listing."""

from __future__ import annotations

import html
import random
from urllib.parse import urljoin

import pytest

from normalize import normalize_raw
from normalize.fields.places import parse_place_text
from normalize.fields.urls import absolute_url
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


def _joined(href: str, base: str) -> str | None:
    """absolute_url without its fast paths."""
    try:
        url = urljoin(base, href.strip())
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


@pytest.mark.parametrize("base", [
    "https://acme.com/jobs", "http://acme.com", "https://acme.com?x=1", "https://acme.com#top",
    "HTTPS://acme.com/x", "https://[::1]/x", "https://acme.com:8080/a/b/", " https://acme.com/",
    "https://ac\tme.com/", "https://u@acme.com/x;p?q#f", "https://", "https:///x", "ftp://acme.com/",
    "https://é.com/x", "https://acme.com\n",
])
def test_absolute_url_root_relative_is_urljoin(base):
    rng = random.Random(base)
    alphabet = [*"/.?#;:@%&=+aZ09_-~!$'()*, \té[]\\", "..", "/..", "/.", "//"]
    hrefs = ["/", "/jobs/42", "/jobs?id=42", "/jobs?", "/jobs#x", "/a/../b", "/a/./b", "/a/..",
             "/a;p", "/a//b", "/é", "//cdn.acme.com/x"]
    hrefs += ["/" + "".join(rng.choices(alphabet, k=rng.randint(0, 8))) for _ in range(3000)]
    for href in hrefs:
        if href.strip():
            assert absolute_url(href, base) == _joined(href, base), href
