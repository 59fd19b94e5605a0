"""One decorator for the parsers' caches, with the two sizes they use.

The field parsers are pure, and many of the values they read recur from posting to posting (a
board's company and department labels, a batch's dates and fetch times, "$20 an hour"), so
their results are kept, bounded, least recently used first out. A cached result is shared by
every caller: it must be immutable (a str, a tuple, a frozen model), or copied before it is
changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

F = TypeVar("F", bound=Callable[..., object])

# Short values that recur across the postings of a batch and of a board: labels, names, dates,
# pay and place texts, title-sized texts to scan. A few hundred KB when full.
RECURRING = 4096
# Values of which a batch holds only a few at once: its fetch times, the long descriptions one
# posting reads several times (category, skills).
FEW = 64


def bounded_cache(maxsize: int = RECURRING) -> Callable[[F], F]:
    """functools.lru_cache(maxsize), never unbounded: `@bounded_cache()` or
    `bounded_cache(FEW)(function)`."""
    if not isinstance(maxsize, int) or maxsize < 1:
        raise ValueError(f"a cache needs a size of at least 1, not {maxsize!r}")
    return lru_cache(maxsize=maxsize)  # type: ignore[return-value]
