"""`gc_paused()`: Python's cyclic garbage collector off for a block of work, as it was after.

Normalizing a posting allocates hundreds of short-lived containers, and a dedup batch millions
(keys, shingles, pairs), almost none of them in reference cycles. At the default threshold the
cyclic collector would run every few postings (~4% of a normalize batch) and rescan dedup's
whole growing heap again and again (3x the run time at 100k listings), finding nothing:
reference counting frees all of it. Cyclic garbage made inside the block is collected after it.
Blocks nest: only the outermost turns the collector back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block (also usable as a decorator)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
