"""Field parsers the formats call on short structured values that recur across listings ("$20 an
hour", "Competitive"), cached. A Pay is frozen, so every listing can share the cached one."""

from __future__ import annotations

from typing import Any

from normalize.cache import RECURRING, bounded_cache
from normalize.fields.pay import parse_pay_text
from normalize.schema import Pay

MAX_CACHED_TEXT = 300  # longer values are rare: parsed each time, never held in memory


@bounded_cache(RECURRING)
def _cached_pay(text: str, dollar: str) -> Pay | None:
    return parse_pay_text(text, dollar=dollar)


def cached_pay_text(text: Any, *, dollar: str = "USD") -> Pay | None:
    """parse_pay_text(text, dollar=dollar), cached for short strings."""
    if isinstance(text, str) and len(text) <= MAX_CACHED_TEXT:
        return _cached_pay(text, dollar)
    return parse_pay_text(text, dollar=dollar)
