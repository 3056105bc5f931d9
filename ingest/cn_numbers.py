"""Chinese numerals and mixed forms ("五千万", "3亿5000万", "1.2亿", "两百万") as Decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "亿": 10**8}
_TOKEN = re.compile(r"\d+(?:\.\d+)?|.")


def _section(tokens: list[str]) -> Decimal:
    """Value of a run below 万: digits and 十/百/千 ("五千" → 5000, "十二" → 12, "2千" → 2000)."""
    total, current = Decimal(0), None
    for tok in tokens:
        if tok in _SMALL:
            total += (current if current is not None else Decimal(1)) * _SMALL[tok]
            current = None
        elif tok in _DIGITS:
            current = Decimal(_DIGITS[tok])
        else:
            current = Decimal(tok)
    return total + (current or 0)


def cn_to_decimal(text: str) -> Decimal | None:
    """The value of a Chinese or mixed numeral, or None if it is not one.

    >>> cn_to_decimal("五千万"), cn_to_decimal("3亿5000万"), cn_to_decimal("1.2亿"), cn_to_decimal("亿")
    (Decimal('50000000'), Decimal('350000000'), Decimal('120000000.0'), Decimal('100000000'))
    """
    try:
        return _value(text.replace(",", "").replace(" ", ""))
    except (InvalidOperation, KeyError, ValueError):
        return None


def _value(text: str) -> Decimal | None:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    total, section = Decimal(0), []
    for tok in tokens:
        if tok in _BIG:
            base = _section(section) if section else Decimal(0 if total else 1)
            # "1万亿": 亿 scales everything before it; "3亿5000万": 万 scales only its own section
            total = (total + base) * _BIG[tok] if tok == "亿" else total + base * _BIG[tok]
            section = []
        elif tok in _DIGITS or tok in _SMALL or tok[0].isdigit():
            section.append(tok)
        else:
            raise ValueError(tok)
    return total + (_section(section) if section else 0)
