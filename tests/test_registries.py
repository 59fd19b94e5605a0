"""One registry per layer: spider kinds in crawlers/kinds/, formats in normalize/formats/, each kind
registered once, and every spider kind has a format (checked when crawlers.kinds is imported)."""

from __future__ import annotations

import types

import pytest

from crawlers.kinds import KINDS, StintSpider, _register, check_formats
from normalize.formats import FORMATS, SOURCES
from normalize.formats import _register as register_formats


def test_every_spider_kind_has_a_format():
    assert set(KINDS) <= set(FORMATS)
    assert set(SOURCES) <= set(FORMATS)


def test_a_kind_without_a_format_fails_at_start_up():
    orphan = type("OrphanSpider", (StintSpider,), {"kind": "orphan", "name": "orphan"})
    with pytest.raises(RuntimeError, match="without a format in normalize/formats/: orphan"):
        check_formats({**KINDS, "orphan": orphan}, FORMATS)


def test_a_spider_kind_registered_twice_fails():
    spider = next(iter(KINDS.values()))
    twin = type("Twin", (spider,), {})
    with pytest.raises(RuntimeError, match="registered twice"):
        _register(spider, twin)


def test_a_format_registered_twice_or_incomplete_fails():
    def module(name: str, **functions) -> types.ModuleType:
        made = types.ModuleType(f"normalize.formats.{name}")
        made.__dict__.update(functions)
        return made

    complete = {"to_listing": lambda raw: raw}
    assert set(register_formats(module("a", **complete), module("b", **complete))) == {"a", "b"}
    with pytest.raises(RuntimeError, match="'a' registered twice"):
        register_formats(module("a", **complete), module("a", **complete))
    with pytest.raises(RuntimeError, match="has no to_listing"):
        register_formats(module("c", description_source=complete["to_listing"]))
    # description_source is optional: without it only the batch's head start is lost
    assert set(register_formats(module("d", to_listing=complete["to_listing"]))) == {"d"}
