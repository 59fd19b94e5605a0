"""The format registry: one pure mapping function per source kind, RawListing -> Listing.

Adding a kind is one module in this package (with a `to_listing(raw)` function, and a
`description_source(raw)` that gives the HTML to_listing will sanitize), named for its kind, and
its name in the `_register(...)` line below. Nothing else dispatches on kind names. Every spider
kind in crawlers/kinds/ must have a format here: crawlers.kinds checks that at import.
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
    at import, like a module without `to_listing` or `description_source`."""
    registry: dict[str, ModuleType] = {}
    for module in modules:
        kind = module.__name__.rpartition(".")[2]
        if kind in registry:
            raise RuntimeError(f"format {kind!r} registered twice")
        for name in ("to_listing", "description_source"):
            if not callable(getattr(module, name, None)):
                raise RuntimeError(f"format module {module.__name__} has no {name}()")
        registry[kind] = module
    return registry


# The one registry line per kind.
_MODULES = _register(jsonld, greenhouse, lever, ashby, smartrecruiters, workable, recruitee, feed, html)

FORMATS: dict[str, Format] = {kind: module.to_listing for kind, module in _MODULES.items()}

# The HTML each kind's to_listing passes to sanitize_html, worked out from the payload alone, so
# that normalize_many can sanitize a batch's descriptions back to back (a wrong or missing one
# only loses that speed-up: the listing is the same).
SOURCES: dict[str, Callable[[RawListing], Any]] = {
    kind: module.description_source for kind, module in _MODULES.items()
}


def format_for(kind: str) -> Format:
    """The mapping function for `kind`; UnknownKindError if none is registered."""
    try:
        return FORMATS[kind]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownKindError(f"no format for kind {kind!r} (known: {known})") from None
