"""The alert message: built by a pure function from a stored round; every source and the key kept."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from db.outbox import StoredRound, StoredSource
from scheduler.alert_message import build_message, format_money, render_text, to_json, to_slack

T = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)


def stored(**over: object) -> StoredRound:
    base: dict[str, object] = dict(
        id=7,
        company="Acme Robotics",
        round_code="series_b",
        round_label="Series B",
        amount=Decimal("900000000"),
        currency="CNY",
        amount_usd=Decimal("125000000"),
        valuation=Decimal("5000000000"),
        valuation_currency="CNY",
        announced_on=date(2026, 11, 25),
        status="announced",
        lead_investors=("Example Ventures",),
        other_investors=("Sample Capital",),
        sources=(
            StoredSource("36Kr", "https://36kr.example/p/1", "Acme raises", T),
            StoredSource("TechNode", "https://technode.example/acme", None, T),
            StoredSource("36Kr", "https://36kr.example/p/1", "Acme raises", T),
        ),
    )
    return StoredRound(**(base | over))  # type: ignore[arg-type]


def test_message_keeps_every_source_once_in_order() -> None:
    msg = build_message(stored(), "fundwatch-round-7-console")
    assert [(s.outlet, s.url) for s in msg.sources] == [
        ("36Kr", "https://36kr.example/p/1"),
        ("TechNode", "https://technode.example/acme"),
    ]
    assert msg.idempotency_key == "fundwatch-round-7-console"


def test_text_names_company_round_amounts_valuation_leads_and_links() -> None:
    text = render_text(build_message(stored(), "k1"))
    for part in ("Acme Robotics", "Series B", "CNY 900M", "USD 125M", "CNY 5B", "Example Ventures"):
        assert part in text
    assert "https://36kr.example/p/1" in text and "https://technode.example/acme" in text
    assert "k1" in text


def test_usd_round_is_not_converted_twice() -> None:
    msg = build_message(stored(currency="USD", amount=Decimal(125e6)), "k")
    assert msg.title == "Acme Robotics: Series B, USD 125M"


def test_json_payload_has_numbers_and_sources() -> None:
    data = to_json(build_message(stored(), "k"))
    assert data["amount"] == 900_000_000 and data["amount_usd"] == 125_000_000
    assert data["round"] == "series_b" and data["lead_investors"] == ["Example Ventures"]
    assert [s["outlet"] for s in data["sources"]] == ["36Kr", "TechNode"]


def test_slack_payload_links_each_source() -> None:
    text = str(to_slack(build_message(stored(), "k")))
    assert "<https://36kr.example/p/1|36Kr>" in text and "<https://technode.example/acme|TechNode>" in text


@pytest.mark.parametrize(
    ("value", "currency", "expected"),
    [
        pytest.param(Decimal("150000000"), "USD", "USD 150M", id="whole-millions"),
        pytest.param(Decimal("70500000"), "USD", "USD 70.5M", id="decimal-millions"),
        pytest.param(Decimal("1250000000"), "CNY", "CNY 1.25B", id="billions"),
        pytest.param(Decimal("850000"), "EUR", "EUR 850,000", id="below-a-million"),
        pytest.param(None, "USD", "undisclosed", id="undisclosed"),
    ],
)
def test_format_money(value: Decimal | None, currency: str, expected: str) -> None:
    assert format_money(value, currency) == expected
