"""The pure identity rules: company keys, spelling variants, same round, canonical figures.

Cases come from the issue (Good Technology / GOOD / Good.Co, Grid Networks, OYO Rooms), from the
near-duplicates SOURCES.md lists in the TechCrunch and Indian datasets, and from Chinese registered names.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import permutations

import pytest

from ingest.dedupe import (
    MentionFacts,
    RoundFacts,
    amount_is_bound,
    company_key,
    extension_candidates,
    fuzzy_match,
    investor_key,
    merge_mentions,
    same_round,
    split_aliases,
)
from ingest.types import RoundCode as C

SAME_COMPANY = [
    ("Grid Networks", "GridNetworks"),
    ("OYO Rooms", "OyoRooms"),
    ("OYO Rooms", "Oyorooms"),
    ("Acme, Inc.", "ACME"),
    ("Acme Pvt. Ltd", "Acme Private Limited"),
    ("Acme GmbH", "acme"),
    ("The Rubicon Project", "Rubicon Project"),
    ("Mint.com", "Mint"),
    ("ＡＣＭＥ", "acme"),
    ("北京字节跳动科技有限公司", "字节跳动"),
    ("上海拉扎斯信息科技有限公司", "拉扎斯"),
    ("BYJU\u2019S", "Byju's"),
]
DIFFERENT_COMPANY = [
    ("Good Technology", "GOOD"),
    ("GOOD", "Good.Co"),
    ("Good Technology", "Good.Co"),
    ("Conduit", "Conduit Labs"),
    ("Spire", "Spire Labs"),
    ("科技", "网络"),
]


@pytest.mark.parametrize(("a", "b"), SAME_COMPANY, ids=[f"{a}={b}" for a, b in SAME_COMPANY])
def test_same_company_key(a: str, b: str) -> None:
    assert company_key(a) == company_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_COMPANY, ids=[f"{a}!={b}" for a, b in DIFFERENT_COMPANY])
def test_different_company_key(a: str, b: str) -> None:
    assert company_key(a) != company_key(b)


@pytest.mark.parametrize(
    ("key", "block", "expected"),
    [
        pytest.param("powerreview", ["powerreviews"], "powerreviews", id="plural"),
        pytest.param("brilliantelecom", ["brillianttelecom"], "brillianttelecom", id="missing-letter"),
        pytest.param("conduit", ["conduitlabs"], None, id="prefix-is-another-firm"),
        pytest.param("good", ["goodco"], None, id="short-names-never-fuzzy"),
        pytest.param("sellpoint", ["sellpointmedia"], None, id="extra-word"),
        pytest.param("gridnetworks1", ["gridnetworks10", "gridnetworks2"], None, id="other-number"),
    ],
)
def test_fuzzy_match(key: str, block: list[str], expected: str | None) -> None:
    assert fuzzy_match(key, block) == expected


# Word boundaries come from the names: an edit may change the end of a word only by a plural "s".
WORD_END_CASES = [
    pytest.param("Zend Technologies", "Zenda Technologies", False, id="letter-added-to-a-word"),
    pytest.param("Social Media", "Social Median", False, id="letter-added-to-the-last-word"),
    pytest.param("Tastemakers", "TastemakerX", False, id="last-letter-replaced"),
    pytest.param("Vahdam Tea", "Vahdam Teas", True, id="plural-s"),
    pytest.param("Power Review", "PowerReviews", True, id="plural-s-other-spacing"),
    pytest.param("Craftstvilla", "Craftsvilla", True, id="letter-inside-a-word"),
]


@pytest.mark.parametrize(("a", "b", "matched"), WORD_END_CASES)
def test_fuzzy_match_keeps_word_ends(a: str, b: str, matched: bool) -> None:
    ka, kb = company_key(a), company_key(b)
    assert (fuzzy_match(ka, [kb], {ka: a, kb: b}) == kb) is matched


@pytest.mark.parametrize(
    ("key", "block", "names", "expected"),
    [
        pytest.param(
            "pandora", ["pandoramedia"], {"pandoramedia": "Pandora Media"}, ["pandoramedia"], id="word-added"
        ),
        pytest.param(
            "pandoramedia", ["pandora"], {"pandoramedia": "Pandora Media"}, ["pandora"], id="word-dropped"
        ),
        pytest.param("pandora", ["pandoramedia"], {}, [], id="no-word-boundary-known"),
        pytest.param("acme", ["acmeplex"], {"acmeplex": "Acmeplex"}, [], id="not-a-whole-word"),
        pytest.param("acme", ["acme2"], {"acme2": "Acme 2"}, [], id="other-number"),
        pytest.param("abc", ["abcmedia"], {"abcmedia": "ABC Media"}, [], id="too-short"),
    ],
)
def test_extension_candidates(key: str, block: list[str], names: dict[str, str], expected: list[str]) -> None:
    assert extension_candidates(key, block, names) == expected


@pytest.mark.parametrize(
    ("name", "names"),
    [
        pytest.param("ByteDance (字节跳动)", ["ByteDance", "字节跳动"], id="parenthesised-alias"),
        pytest.param("Danal d/b/a BilltoMobile", ["Danal", "BilltoMobile"], id="dba"),
        pytest.param("Acme (India) Pvt Ltd", ["Acme (India) Pvt Ltd"], id="parenthesis-inside"),
    ],
)
def test_split_aliases(name: str, names: list[str]) -> None:
    assert split_aliases(name) == names


def f(code: C, on: date | None, amount: int | None, currency: str = "USD") -> RoundFacts:
    return RoundFacts(code, on, None if amount is None else Decimal(amount), currency)


D = date(2024, 3, 1)
ROUNDS = [
    ("same-code-close", f(C.SERIES_B, D, 40), f(C.SERIES_B, date(2024, 3, 20), 36), True),
    ("same-code-amounts-far-apart", f(C.SERIES_A, D, 11_100_000), f(C.SERIES_A, D, 1_700_000), False),
    ("same-code-one-amount-unknown", f(C.SERIES_A, D, 11_100_000), f(C.SERIES_A, D, None), True),
    ("b-vs-b-plus", f(C.SERIES_B, D, 40), f(C.SERIES_B_PLUS, D, 40), False),
    ("outside-window", f(C.SERIES_B, D, 40), f(C.SERIES_B, date(2024, 9, 1), 40), False),
    ("seed-amounts-differ", f(C.SEED, D, 2_000_000), f(C.SEED, D, 3_000_000), False),
    ("seed-amount-unknown", f(C.SEED, D, 2_000_000), f(C.SEED, D, None), True),
    ("seed-vs-angel-same-amount", f(C.SEED, D, 500_000), f(C.ANGEL, D, 520_000), True),
    ("seed-vs-angel-no-amount", f(C.SEED, D, 500_000), f(C.ANGEL, D, None), False),
    ("unknown-vs-typed-same-amount", f(C.UNKNOWN, D, 9_500_000), f(C.SERIES_A, D, 9_500_000), True),
    ("unknown-vs-typed-other-amount", f(C.UNKNOWN, D, 1_000_000), f(C.SERIES_A, D, 9_500_000), False),
    ("a-vs-b-same-amount", f(C.SERIES_A, D, 5_000_000), f(C.SERIES_B, D, 5_400_000), True),
    ("a-vs-c-same-amount", f(C.SERIES_A, D, 5_000_000), f(C.SERIES_C, D, 5_000_000), False),
    ("b-vs-c-no-amount", f(C.SERIES_B, D, 5_000_000), f(C.SERIES_C, D, None), False),
    ("other-currency", f(C.SEED, D, 1_000_000), f(C.SEED, D, 1_000_000, "EUR"), False),
]


@pytest.mark.parametrize(("a", "b", "same"), [r[1:] for r in ROUNDS], ids=[r[0] for r in ROUNDS])
def test_same_round(a: RoundFacts, b: RoundFacts, same: bool) -> None:
    assert same_round(a, b) is same and same_round(b, a) is same


def mention(code: C, amount: int | None, on: date, **kw: object) -> MentionFacts:
    base: dict[str, object] = dict(
        round_code=code,
        round_label=None,
        amount=None if amount is None else Decimal(amount),
        currency="USD" if amount else None,
        amount_usd=None if amount is None else Decimal(amount),
        valuation=None,
        valuation_currency=None,
        announced_on=on,
        precise_date=True,
        status="announced",
        background=False,
        confidence=0.5,
    )
    base.update(kw)
    return MentionFacts(**base)  # type: ignore[arg-type]


def test_merge_fills_gaps_and_takes_the_majority_figure() -> None:
    canon = merge_mentions(
        [
            mention(C.UNKNOWN, 5_400_000, date(2007, 7, 1), precise_date=False),
            mention(C.SERIES_A, 5_000_000, date(2007, 7, 9), valuation=Decimal(20_000_000)),
            mention(C.SERIES_A, 5_000_000, date(2007, 7, 10), round_label="Series A"),
        ]
    )
    assert (canon.round_code, canon.amount, canon.announced_on) == (
        C.SERIES_A,
        Decimal(5_000_000),
        date(2007, 7, 9),
    )
    assert (canon.valuation, canon.round_label, canon.source_count) == (Decimal(20_000_000), "Series A", 3)


def test_merge_ignores_background_mentions_when_news_exists() -> None:
    canon = merge_mentions(
        [mention(C.SEED, 1_000_000, date(2020, 1, 1), background=True), mention(C.SEED, 2_000_000, D)]
    )
    assert (canon.amount, canon.background) == (Decimal(2_000_000), False)


# Investor names as outlets write them: the same firm with and without its corporate tail words.
INVESTORS = [
    ("SoftBank", "SoftBank Group", True),
    ("SoftBank", "SoftBank Group Corp.", True),
    ("The Carlyle Group", "Carlyle", True),
    ("Temasek Holdings Pte. Ltd.", "Temasek", True),
    ("Fidelity Investments", "Fidelity", True),
    ("Hillhouse Capital Management", "Hillhouse Capital", True),
    ("Tiger Global Management", "Tiger Global", True),
    ("Alibaba Group Holding Limited", "Alibaba", True),
    ("软银集团", "软银", True),
    ("General Catalyst", "General Atlantic", False),
    ("Sequoia Capital", "Sequoia Capital China", False),
    ("Sequoia", "Sequoia Capital", False),
    ("Lightspeed Venture Partners", "Lightspeed", False),
    ("Investment Group", "Group", False),
]


@pytest.mark.parametrize(("a", "b", "same"), INVESTORS, ids=[f"{a}|{b}" for a, b, _ in INVESTORS])
def test_investor_key(a: str, b: str, same: bool) -> None:
    assert (investor_key(a) == investor_key(b)) is same
    assert investor_key(a) and investor_key(b)


BOUNDS = [
    ("$1.05 billion", False),
    ("€600 million", False),
    ("20,00,00,000", False),
    ("5000万美元", False),
    ("CA$5 million", False),
    ("$50m-$60m", False),
    ("more than $1 billion", True),
    ("about $1 billion", True),
    ("over $300M", True),
    ("nearly $2 billion", True),
    ("up to $50m", True),
    ("$1B+", True),
    ("近1亿", True),
    ("超过5亿元", True),
    ("1亿多元", True),
    ("数千万美元", True),
    ("5000万元左右", True),
]


@pytest.mark.parametrize(("text", "bound"), BOUNDS, ids=[t for t, _ in BOUNDS])
def test_amount_is_bound(text: str, bound: bool) -> None:
    assert amount_is_bound(text) is bound


WAYVE = [
    mention(C.SERIES_C, 1_000_000_000, date(2024, 5, 7), amount_text="more than $1 billion",
            published_on=date(2024, 5, 7), origin="https://asiabeat.example/wayve"),
    mention(C.SERIES_C, 1_050_000_000, date(2024, 5, 7), amount_text="$1.05 billion",
            published_on=date(2024, 5, 8), origin="https://dailyfund.example/wayve"),
    mention(C.SERIES_C, 1_000_000_000, date(2024, 5, 7), amount_text="about $1 billion",
            published_on=date(2024, 5, 6), origin="https://other.example/wayve"),
]  # fmt: skip


@pytest.mark.parametrize("order", list(permutations(range(3))), ids=str)
def test_a_stated_figure_beats_bounds_in_any_ingest_order(order: tuple[int, ...]) -> None:
    canon = merge_mentions([WAYVE[i] for i in order])
    assert (canon.amount, canon.amount_usd) == (Decimal(1_050_000_000), Decimal(1_050_000_000))


def test_bounds_count_when_no_report_states_a_figure() -> None:
    canon = merge_mentions([WAYVE[0], WAYVE[2]])
    assert canon.amount == Decimal(1_000_000_000)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(date(2024, 1, 2), date(2024, 1, 1), 2, id="earliest-publication"),
        pytest.param(None, date(2024, 1, 5), 2, id="undated-report-last"),
        pytest.param(None, None, 1, id="then-by-url"),
    ],
)
def test_tied_figures_go_to_the_earliest_publication_then_url(
    a: date | None, b: date | None, expected: int
) -> None:
    one = mention(C.SERIES_B, 1_000_000, D, published_on=a, origin="https://a.example/x")
    two = mention(C.SERIES_B, 2_000_000, D, published_on=b, origin="https://b.example/x")
    for order in ([one, two], [two, one]):
        assert merge_mentions(order).amount == Decimal(expected * 1_000_000)
