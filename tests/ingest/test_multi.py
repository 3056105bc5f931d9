"""Several rounds in one sentence or told clause by clause (cases from the feed snapshot and DuEE)."""

from __future__ import annotations

from decimal import Decimal

from ingest.events_zh import zh_mention
from ingest.multi import round_clause, split_listed


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
