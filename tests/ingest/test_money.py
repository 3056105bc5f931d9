"""Amounts as written in English and Chinese funding news -> (amount, currency).

Cases: the forms listed in the extraction issue (ROUNDS_SPEC.md "amount"/"currency"), plus traps seen in
the labelled corpus (counts written with 万/亿, per-share prices, magnitudes without a figure).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.cn_numbers import cn_to_decimal
from ingest.money import find_amounts, parse_amount

AMOUNTS = [
    ("$180 million", "180000000", "USD"),
    ("$2.5M", "2500000", "USD"),
    ("US$1.2bn", "1200000000", "USD"),
    ("€10m", "10000000", "EUR"),
    ("RMB 350 million", "350000000", "CNY"),
    ("1 billion yuan", "1000000000", "CNY"),
    ("Rs 50 crore", "500000000", "INR"),
    ("₹500 crore", "5000000000", "INR"),
    ("HK$780 million", "780000000", "HKD"),
    ("£715,000", "715000", "GBP"),
    ("$2.75 million CAD", "2750000", "CAD"),
    ("$15million dollars", "15000000", "USD"),
    ("nearly $1 million", "1000000", "USD"),
    ("up to $8 billion", "8000000000", "USD"),
    ("1.2亿美元", "120000000", "USD"),
    ("5000万元", "50000000", "CNY"),
    ("3亿5000万元", "350000000", "CNY"),
    ("五千万元", "50000000", "CNY"),
    ("约2亿元", "200000000", "CNY"),
    ("近1100万元人民币", "11000000", "CNY"),
    ("超 600 亿美元", "60000000000", "USD"),
    ("不超过8亿元", "800000000", "CNY"),
    ("1000 万欧元", "10000000", "EUR"),
    ("98万英镑", "980000", "GBP"),
    ("8.51亿港元", "851000000", "HKD"),
    ("近亿元", "100000000", "CNY"),  # ROUNDS_SPEC.md: a qualified figure keeps the figure
    ("完成6000万B轮融资", "60000000", "CNY"),  # RMB implied when the press drops 元
    ("SGD 20 million", "20000000", "SGD"),  # an ISO code alone, without a symbol in the text
    ("RM50 million", "50000000", "MYR"),
    ("Rp 100 billion", "100000000000", "IDR"),
    ("NT$300 million", "300000000", "TWD"),
    ("₦500 million", "500000000", "NGN"),
    ("50 million ringgit", "50000000", "MYR"),
    ("TRY 5 million", "5000000", "TRY"),
]


@pytest.mark.parametrize(("text", "amount", "currency"), AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amounts(text: str, amount: str, currency: str) -> None:
    money = parse_amount(text)
    assert money is not None
    assert (money.amount, money.currency) == (Decimal(amount), currency)


MAGNITUDES = [
    ("数千万元", "CNY"),
    ("千万级港元", "HKD"),
    ("数亿人民币", "CNY"),
    ("亿元级", "CNY"),
    ("700-800 亿美元", "USD"),
    ("tens of millions of dollars", "USD"),
    ("eight figures", None),
]


@pytest.mark.parametrize(("text", "currency"), MAGNITUDES, ids=[m[0] for m in MAGNITUDES])
def test_magnitudes_have_no_amount(text: str, currency: str | None) -> None:
    money = parse_amount(text)
    assert money is not None and money.amount is None
    assert (money.currency, money.text) == (currency, text)


NOT_MONEY = ["服务1.2亿白领人才", "万达集团", "获千万天使轮融资", "GTA V trailer", "Series B",
             "we try 5 times", "PHP 8 is out", "rm 5 files"]  # fmt: skip


@pytest.mark.parametrize("text", NOT_MONEY, ids=NOT_MONEY)
def test_not_money(text: str) -> None:
    assert [m for m in find_amounts(text) if m.amount is not None] == []


def test_two_currencies_keep_both_in_order() -> None:
    found = find_amounts("raised RMB 500 million ($70.5 million) in Series B")
    assert [(m.amount, m.currency) for m in found] == [
        (Decimal(500000000), "CNY"),
        (Decimal(70500000), "USD"),
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("五千万", 50000000), ("3亿5000万", 350000000), ("十亿", 10**9), ("1万亿", 10**12), ("两百万", 2000000)],
    ids=["five-thousand-wan", "mixed-yi-wan", "ten-yi", "wan-yi", "liang-bai-wan"],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_decimal(text) == value


# The English amount pattern opens with a lookahead naming the characters a match can start with (speed
# only); each currency spelling must be found exactly as the pattern without the lookahead finds it.
AMOUNT_SPELLINGS = [
    "US$5m", "HK$780 million", "S$2m", "A$3m", "AU$3m", "C$1m", "CA$1m", "NZ$4m", "R$9m", "$12 million",
    "€10m", "£5m", "₹50 crore", "¥1bn", "₩3bn", "USD 5m", "eur 3 million", "GBP2m", "INR 40 crore",
    "RMB 500 million", "CNY 1bn", "HKD 20m", "SGD 4m", "CAD 1m", "AUD 2m", "JPY 1bn", "CHF 3m", "SEK 9m",
    "Rs 50 crore", "Rs. 50 crore", "20 million dollars", "3 billion yuan", "ıNR 4 crore",
    "NZD 3m", "NOK 40 million", "DKK 9m", "PLN 5m", "KRW 10bn", "MYR 4m", "RM50 million", "IDR 9bn",
    "Rp 100 billion", "THB 30m", "ZAR 30m", "BRL 12m", "MXN 8m", "ILS 20m", "AED 5m", "SAR 9m",
    "NGN 3bn", "KES 40m", "EGP 9m", "VND 50bn", "TWD 3bn", "NT$300 million", "TRY 5 million",
    "PHP 80 million", "₦500 million", "₱20 million", "₪10 million", "₫5 billion", "₺8 million",
    "50 million ringgit", "3 billion rupiah",
]  # fmt: skip


@pytest.mark.parametrize("text", AMOUNT_SPELLINGS, ids=AMOUNT_SPELLINGS)
def test_amount_lookahead_changes_no_match(text: str) -> None:
    import re

    from ingest.money import _EN_AMOUNT

    prefix = "(?=[$€£₹¥₩₦₱₪₫₺\\dUHSACNREGIJDPKMTZBV])"
    assert _EN_AMOUNT.pattern.startswith(prefix)
    plain = re.compile(_EN_AMOUNT.pattern[len(prefix) :], _EN_AMOUNT.flags)
    found = [(m.span(), m.groupdict()) for m in _EN_AMOUNT.finditer(f"it raised {text} today")]
    assert found, f"{text!r} has no amount: the case checks nothing"
    assert found == [(m.span(), m.groupdict()) for m in plain.finditer(f"it raised {text} today")]


_AMOUNT_PIECES = ["$", "US$", "HK$", "Rs.", "Rs", " ", "  ", "5", "12", ",", ",345", ".5", "1,234567", "USD",
                  "usd", "RM", "TRY ", "million", " dollars", "m", "bn", "€", "x", "a", "-", "crore", "yuan"]  # fmt: skip


@settings(max_examples=2000)
@given(st.lists(st.sampled_from(_AMOUNT_PIECES), max_size=30).map("".join))
def test_amount_scan_near_digits_finds_what_a_full_scan_finds(text: str) -> None:
    from ingest.money import _EN_AMOUNT, en_amount_matches

    def spans(ms: list[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in ms]

    assert spans(en_amount_matches(text)) == spans(list(_EN_AMOUNT.finditer(text)))
