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
    ("secured a €5 million loan from the EIB", "debt", "loan"),  # a loan the company takes
    ("took out a $5M bank loan", "debt", "loan"),
    ("raised a B round", "series_b", "B round"),
    ("E+轮", "series_e_plus", "E+轮"),
    ("raises $5M seed led by Firstlight", "seed", "seed"),  # headline style: the amount names it
    ("lands $5 million seed to build trackers", "seed", "seed"),
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
    "投资方包括某国际战略投资者",  # a strategic investor takes part; the round is not named
    "raised $50M to grow its loan book",  # the loans a lender makes are its business
    "which offers loans to farmers",
]


@pytest.mark.parametrize("text", NOT_ROUNDS, ids=NOT_ROUNDS)
def test_not_round_names(text: str) -> None:
    assert find_rounds(text) == []


def test_several_rounds_in_order() -> None:
    found = find_rounds("完成C轮融资，此前曾获Pre-A轮和天使轮投资")
    assert [r.code.value for r in found] == ["series_c", "pre_series_a", "angel"]


# Each pattern runs only when one of its key substrings is in the folded text; a key list that misses a
# way of writing the name would silently drop rounds. Every spelling here must keep its pattern's keys.
GUARDED = [
    "PRE-A轮", "Pre Series B", "pre-series-c", "SERIES D", "series e-2", "A+轮", "B 轮", "an A-round",
    "its B2 round", "PRE-IPO", "IPO前", "IPO上市后", "上市后配售", "Post-IPO", "PRE-SEED", "Pre seed",
    "种子+轮", "種子輪", "SEED round", "Seed-stage funding", "SEED", "天使投资", "ANGEL ROUND",
    "战略轮", "Strategic Funding", "可转债", "可换股债券", "Convertible Notes", "新三板定增", "配售",
    "Private Placement", "a PIPE", "Registered Direct Offering", "私募融资", "Growth Equity",
    "Private Equity", "Venture Debt", "Credit Facility", "Term Loan", "债权融资", "贷款", "融资券",
    "Equity Crowdfunding", "众筹", "NSF grant", "资助款", "补助金", "ſeries A", "ſeed round", "İPO前",
]  # fmt: skip


@pytest.mark.parametrize("text", GUARDED, ids=GUARDED)
def test_pattern_keys_cover_every_match(text: str) -> None:
    from ingest.fold import fold
    from ingest.round_names import _PATTERNS, _WORDS

    matched = [
        keys
        for pattern, _, keys in (*_PATTERNS, *_WORDS)
        if pattern.search(text) or pattern.search(f"a {text} round")
    ]
    assert matched, f"no pattern matches {text!r}: the case is useless"
    for keys in matched:
        assert any(k in fold(f"a {text} round") for k in keys), (text, keys)
