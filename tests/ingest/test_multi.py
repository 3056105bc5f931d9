"""Several rounds in one sentence or told clause by clause (cases from the feed snapshot and DuEE)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.events_zh import zh_mention
from ingest.multi import round_clause, since_round, split_listed


def test_listed_rounds_become_one_each() -> None:
    m = zh_mention("示例生物是一家生物制药企业，此前已获得A轮1亿美元、B轮约6000万美元的融资。", None)
    assert m is not None
    assert [(x.rounds[0].label, x.figures[0].money.amount) for x in split_listed(m)] == [
        ("A轮", Decimal(100000000)),
        ("B轮", Decimal(60000000)),
    ]


def test_one_round_stays_one() -> None:
    m = zh_mention("示例科技完成1亿元B轮融资，由红杉中国领投。", None)
    assert m is not None and split_listed(m) == [m]


def test_round_clauses() -> None:
    assert round_clause("A2轮由芯能创投领投，中山创投跟投") == ("A2轮", ["芯能创投"], ["中山创投"])
    assert round_clause("新一轮融资由经纬创投领投，苏创投持续追投") == ("新一轮", ["经纬创投"], ["苏创投"])
    assert round_clause("本轮融资由经纬创投领投") is None  # "this round": a follow-up, not one of several


SINCE = [
    (
        "round-and-amount",
        "示例思维宣布完成数亿元B轮融资，距离A轮的1500万美元融资仅半年",
        ("A轮", Decimal(15000000)),
    ),
    (
        "last-round-amount",
        "示例科技完成2亿元C轮融资，距上一轮5000万元融资不到一年",
        (None, Decimal(50000000)),
    ),
    ("round-only", "示例科技完成B轮融资，距离天使轮融资已过去两年", ("天使轮", None)),
    ("nothing-named", "示例科技完成B轮融资，距离上一轮融资仅三个月", None),
    ("no-since", "示例科技完成B轮融资，由红杉中国领投", None),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in SINCE], ids=[c[0] for c in SINCE])
def test_the_round_a_sentence_measures_from_is_background(sentence: str, expected: tuple | None) -> None:
    m = zh_mention(sentence, None)
    assert m is not None
    earlier = since_round(m)
    got = earlier and (
        earlier.rounds[0].label if earlier.rounds else None,
        earlier.figures[0].money.amount if earlier.figures else None,
    )
    assert got == expected
    assert earlier is None or (earlier.history and earlier.company == m.company and not earlier.lead)
