"""The role of each amount in a funding sentence (round money, valuation, total, conversion, per-share price)."""

from __future__ import annotations

import pytest

from ingest.figures import classify

CASES = [
    ("X raised $30M at a $1.5 billion valuation", [("$30M", "round"), ("$1.5 billion", "valuation")]),
    ("X raised $30M, bringing its total funding to $80M", [("$30M", "round"), ("$80M", "total")]),
    (
        "完成5亿元人民币（约7000万美元）B轮融资，估值达10亿美元",
        [("5亿元人民币", "round"), ("约7000万美元", "conversion"), ("10亿美元", "valuation")],
    ),
    ("the round values the company at $1.1 billion", [("$1.1 billion", "valuation")]),
    ("sold shares at $25.72 apiece for $1.44 billion", [("$25.72", "other"), ("$1.44 billion", "round")]),
    ("商汤科技：融资超30亿美元 估值超70亿美元", [("超30亿美元", "round"), ("超70亿美元", "valuation")]),
    ("融资规模已经达到20亿美元", [("20亿美元", "round")]),
    ("累计融资近10亿元", [("近10亿元", "total")]),
    ("has raised $300 million to date", [("$300 million", "total")]),
    ("closed a Series B round of VC funding totalling $15 million", [("$15 million", "round")]),
    ("two rounds of funding totalling $40 million", [("$40 million", "total")]),
    ("raised money totalling $9 million over the years", [("$9 million", "total")]),
]


@pytest.mark.parametrize(("sentence", "roles"), CASES, ids=[c[0][:40] for c in CASES])
def test_roles(sentence: str, roles: list[tuple[str, str]]) -> None:
    assert [(f.money.text, f.role.value) for f in classify(sentence)] == roles
