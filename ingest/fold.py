"""Case folding for cheap substring guards: `w in fold(text)` whenever an `re.I` pattern finds the ASCII word w."""

from __future__ import annotations

import re

# Letters that an re.I search equates with an ASCII letter but that str.lower() keeps (or turns into two
# characters): long s, dotless i, dotted capital I. (The Kelvin sign lower-cases to "k" already.)
_ODD = re.compile("[ſıİ]")
_ODD_MAP = str.maketrans({"ſ": "s", "ı": "i", "İ": "i"})


def fold(text: str, low: str | None = None) -> str:
    """`text` lower-cased so that a substring test never misses what an `re.I` search would find;
    `low` is `text.lower()` when the caller has it already.

    >>> fold("Series A"), fold("ſeries A")
    ('series a', 'series a')
    """
    if text.isascii() or not _ODD.search(text):
        return text.lower() if low is None else low
    return text.translate(_ODD_MAP).lower()
