"""normalize: pure functions from a source's raw payload to the common Listing schema.

    normalize_raw(raw) -> Listing          dispatch on raw.kind through formats.FORMATS
    normalize_many(raws) -> [Listing | error]   the same for a batch, an error in place of a bad one
    extract.extract_jobpostings(html, url) schema.org JobPostings in a page (JSON-LD, microdata)

No I/O and no Scrapy here: spiders locate postings, everything that gives them meaning is here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from normalize.collector import gc_paused
from normalize.errors import NormalizeError, UnknownKindError
from normalize.extract import ExtractResult, extract_jobpostings
from normalize.formats import FORMATS, format_for
from normalize.schema import Listing, RawListing

__all__ = [
    "FORMATS",
    "ExtractResult",
    "Listing",
    "NormalizeError",
    "RawListing",
    "UnknownKindError",
    "extract_jobpostings",
    "gc_paused",
    "kinds",
    "normalize_many",
    "normalize_raw",
]


def kinds() -> list[str]:
    """The source kinds that have a format, for validating configuration at start-up."""
    return sorted(FORMATS)


def normalize_raw(raw: RawListing | dict[str, Any]) -> Listing:
    """One RawListing (or its dict / JSONL form) to a Listing.

    UnknownKindError if no format handles raw.kind; NormalizeError if the payload cannot make a
    listing at all. Fields that cannot be read are left empty and named in Listing.warnings.
    """
    if not isinstance(raw, RawListing):
        raw = _validated(raw)
    to_listing = format_for(raw.kind)
    try:
        return to_listing(raw)
    except NormalizeError:
        raise
    except Exception as exc:  # a bug on odd input costs this posting, never the whole crawl
        raise NormalizeError(
            f"{raw.kind}: unexpected {type(exc).__name__} normalizing {raw.url}: {exc}"
        ) from exc


def normalize_many(raws: Iterable[RawListing | dict[str, Any]]
                   ) -> list[Listing | NormalizeError | UnknownKindError]:
    """normalize_raw for each of a batch, in order; in place of a posting that cannot be read,
    the NormalizeError (or UnknownKindError) normalize_raw would raise for it. The cyclic
    garbage collector waits until the batch is done (see normalize/collector.py)."""
    with gc_paused():
        return [_listing_or_error(raw) for raw in raws]


def _validated(raw: Any) -> RawListing:
    try:
        return RawListing.model_validate(raw)
    except ValidationError as exc:
        raise NormalizeError(f"not a RawListing: {_first_error(exc)}") from exc


def _listing_or_error(raw: RawListing | dict[str, Any]
                      ) -> Listing | NormalizeError | UnknownKindError:
    try:
        return normalize_raw(raw)
    except (NormalizeError, UnknownKindError) as exc:
        return exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ())) or "input"
    return f"{where}: {err.get('msg', 'invalid')}"
