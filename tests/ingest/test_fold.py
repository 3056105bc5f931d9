"""fold(): a substring test on it finds every ASCII word an re.I search finds."""

from __future__ import annotations

import re

import pytest

from ingest.fold import fold

CASES = [
    ("Series A", "series"),
    ("ſeries A", "series"),  # long s: re.I equates it with s, lower() keeps it
    ("Pre-İPO", "ipo"),  # dotted capital I: lower() makes two characters of it
    ("raıse", "raise"),  # dotless i
    ("\u212aKR", "kkr"),  # Kelvin sign
    ("资本 Seed", "seed"),
]


@pytest.mark.parametrize(("text", "word"), CASES, ids=[c[0] for c in CASES])
def test_fold_agrees_with_re_ignorecase(text: str, word: str) -> None:
    assert re.search(word, text, re.I)
    assert word in fold(text)


def test_every_letter_re_ignorecase_equates_with_ascii_folds_to_it() -> None:
    letters = {a: re.compile(a, re.I) for a in "abcdefghijklmnopqrstuvwxyz"}
    odd = [chr(cp) for cp in range(128, 0x3000) if any(p.fullmatch(chr(cp)) for p in letters.values())]
    assert odd, "no non-ASCII letter equated with ASCII: the test checks nothing"
    for c in odd:
        assert any(a in fold(c) and p.fullmatch(c) for a, p in letters.items()), c
