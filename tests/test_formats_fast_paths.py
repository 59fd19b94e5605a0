"""Format fast paths give the same results as the plain code, and what a
cache holds cannot be changed through a listing."""

from __future__ import annotations

import html
import random
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import pytest
from pydantic import ValidationError

from normalize import normalize_raw
from normalize.fields.dates import parse_date
from normalize.fields.places import parse_place_text
from normalize.fields.urls import absolute_url
from normalize.formats.feed import _RFC822_RE, feed_date
from normalize.formats.greenhouse import _unescape
from normalize.schema import Location

FETCHED = "2026-03-01T00:00:00Z"


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
    for loc in first.locations:  # may be the cache's own: frozen
        with pytest.raises(ValidationError):
            loc.city = "Mutated"
    first.locations.append(Location(city="Extra"))
    first.remote_regions.append("XX")
    again = normalize_raw(_lever(text, "2"))
    assert "Extra" not in {loc.city for loc in again.locations}
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


def _feed_date_via_email(value: str) -> str | None:
    """feed_date as it was: every RFC 822 date through email.utils."""
    if _RFC822_RE.match(value):
        try:
            return parse_date(parsedate_to_datetime(value.strip()))
        except (TypeError, ValueError):
            pass
    return parse_date(value, base=FETCHED, prefer="past")


@pytest.mark.parametrize("value", [
    "Fri, 04 Sep 2026 14:50:13 +0300", "Mon, 09 Mar 2026 07:00:00 +0000", "4 Sep 2026 23:59:59 GMT",
    "Sun, 1 Feb 2026 00:00:00 -0000", "Sat, 29 Feb 2020 10:00:00 UT", "Thu, 31 Dec 2026 10:00:00 Z",
    "Tue, 31 Dec 2026 10:00:00 -2300", " Wed, 01 Jan 2025 10:00:00 UTC\n", "Mon, 31 Apr 2026 10:00:00 +0000",
    "Mon, 29 Feb 2026 10:00:00 +0000", "Mon, 00 Jan 2026 10:00:00 +0000", "Mon, 09 Mar 0026 07:00:00 +0000",
    "Mon, 09 Mar 2026 24:00:00 +0000", "Mon, 09 Mar 2026 07:00:00 +2400", "Mon, 09 Mar 2026 07:00 +0000",
    "Mon, 09 mar 2026 07:00:00 +0000", "09 Mar 26 07:00:00 EST", "2026-03-09T07:00:00Z",
])
def test_feed_date_plain_rfc822_is_email_utils(value):
    assert feed_date(value, base=FETCHED) == _feed_date_via_email(value)
