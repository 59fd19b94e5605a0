"""Errors raised by `index`: Meilisearch cannot be started, reached or used.

The CLI reports them as one-line messages (stint/errors.py lists every user-facing error).
"""

from __future__ import annotations


class MeiliError(Exception):
    """Meilisearch cannot be started, reached or used."""
