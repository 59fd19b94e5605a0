"""normalize: pure functions from a source's raw payload to the common Listing schema.

    normalize_raw(raw) -> Listing          dispatch on raw.kind through formats.FORMATS
    extract.extract_jobpostings(html, url) schema.org JobPostings in a page (JSON-LD, microdata)

No I/O and no Scrapy here: spiders locate postings, everything that gives them meaning is here.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

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
    "kinds",
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
        try:
            raw = RawListing.model_validate(raw)
        except ValidationError as exc:
            raise NormalizeError(f"not a RawListing: {_first_error(exc)}") from exc
    to_listing = format_for(raw.kind)
    try:
        return to_listing(raw)
    except NormalizeError:
        raise
    except Exception as exc:  # a bug on odd input costs this posting, never the whole crawl
        raise NormalizeError(
            f"{raw.kind}: unexpected {type(exc).__name__} normalizing {raw.url}: {exc}"
        ) from exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ())) or "input"
    return f"{where}: {err.get('msg', 'invalid')}"
