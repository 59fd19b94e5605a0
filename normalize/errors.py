"""Errors raised by `normalize`.

A field that cannot be read is not an error: the field stays empty and a warning is kept on the
Listing. Only a payload that cannot make a listing at all raises `NormalizeError`.
"""

from __future__ import annotations


class NormalizeError(ValueError):
    """The payload cannot make a Listing at all (not an object, no title, not a RawListing)."""


class UnknownKindError(LookupError):
    """No format is registered for a RawListing's `kind`: a configuration error, not bad data."""
