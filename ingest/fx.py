"""USD values at the European Central Bank reference rate of a day, offline (CurrencyConverter's bundled file)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache

from currency_converter import CurrencyConverter, RateNotFoundError


@cache
def _converter() -> CurrencyConverter:
    # Weekends and holidays have no ECB fixing: the last published rate applies, as on any ECB table.
    # Dates outside the bundled history raise, so they give None instead of a stale guess.
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known")


def to_usd(amount: Decimal, currency: str, on: date) -> Decimal | None:
    """`amount` in `currency` as US dollars at the ECB rate of `on`; None when no rate exists.

    >>> to_usd(Decimal("1000000"), "EUR", date(2024, 3, 5))
    Decimal('1084900')
    >>> to_usd(Decimal("1"), "XAU", date(2024, 3, 5)) is None
    True
    """
    if currency == "USD":
        return amount
    conv = _converter()
    if currency not in conv.currencies:
        return None
    try:
        rate = conv.convert(1, currency, "USD", date=on)
    except (RateNotFoundError, ValueError):
        return None
    return (amount * Decimal(repr(rate))).quantize(Decimal(1))
