"""Deal cards of funding databases and key-value cards of funding newsletters (layouts seen in the corpus)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.cards import card_mentions, kv_card_mentions

CARD = "Example Robotics\n工业机器人服务商\nB+轮 / 2亿美元 / 1645499045\n投资方: 淡马锡Temasek、红杉资本中国"


def test_database_card() -> None:
    (m,) = card_mentions(CARD)
    assert (m.company, m.rounds[0].code.value, m.figures[0].money.amount, m.others) == (
        "Example Robotics",
        "series_b_plus",
        Decimal(200000000),
        ["淡马锡Temasek", "红杉资本中国"],
    )
    assert str(m.dates[0][0]) == "2022-02-22"  # the Unix time read as a China Standard Time date


@pytest.mark.parametrize(
    "card",
    [
        "Example\n医疗服务企业\nIPO上市 / 15.66亿港元 / 1636091224\n投资方:",
        "Example\n餐饮\n基石投资 / 1.2亿美元 / 2021-06-11\n投资方:",
    ],
    ids=["ipo", "cornerstone"],
)
def test_listings_are_not_rounds(card: str) -> None:
    assert card_mentions(card) == []


def test_key_value_cards_one_per_company() -> None:
    text = (
        "📇 Company: Twin\n🧗 Round: Seed\n💰 Amount Raised: €8.4M\n🏦 Investors: LocalGlobe, Kima Ventures\n"
        "📇 Company: Acme Farm\n🧗 Round: Growth\n💰 Amount Raised: €3.2M\n🏦 Investors: Business Angels\n"
    )
    found = kv_card_mentions(text)
    assert [(m.company, m.rounds[0].code.value, m.figures[0].money.amount, m.others) for m in found] == [
        ("Twin", "seed", Decimal("8400000"), ["LocalGlobe", "Kima Ventures"]),
        ("Acme Farm", "private_equity", Decimal("3200000"), []),
    ]
