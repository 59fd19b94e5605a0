"""The format registry: one pure mapping function per source kind, RawListing -> Listing.

Adding a kind is one module in this package with a `to_listing(raw)` function, named for its
kind, and its name in the `_register(...)` line below (docs/architecture.md has a worked
example). Nothing else dispatches on kind names. Every spider kind in crawlers/kinds/ must have a
format here: crawlers.kinds checks that at import.

A format may also have `description_source(raw)`: the HTML its to_listing will sanitize, worked
out from the payload alone, so that a batch sanitizes and scans its descriptions back to back
(see normalize.normalize_many). Without one, only that speed-up is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from normalize.errors import UnknownKindError
from normalize.formats import (
    ashby,
    feed,
    greenhouse,
    html,
    jsonld,
    lever,
    recruitee,
    smartrecruiters,
    workable,
)
from normalize.schema import Listing, RawListing

Format = Callable[[RawListing], Listing]


def _register(*modules: ModuleType) -> dict[str, ModuleType]:
    """kind -> format module; a module's name is its kind. A kind registered twice is an error
    at import, like a module without `to_listing`."""
    registry: dict[str, ModuleType] = {}
    for module in modules:
        kind = module.__name__.rpartition(".")[2]
        if kind in registry:
            raise RuntimeError(f"format {kind!r} registered twice")
        if not callable(getattr(module, "to_listing", None)):
            raise RuntimeError(f"format module {module.__name__} has no to_listing()")
        registry[kind] = module
    return registry


# The one registry line per kind.
_MODULES = _register(jsonld, greenhouse, lever, ashby, smartrecruiters, workable, recruitee, feed, html)

FORMATS: dict[str, Format] = {kind: module.to_listing for kind, module in _MODULES.items()}

# kind -> its format's description_source, for the kinds that have one (a wrong one only loses
# the speed-up: the listing is the same).
SOURCES: dict[str, Callable[[RawListing], Any]] = {
    kind: module.description_source for kind, module in _MODULES.items()
    if callable(getattr(module, "description_source", None))
}


def format_for(kind: str) -> Format:
    """The mapping function for `kind`; UnknownKindError if none is registered."""
    try:
        return FORMATS[kind]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownKindError(f"no format for kind {kind!r} (known: {known})") from None
