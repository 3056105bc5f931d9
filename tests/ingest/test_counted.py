"""Rounds told only by their count ("X三个月完成两轮融资"), and headlines that open with the trigger."""

from __future__ import annotations

import pytest

from ingest.counted import counted_rounds
from ingest.events_zh import zh_mention

COUNTED = [
    ("two-in-three-months", "示例材料三个月完成两轮融资，加速产业化", [("示例材料", "unknown")] * 2),
    ("three-in-a-year", "星河机器人一年内连续完成三轮融资", [("星河机器人", "unknown")] * 3),
    ("one-type-for-both", "示例生物半年完成两轮天使轮融资", [("示例生物", "angel")] * 2),
    ("history", "示例科技成立以来先后完成三轮融资", []),
    ("summed", "示例科技一年完成两轮融资共计3亿元", []),
    ("with-an-amount", "示例科技三个月完成两轮超亿元融资", []),
    ("plan", "示例科技计划今年完成两轮融资", []),
    ("five-rounds", "示例科技五年完成五轮融资", []),
    ("no-name", "国内创业公司三个月完成两轮融资", []),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in COUNTED], ids=[c[0] for c in COUNTED])
def test_counted_rounds(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = counted_rounds(sentence, None)
    assert [(m.company, m.rounds[0].code.value if m.rounds else "unknown") for m in found] == expected
    assert [m.part for m in found] == list(range(1, len(found) + 1))


OPENING = [
    ("name-then-verb", "获某某资本数千万B轮融资，示例医疗提供手术导航方案", ("示例医疗", "series_b")),
    ("quoted-name", "完成超亿元A轮融资，「示例智能」要做机器人的大脑", ("示例智能", "series_a")),
    ("amount", "获5000万元天使轮融资，示例芯片加速量产", ("示例芯片", "angel")),
    ("after-the-round", "获得新一轮融资后，公司将扩大团队", None),
    ("prize", "获奖后，示例科技将扩张", None),
]


@pytest.mark.parametrize(("sentence", "expected"), [c[1:] for c in OPENING], ids=[c[0] for c in OPENING])
def test_headline_opening_with_the_trigger(sentence: str, expected: tuple[str, str] | None) -> None:
    m = zh_mention(sentence, None)
    got = (m.company, m.rounds[0].code.value) if m and m.company else None
    assert got == expected


def test_counted_headline_gives_two_news_rounds_end_to_end() -> None:
    from datetime import UTC, datetime

    from ingest.extract import extract_rounds
    from ingest.types import Article

    title = "示例材料三个月完成两轮融资，AI加速材料研发"
    art = Article("https://example.com/x", title, title + "\n点击查看原文", datetime(2026, 8, 21, tzinfo=UTC))
    found = extract_rounds(art)
    assert [(r.company, r.round.value, r.amount, r.background) for r in found] == [
        ("示例材料", "unknown", None, False)
    ] * 2
