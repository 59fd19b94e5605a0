"""The sources file is parsed strictly, and every message names the file and line."""

from __future__ import annotations

import pytest

from crawlers.sources import ConfigError, dump_sources, load_sources, parse_sources

GOOD = """
[crawler]
contact = "https://example.org/bot"

[[source]]
name = "northfield"
kind = "jsonld"
start_urls = ["http://127.0.0.1:9/jobs"]
link_selector = "a.job-link"
max_pages = 10
audience = "students"

[[source]]
name = "gigs"
kind = "jsonld"
sitemap_urls = ["http://127.0.0.1:9/sitemap.xml"]
enabled = false
"""


def test_good_file():
    parsed = parse_sources(GOOD, "s.toml")
    assert [s.name for s in parsed.sources] == ["northfield", "gigs"]
    first = parsed.sources[0]
    assert first.options == {"start_urls": ["http://127.0.0.1:9/jobs"],
                             "link_selector": "a.job-link"}
    assert first.max_pages == 10 and first.origin == "s.toml:5"
    assert first.audience == "students" and parsed.sources[1].audience is None
    assert parsed.sources[1].enabled is False
    assert parsed.crawler == {"contact": "https://example.org/bot"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[source]]\nname = "a"\nkind = "nope"\n', r"s.toml:1: .*unknown kind 'nope'"),
        ('\n\n[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["x"]\nstart_url = "x"\n',
         r"s.toml:3: .*unknown key 'start_url'"),
        ('[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = "x"\n',
         r"'start_urls' must be list"),
        ('[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["x"]\nmax_pages = true\n',
         r"'max_pages' must be int"),
        ('[[source]]\nname = "a"\nkind = "jsonld"\n', r"needs start_urls or sitemap_urls"),
        ('[[source]]\nname = "a b"\nkind = "jsonld"\n', r"letters, digits"),
        ('[[source]]\nkind = "jsonld"\n', r"needs both 'name' and 'kind'"),
        ('[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["x"]\n'
         '[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["y"]\n',
         r"s.toml:5: duplicate source name 'a' \(first at s.toml:1\)"),
        ("[source\n", r"not valid TOML"),
        ('[sources]\nx = 1\n', r"unknown top-level"),
        ('[crawler]\ncontakt = "x"\n', r"unknown key 'contakt'"),
        ('[[source]]\nname = "a"\nkind = "jsonld"\nstart_urls = ["x"]\naudience = "everyone"\n',
         r"audience must be one of 'students', 'any', not 'everyone'"),
    ],
)
def test_bad_files_say_where(text, message):
    with pytest.raises(ConfigError, match=message):
        parse_sources(text, "s.toml")


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="cannot read sources file"):
        load_sources(tmp_path / "nope.toml")


def test_dump_round_trip():
    parsed = parse_sources(GOOD, "s.toml")
    again = parse_sources(dump_sources([s.as_dict() for s in parsed.sources], parsed.crawler))
    assert [s.as_dict() for s in again.sources] == [s.as_dict() for s in parsed.sources]


def test_shipped_sources_file_parses():
    from pathlib import Path

    shipped = load_sources(Path(__file__).parent.parent / "sources.toml")
    assert shipped.sources and all(s.kind for s in shipped.sources)


def test_audience_reaches_the_raw_listing_and_the_verdict():
    """A source's `audience` rides on its RawListings, and the micro-internship verdict reads
    it: a short paid part-time gig that never says "students" is one on a career center's board
    (audience = "students") and not on a general board."""
    from scrapy.utils.test import get_crawler

    from crawlers.kinds import KINDS
    from normalize import normalize_raw

    source = parse_sources(GOOD, "s.toml").sources[0]
    spider = KINDS[source.kind].from_crawler(get_crawler(KINDS[source.kind]), source=source)
    item = spider.raw_listing("http://127.0.0.1:9/jobs/1", {
        "@type": "JobPosting", "title": "Survey Data Cleanup",
        "description": "A 3-week project, about 10 hours per week. $20 per hour."})
    assert item["audience"] == "students"
    assert normalize_raw(item).micro_internship.is_micro
    assert not normalize_raw({**item, "audience": None}).micro_internship.is_micro
