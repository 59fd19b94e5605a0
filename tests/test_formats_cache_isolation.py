"""The caches and fast paths the formats use give the same results as the plain code, and a
caller that changes what it got cannot change what later callers get."""

from __future__ import annotations

import html

import pytest
from pydantic import ValidationError

from normalize.fields.employment import parse_employment_types
from normalize.fields.pay import parse_pay_text
from normalize.fields.places import location_from_address, parse_place_text
from normalize.formats._cache import cached_pay_text
from normalize.formats.greenhouse import _unescape


@pytest.mark.parametrize("text", ["San Francisco, CA; Boston, MA", "Remote (US or Canada)"])
def test_parse_place_text_result_cannot_corrupt_the_cache(text):
    first = parse_place_text(text)
    expected = parse_place_text(text).locations, list(parse_place_text(text).regions)
    for loc in first.locations:  # shared with the cache, and frozen
        with pytest.raises(ValidationError):
            loc.city = "Mutated"
    first.regions.append("XX")
    first.others.clear()
    again = parse_place_text(text)
    assert (again.locations, again.regions) == expected
    assert "Mutated" not in {loc.city for loc in again.locations}


def test_location_from_address_result_cannot_corrupt_the_cache():
    address = {"addressLocality": "Berlin", "addressCountry": "DE"}
    first = location_from_address(address)
    with pytest.raises(ValidationError):
        first.city = "Mutated"
    assert location_from_address(dict(address)).city == "Berlin"


def test_location_from_address_same_with_odd_values():
    # Values other than strings (a Country object, a list) take the uncached path.
    assert location_from_address({"addressLocality": ["Paris"], "addressCountry": {"name": "France"}}
                                 ).model_dump() == {"city": "Paris", "region": None,
                                                    "country": "FR", "raw": "Paris, France"}


@pytest.mark.parametrize("content", [
    "&lt;p&gt;Tom &amp;amp; Jerry&#x27;s &quot;job&quot;&lt;/p&gt;",
    "&amp;nbsp;&amp;lt;&#39;", "&amp;#x27;", "&lt;p&gt;caf&eacute; &copy; 2026&lt;/p&gt;",
    "a & b &lt", "&ltp;", "x&", "",
])
def test_greenhouse_unescape_is_html_unescape(content):
    assert _unescape(content) == html.unescape(content)


def test_cached_pay_text_is_parse_pay_text_and_cannot_be_corrupted():
    for text in ("$20 - $25 an hour", "C$3,000 per month", "Unpaid", "DOE", ""):
        assert cached_pay_text(text, dollar="CAD") == parse_pay_text(text, dollar="CAD")
    first = cached_pay_text("$20 - $25 an hour")
    with pytest.raises(ValidationError):
        first.min = 1.0
    assert cached_pay_text("$20 - $25 an hour") == parse_pay_text("$20 - $25 an hour")


def test_parse_employment_types_result_cannot_corrupt_the_cache():
    first = parse_employment_types("Intern - Part Time")
    assert first == ["INTERN", "PART_TIME"]
    first.append("FULL_TIME")
    assert parse_employment_types(["Intern - Part Time", "Full-time"]) == [
        "INTERN", "PART_TIME", "FULL_TIME"]
    assert parse_employment_types("Intern - Part Time") == ["INTERN", "PART_TIME"]
