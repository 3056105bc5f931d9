"""Which mentions are one round: names (aliases, containment, a typo), round codes, amounts, status."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.events import Mention
from ingest.figures import Figure, Role
from ingest.merge import grouped, norm_name
from ingest.money import Money
from ingest.round_names import find_rounds
from ingest.types import RoundStatus


def mention(
    company: str, round_text: str = "", amount: str | None = None, currency: str = "USD", **kw: object
) -> Mention:
    figures = [Figure(Money(Decimal(amount), currency, amount, 0, 1), Role.ROUND)] if amount else []
    status = kw.pop("status", RoundStatus.ANNOUNCED)
    return Mention(company, (), find_rounds(round_text), figures, [], [], [], status, False, company, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        (mention("原子矩阵"), mention("杭州原子矩阵计算"), True),
        (mention("MediShout", "seed"), mention("MediShoud", "seed"), True),
        (mention("Acme", "Series A"), mention("Acme", "Series B"), False),
        (mention("Acme", "Series A", "5000000"), mention("Acme", "", "5200000"), True),
        (mention("Acme", "", "5000000"), mention("Acme", "", "9000000"), False),
        (mention("Acme"), mention("Acme", status=RoundStatus.IN_TALKS), False),
        (mention("Acme", part=1), mention("Acme", part=2), False),
    ],
    ids=[
        "containment",
        "typo",
        "different-rounds",
        "amounts-within-10pct",
        "different-amounts",
        "news-vs-talks",
        "clause-parts",
    ],
)
def test_grouping(a: Mention, b: Mention, one: bool) -> None:
    assert (len(grouped([a, b])) == 1) is one


def test_body_facts_beat_the_headline() -> None:
    body = mention("Everseen", "Series A", "65000000", "EUR")
    title = mention("Everseen", "", "70000000", "USD", from_title=True)
    (merged,) = grouped([title, body])
    assert (merged.figures[0].money.amount, merged.figures[0].money.currency) == (Decimal(65000000), "EUR")


@pytest.mark.parametrize(
    ("name", "norm"),
    [
        ("VideoKen, Inc.", "videoken"),
        ("杭州原子矩阵计算有限公司", "杭州原子矩阵计算"),
        ("ＡＢＣ Holdings", "abc"),
    ],
    ids=["inc", "有限公司", "width-and-holdings"],
)
def test_norm_name(name: str, norm: str) -> None:
    assert norm_name(name) == norm
