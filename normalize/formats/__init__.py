"""The format registry: one pure mapping function per source kind, RawListing -> Listing.

Adding a kind is one module in this package (with a `to_listing(raw)` function, and a
`description_source(raw)` that gives the HTML to_listing will sanitize) and a line in FORMATS and
SOURCES. Nothing else dispatches on kind names.
"""

from __future__ import annotations

from collections.abc import Callable
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

FORMATS: dict[str, Format] = {
    "jsonld": jsonld.to_listing,
    "greenhouse": greenhouse.to_listing,
    "lever": lever.to_listing,
    "ashby": ashby.to_listing,
    "smartrecruiters": smartrecruiters.to_listing,
    "workable": workable.to_listing,
    "recruitee": recruitee.to_listing,
    "feed": feed.to_listing,
    "html": html.to_listing,
}


# The HTML each kind's to_listing passes to sanitize_html, worked out from the payload alone, so
# that normalize_many can sanitize a batch's descriptions back to back (a wrong or missing one
# only loses that speed-up: the listing is the same).
SOURCES: dict[str, Callable[[RawListing], Any]] = {
    "jsonld": jsonld.description_source,
    "greenhouse": greenhouse.description_source,
    "lever": lever.description_source,
    "ashby": ashby.description_source,
    "smartrecruiters": smartrecruiters.description_source,
    "workable": workable.description_source,
    "recruitee": recruitee.description_source,
    "feed": feed.description_source,
    "html": html.description_source,
}


def format_for(kind: str) -> Format:
    """The mapping function for `kind`; UnknownKindError if none is registered."""
    try:
        return FORMATS[kind]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownKindError(f"no format for kind {kind!r} (known: {known})") from None
