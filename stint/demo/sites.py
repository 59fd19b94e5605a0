"""The registry of sample sites: one module per site, each with THEME, routes(base) and
source(base). Adding a site is one module plus one line here."""

from __future__ import annotations

from types import ModuleType

from . import gigbridge, harbor, northfield
from .layout import SITE_NAMES

SITES: dict[str, ModuleType] = {"northfield": northfield, "gigbridge": gigbridge,
                                "harbor": harbor}
assert tuple(SITES) == SITE_NAMES, "the registry and the layout must name the same sites"


def sources(base_urls: dict[str, str]) -> list[dict]:
    """The sources configuration that crawls the served network, one dict per site."""
    return [SITES[name].source(base) for name, base in base_urls.items()]
