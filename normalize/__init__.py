"""normalize: pure functions from a source's raw payload to the common Listing schema.

    normalize_raw(raw) -> Listing          dispatch on raw.kind through formats.FORMATS
    normalize_many(raws) -> [Listing | error]   the same for a batch, faster (what the CLI uses)
    extract.extract_jobpostings(html, url) schema.org JobPostings in a page (JSON-LD, microdata)

No I/O and no Scrapy here: spiders locate postings, everything that gives them meaning is here.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import ValidationError

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
    "fewer_collections",
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
    the NormalizeError (or UnknownKindError) normalize_raw would raise for it.

    The same listings, faster: the batch's descriptions are sanitized, made text and scanned for
    the vocabularies back to back first (fields.text.prefetched, fields.taxonomy.prefetched),
    which keeps nh3, the text passes and the automaton in the CPU caches."""
    checked: list[RawListing | NormalizeError] = []
    for raw in raws:
        try:
            checked.append(raw if isinstance(raw, RawListing) else _validated(raw))
        except NormalizeError as exc:
            checked.append(exc)
    sources = (_source(raw) for raw in checked if isinstance(raw, RawListing))
    with fewer_collections(), prefetched(sources) as texts, taxonomy.prefetched(texts):
        return [raw if isinstance(raw, NormalizeError) else _listing_or_error(raw)
                for raw in checked]


# Normalizing a posting allocates hundreds of short-lived containers and makes almost no cyclic
# garbage, yet at the default threshold (700) the cyclic collector ran every few postings and
# took ~4% of a batch. During a batch it runs only after this many net new containers.
BATCH_GC_THRESHOLD = 100_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector at BATCH_GC_THRESHOLD while inside (normalize_many; the
    CLI's read-normalize-write loop), its threshold restored after."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], BATCH_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _validated(raw: Any) -> RawListing:
    try:
        return RawListing.model_validate(raw)
    except ValidationError as exc:
        raise NormalizeError(f"not a RawListing: {_first_error(exc)}") from exc


def _source(raw: RawListing) -> Any:
    try:
        return SOURCES[raw.kind](raw)
    except Exception:  # noqa: BLE001 — only a speed-up is lost; to_listing reports the problem
        return None


def _listing_or_error(raw: RawListing) -> Listing | NormalizeError | UnknownKindError:
    try:
        return normalize_raw(raw)
    except (NormalizeError, UnknownKindError) as exc:
        return exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err.get("loc", ())) or "input"
    return f"{where}: {err.get('msg', 'invalid')}"
