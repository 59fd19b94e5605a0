"""The format registry: one pure mapping function per source kind, RawListing -> Listing.

Adding a kind is one module in this package (with a `to_listing(raw)` function) and one line in
FORMATS. Nothing else dispatches on kind names.
"""

from __future__ import annotations

from collections.abc import Callable

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


def format_for(kind: str) -> Format:
    """The mapping function for `kind`; UnknownKindError if none is registered."""
    try:
        return FORMATS[kind]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise UnknownKindError(f"no format for kind {kind!r} (known: {known})") from None
