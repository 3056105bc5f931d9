"""Dates in funding sentences resolved against the publication day; forms from the issue and the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.dates import resolve_date, url_date
from ingest.types import DatePrecision

DAY, MONTH, YEAR = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR
PUB = date(2026, 8, 20)  # a Thursday

DATES = [
    ("8月18日，Etched宣布完成融资", date(2026, 8, 18), DAY),
    ("6月24日完成", date(2026, 6, 24), DAY),
    ("12月30日完成", date(2025, 12, 30), DAY),  # a month-day after the publication day is last year's
    ("2019年2月21日由高瓴领投", date(2019, 2, 21), DAY),
    ("今日宣布", PUB, DAY),
    ("昨日宣布", date(2026, 8, 19), DAY),
    ("2018年7月完成", date(2018, 7, 1), MONTH),
    ("2018年底完成", date(2018, 1, 1), YEAR),
    ("去年完成", date(2025, 1, 1), YEAR),
    ("上月完成C轮融资", date(2026, 7, 1), MONTH),
    ("announced on Tuesday", date(2026, 8, 18), DAY),
    ("said today", PUB, DAY),
    ("In November 2009 it raised", date(2009, 11, 1), MONTH),
    ("on March 5, 2024", date(2024, 3, 5), DAY),
    ("on 17 July 2025", date(2025, 7, 17), DAY),
    ("raised in 2020", date(2020, 1, 1), YEAR),
    ("the company said Monday", date(2026, 8, 17), DAY),  # wire style: no "on"
    ("announced Thursday that it raised", PUB, DAY),
    ("今年3月，示例汽车获得", date(2026, 3, 1), MONTH),  # the month, not only the year
    ("去年12月完成", date(2025, 12, 1), MONTH),
    ("on Jan. 5", date(2026, 1, 5), DAY),  # the abbreviation's full stop is not the end of the date
    ("last Thursday", date(2026, 8, 13), DAY),  # a week back when today is a Thursday
    ("last Monday", date(2026, 8, 17), DAY),
    ("closed on 2026-08-03", date(2026, 8, 3), DAY),
    ("本周二完成", date(2026, 8, 18), DAY),
    ("上周五宣布", date(2026, 8, 14), DAY),
    ("the Stockholm company said on 3 March", date(2026, 3, 3), DAY),  # day first, no year
    ("on 3rd March", date(2026, 3, 3), DAY),
]


@pytest.mark.parametrize(("text", "day", "precision"), DATES, ids=[d[0] for d in DATES])
def test_resolve_date(text: str, day: date, precision: DatePrecision) -> None:
    assert resolve_date(text, PUB) == (day, precision)


def test_a_lower_case_may_after_a_number_is_no_date() -> None:
    assert resolve_date("the company said 10 may join the round", PUB) is None


def test_relative_dates_need_a_reference() -> None:
    assert resolve_date("今日宣布", None) is None
    assert resolve_date("on Tuesday", None) is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.finsmes.com/2018/01/thinkful.html", (date(2018, 1, 1), MONTH)),
        ("https://techcrunch.com/2023/05/11/cable/", (date(2023, 5, 11), DAY)),
        ("https://36kr.com/p/3947288204770693", None),
    ],
    ids=["month-url", "day-url", "no-date"],
)
def test_url_date(url: str, expected: tuple[date, DatePrecision] | None) -> None:
    assert url_date(url) == expected


# The English pattern opens with a lookahead naming the characters its branches start with (speed only);
# each way of writing a date must be found exactly as the pattern without the lookahead finds it.
SPELLINGS = [
    "raised on March 5, 2024", "5 May 2021 it closed", "in Sept 2019", "since June", "during 2019",
    "TODAY it said", "Yesterday", "on Monday", "last year", "Earlier this year", "last month",
    "ıN 2020", "ſince July", "Acme said Monday", "CONFIRMED Friday", "reported Sunday", "last Friday", "on 2024-03-05",
]  # fmt: skip


@pytest.mark.parametrize("text", SPELLINGS, ids=SPELLINGS)
def test_date_lookahead_changes_no_match(text: str) -> None:
    import re

    from ingest.dates import _EN

    prefix = "\\b(?=[JFMASONDIYTLECR\\d])"
    assert _EN.pattern.startswith(prefix)
    plain = re.compile(_EN.pattern[len(prefix) :], _EN.flags)
    found = [(m.span(), m.groupdict()) for m in _EN.finditer(text)]
    assert found, f"{text!r} has no date: the case checks nothing"
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)]
