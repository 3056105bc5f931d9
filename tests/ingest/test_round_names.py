"""Round names as written -> ROUNDS_SPEC.md codes; cases from the issue and the labelled corpus."""

from __future__ import annotations

import pytest

from ingest.round_names import find_rounds

ROUNDS = [
    ("Series B+", "series_b_plus", "Series B+"),
    ("完成B+轮融资", "series_b_plus", "B+轮"),
    ("a Pre-A round", "pre_series_a", "Pre-A"),
    ("Pre-A+轮", "pre_series_a", "Pre-A+轮"),
    ("pre-IPO round", "pre_ipo", "pre-IPO"),
    ("IPO前融资", "pre_ipo", "IPO前"),
    ("天使轮", "angel", "天使轮"),
    ("天使+轮", "angel", "天使+轮"),
    ("种子轮", "seed", "种子轮"),
    ("种子+轮", "seed", "种子+轮"),
    ("战略融资", "strategic", "战略融资"),
    ("C1轮", "series_c", "C1轮"),
    ("A 轮", "series_a", "A 轮"),
    ("a Series C extension", "series_c", "Series C extension"),
    ("Series C1", "series_c", "Series C1"),
    ("a growth round", "private_equity", "growth round"),
    ("raised in a pre-seed round", "pre_seed", "pre-seed"),
    ("a strategic investment", "strategic", "strategic investment"),
    ("可换股债券", "convertible_note", "可换股债券"),
    ("新三板定增", "post_ipo", "新三板定增"),
    ("a private placement", "post_ipo", "private placement"),
    ("venture debt", "debt", "venture debt"),
    ("raised a B round", "series_b", "B round"),
    ("E+轮", "series_e_plus", "E+轮"),
]


@pytest.mark.parametrize(("text", "code", "label"), ROUNDS, ids=[r[0] for r in ROUNDS])
def test_round_names(text: str, code: str, label: str) -> None:
    found = find_rounds(text)
    assert found, f"no round name found in {text!r}"
    assert (found[0].code.value, found[0].label) == (code, label)


NOT_ROUNDS = [
    "新一轮融资",
    "A round of funding was announced",
    "the Beta round",
    "a series of events",
    "preach",
]


@pytest.mark.parametrize("text", NOT_ROUNDS, ids=NOT_ROUNDS)
def test_not_round_names(text: str) -> None:
    assert find_rounds(text) == []


def test_several_rounds_in_order() -> None:
    found = find_rounds("完成C轮融资，此前曾获Pre-A轮和天使轮投资")
    assert [r.code.value for r in found] == ["series_c", "pre_series_a", "angel"]
