"""The spec's JSON shape: field order and types, and a lossless round trip (ROUNDS_SPEC.md example)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ingest.serialize import format_announced, parse_announced, round_from_dict, round_to_dict
from ingest.types import DatePrecision, FundingRound, RoundCode

SPEC_FIELDS = [
    "company",
    "round",
    "round_label",
    "amount",
    "currency",
    "amount_text",
    "amount_usd",
    "valuation",
    "valuation_currency",
    "lead_investors",
    "other_investors",
    "announced_on",
    "status",
    "background",
    "evidence",
    "confidence",
]


def spec_example() -> FundingRound:
    return FundingRound(
        company="Acme Robotics",
        round=RoundCode.SERIES_B,
        round_label="Series B",
        amount=Decimal(40_000_000),
        currency="EUR",
        amount_text="€40 million",
        amount_usd=Decimal(43_600_000),
        lead_investors=("Example Ventures",),
        other_investors=("Sample Capital", "Jane Doe"),
        announced_on=date(2024, 3, 5),
        evidence="Acme Robotics raised €40 million.",
        confidence=0.93,
    )


def test_spec_fields_come_first_in_spec_order() -> None:
    d = round_to_dict(spec_example())
    assert list(d)[: len(SPEC_FIELDS)] == SPEC_FIELDS
    assert d["amount"] == 40_000_000 and isinstance(d["amount"], int)
    assert d["announced_on"] == "2024-03-05" and d["round"] == "series_b"


def test_round_trip() -> None:
    r = spec_example()
    assert round_from_dict(round_to_dict(r)) == r


@pytest.mark.parametrize(
    ("day", "precision", "text"),
    [
        pytest.param(date(2009, 11, 1), DatePrecision.MONTH, "2009-11", id="month"),
        pytest.param(date(2021, 1, 1), DatePrecision.YEAR, "2021", id="year"),
        pytest.param(date(2024, 3, 5), DatePrecision.DAY, "2024-03-05", id="day"),
    ],
)
def test_partial_dates(day: date, precision: DatePrecision, text: str) -> None:
    assert format_announced(day, precision) == text
    assert parse_announced(text) == (day, precision)
