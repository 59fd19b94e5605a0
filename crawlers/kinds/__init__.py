"""The registry of source kinds: one spider class per kind, registered here and only here.

A new kind is one module in this package plus one line below. Its spider declares the
sources-file keys it takes (`options`), whether it can load pages in Chromium (`can_render`),
and checks its options (`check_options`). Two spiders claiming one kind is a start-up error, and
so is a kind without a format in normalize/formats/ (its postings could not be normalized).
"""

from __future__ import annotations

from crawlers.kinds.ashby import AshbySpider
from crawlers.kinds.base import StintSpider
from crawlers.kinds.feed import FeedSpider
from crawlers.kinds.greenhouse import GreenhouseSpider
from crawlers.kinds.html import HtmlSpider
from crawlers.kinds.jsonld import JsonLdSpider
from crawlers.kinds.lever import LeverSpider
from crawlers.kinds.recruitee import RecruiteeSpider
from crawlers.kinds.smartrecruiters import SmartRecruitersSpider
from crawlers.kinds.workable import WorkableSpider
from normalize.formats import FORMATS


def _register(*spiders: type[StintSpider]) -> dict[str, type[StintSpider]]:
    registry: dict[str, type[StintSpider]] = {}
    for spider in spiders:
        if spider.kind in registry:
            raise RuntimeError(f"kind {spider.kind!r} registered twice: "
                               f"{registry[spider.kind].__name__} and {spider.__name__}")
        registry[spider.kind] = spider
    return registry


def check_formats(kinds: dict[str, type[StintSpider]], formats: dict[str, object]) -> None:
    """Every spider kind has a format in normalize/formats/; RuntimeError naming those without."""
    missing = sorted(set(kinds) - set(formats))
    if missing:
        raise RuntimeError(f"spider kind(s) without a format in normalize/formats/: {', '.join(missing)} "
                           f"(formats: {', '.join(sorted(formats))})")


KINDS: dict[str, type[StintSpider]] = _register(
    JsonLdSpider,
    GreenhouseSpider,
    LeverSpider,
    AshbySpider,
    SmartRecruitersSpider,
    WorkableSpider,
    RecruiteeSpider,
    FeedSpider,
    HtmlSpider,
)
check_formats(KINDS, FORMATS)
