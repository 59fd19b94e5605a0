"""Numbers as people write them: "1,200", "2.000", "12,50", "15k", "two"."""

from __future__ import annotations

import math
from typing import Any

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}
# The same words as a regex alternation, for patterns that accept "two weeks".
WORD_NUMBER_RE = "|".join(WORD_NUMBERS)

_SPACES = str.maketrans("", "", "\u00a0\u202f\u2009' _")


def parse_number(text: Any) -> float | None:
    """Read one number written with either decimal convention; None if it is not a number.

    With both "," and "." present the last one is the decimal mark ("1,234.50", "1.234,50").
    With only one kind, a group of exactly three digits after it means thousands ("2.000",
    "1,200"), anything else a decimal mark ("12,50", "1.5").
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text) if math.isfinite(text) else None
    if not isinstance(text, str):
        return None
    if text.isdigit() and text.isascii():  # the usual case, "20": nothing to untangle
        value = float(text)
        return value if math.isfinite(value) else None
    s = text.strip().translate(_SPACES)
    if not s:
        return None
    word = WORD_NUMBERS.get(s.lower())
    if word is not None:
        return float(word)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif "," in s or "." in s:
        mark = "," if "," in s else "."
        parts = s.split(mark)
        thousands = len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] not in ("", "0"))
        s = "".join(parts) if thousands else s.replace(mark, ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
