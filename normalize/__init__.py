"""normalize: pure functions from a source's raw payload to the common Listing schema.

    normalize_raw(raw) -> Listing          dispatch on raw.kind through formats.FORMATS
    normalize_many(raws) -> [Listing | error]   the same for a batch (normalize_raw is a batch of one)
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
from normalize.fields import taxonomy
from normalize.fields.text import prefetched
from normalize.formats import FORMATS, SOURCES, format_for
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
    "prepare",
]


def prepare() -> None:
    """Load the data normalizing reads on first use (the place gazetteer, ~1 s), so that a
    crawl pays it when it opens rather than in the middle of its first posting, while its
    requests wait."""
    from normalize.fields.gazetteer import gazetteer

    gazetteer()


def kinds() -> list[str]:
    """The source kinds that have a format, for validating configuration at start-up."""
    return sorted(FORMATS)


def normalize_raw(raw: RawListing | dict[str, Any]) -> Listing:
    """One RawListing (or its dict / JSONL form) to a Listing: a batch of one (normalize_many).

    UnknownKindError if no format handles raw.kind; NormalizeError if the payload cannot make a
    listing at all. Fields that cannot be read are left empty and named in Listing.warnings.
    """
    result = normalize_many([raw])[0]
    if isinstance(result, Exception):
        raise result
    return result


def normalize_many(raws: Iterable[RawListing | dict[str, Any]]
                   ) -> list[Listing | NormalizeError | UnknownKindError]:
    """Each posting of a batch to a Listing, in order; in place of one that cannot be read, the
    NormalizeError (or UnknownKindError) normalize_raw raises for it. Every posting takes this
    path, alone (normalize_raw, a crawl) or 256 at a time (`stint normalize`).

    The batch's descriptions are sanitized, made text and scanned for the vocabularies back to
    back first (fields.text.prefetched, fields.taxonomy.prefetched, from each format's
    description_source): nh3, the text passes and the automaton then stay in the CPU caches,
    which makes a batch of 256 ~15% faster than its postings one by one. The cyclic garbage
    collector waits until the batch is done (normalize/collector.py)."""
    checked: list[RawListing | NormalizeError] = []
    for raw in raws:
        try:
            checked.append(raw if isinstance(raw, RawListing) else _validated(raw))
        except NormalizeError as exc:
            checked.append(exc)
    sources = (_source(raw) for raw in checked if isinstance(raw, RawListing))
    with gc_paused(), prefetched(sources) as texts, taxonomy.prefetched(texts):
        return [raw if isinstance(raw, NormalizeError) else _listing_or_error(raw)
                for raw in checked]


def _validated(raw: Any) -> RawListing:
    try:
        return RawListing.model_validate(raw)
    except ValidationError as exc:
        raise NormalizeError(f"not a RawListing: {_first_error(exc)}") from exc


def _listing_or_error(raw: RawListing) -> Listing | NormalizeError | UnknownKindError:
    try:
        return _to_listing(raw)
    except (NormalizeError, UnknownKindError) as exc:
        return exc


def _to_listing(raw: RawListing) -> Listing:
    to_listing = format_for(raw.kind)
    try:
        return to_listing(raw)
    except NormalizeError:
        raise
    except Exception as exc:  # a bug on odd input costs this posting, never the whole crawl
        raise NormalizeError(
            f"{raw.kind}: unexpected {type(exc).__name__} normalizing {raw.url}: {exc}"
        ) from exc


def _source(raw: RawListing) -> Any:
    """The HTML raw's format will sanitize, when its format can say (formats.SOURCES)."""
    source = SOURCES.get(raw.kind)
    try:
        return source(raw) if source else None
    except Exception:  # noqa: BLE001 — only a speed-up is lost; to_listing reports the problem
        return None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ())) or "input"
    return f"{where}: {err.get('msg', 'invalid')}"
