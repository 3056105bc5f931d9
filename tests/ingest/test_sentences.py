"""Sentence splitting with offsets, the funding-word prefilter and "more stories" rivers (cases from the corpus pages)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.sentences import is_candidate, paragraphs, river_paragraphs, split_sentences

SPLITS = [
    ("Acme Inc. raised $5M. It was led by X.", ["Acme Inc. raised $5M.", "It was led by X."]),
    (
        "U.S. startup Acme raised $5M in funding. Investors include X.",
        ["U.S. startup Acme raised $5M in funding.", "Investors include X."],
    ),
    ("完成A轮融资。本轮由Y领投；老股东跟投。", ["完成A轮融资。", "本轮由Y领投；", "老股东跟投。"]),
    ("仁迈生物完成C轮融资 — 公司近日完成 C 轮融资。", ["仁迈生物完成C轮融资", "公司近日完成 C 轮融资。"]),
    (
        "Everseen — which sells to retailers — raised €65 million in funding.",
        ["Everseen — which sells to retailers — raised €65 million in funding."],
    ),
    (
        "Acme raised $18M Series A. Beta raised $6M seed. It was led by John A. Smith.",
        ["Acme raised $18M Series A.", "Beta raised $6M seed.", "It was led by John A. Smith."],
    ),
]


@pytest.mark.parametrize(
    ("text", "sentences"),
    SPLITS,
    ids=["abbreviation", "initials", "chinese", "flash-dash", "english-dash", "series-letter-ends"],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    found = split_sentences(text)
    assert [s.text for s in found] == sentences
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in found)


def test_paragraphs_without_funding_words_are_skipped() -> None:
    assert [s.text for s in split_sentences("The weather was fine.\nAcme raised $5M in seed funding.")] == [
        "Acme raised $5M in seed funding."
    ]


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        ("Agari has raised $2.5 million", True),
        ("完成A轮融资", True),
        ("secured a credit facility", True),
        ("GTA V trailer", False),
    ],
    ids=["raised", "融资", "facility", "unrelated"],
)
def test_is_candidate(text: str, candidate: bool) -> None:
    assert is_candidate(text) is candidate


def test_river_of_related_stories() -> None:
    text = "Body text.\nAgora raises $34M\nMarina Temkin\n17 hours ago\nSince he was young…\nMore body."
    assert river_paragraphs(text) == {1, 2, 3, 4}


def test_a_failed_split_is_cut_into_sentence_sized_pieces() -> None:
    """Every boundary looks like an initial ("from Y."), so the ordinary split keeps one huge "sentence"."""
    text = "Acme raised $5 million led by X Ventures with participation from Y. " * 40
    found = split_sentences(text)
    assert len(found) == 40 and all(len(s.text) <= 1500 for s in found)
    assert all(text[s.start : s.start + len(s.text)] == s.text for s in found)


# Text pieces that exercise the prefilter: funding words in both scripts and cases, stops, paragraph breaks
# (lines and runs of spaces), and "İ", whose lower case is two characters (offsets move).
_PIECES = ["raised ", "Led by ", "融资", "轮", "seed", "x", "İ", ". ", "。", "\n", "   ", " — ", "A"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_split_keeps_exactly_the_paragraphs_with_a_funding_word(text: str) -> None:
    kept = {s.paragraph for s in split_sentences(text)}
    expected = {n for n, (para, _) in enumerate(paragraphs(text)) if is_candidate(para) and para.strip()}
    assert kept == expected


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_paragraph_offsets_point_at_the_paragraphs(text: str) -> None:
    for para, start in paragraphs(text):
        assert text[start : start + len(para)] == para


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\n\nb", [("a", 0), ("", 1), ("b", 3)]),
        ("\nraised", [("", 0), ("raised", 1)]),
        ("a   b\nc", [("a", 0), ("b", 4), ("c", 6)]),
    ],
    ids=["empty-line", "leading-break", "space-run"],
)
def test_paragraph_offsets(text: str, expected: list[tuple[str, int]]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(
    ("text", "skipped"),
    [
        # a heading, then headlines without full stops, up to the next prose paragraph
        (
            "Acme raised $5M.\nRelated stories\nDelta raises $20M seed\nEpsilon lands $8M\nThe end of it all.",
            {1, 2, 3},
        ),
        ("Acme raised $5M.\nAlso read: Delta raises $20M seed\nAcme will hire.", {1}),
        ("示例完成A轮融资。\n相关阅读\n某公司获数千万元融资\n某公司完成B轮融资", {1, 2, 3}),
        (
            "示例完成A轮融资。\n相关推荐：\n星辰机器人获2亿元B轮融资\n24小时热榜\n蓝海科技获10亿元战略投资",
            {1, 2, 3, 4},
        ),
        ("Acme raised $5M from Related Capital.\nThe round was led by Popular Ventures.", set()),
        ("Acme raised $5M.\nMore on that in a future post.\nFunding details\nAcme will hire.", set()),
    ],
    ids=[
        "heading-then-headlines",
        "inline-also-read",
        "zh-heading",
        "zh-recommended-and-hot-list",
        "words-inside-sentences",
        "a-sentence-not-a-heading",
    ],
)
def test_lists_of_related_stories_in_plain_text(text: str, skipped: set[int]) -> None:
    assert river_paragraphs(text) == skipped
