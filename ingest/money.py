"""Amounts of money in English and Chinese text: the figure, its ISO currency and the words as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ingest.cn_numbers import cn_to_decimal
from ingest.fold import fold


@dataclass(frozen=True, slots=True)
class Money:
    """One amount found in text; `amount` is None when only a magnitude was given ("数千万元")."""

    amount: Decimal | None
    currency: str | None
    text: str
    start: int
    end: int


_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "mln": 10**6, "mn": 10**6, "m": 10**6, "mm": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
    "crore": 10**7, "cr": 10**7, "crores": 10**7, "lakh": 10**5, "lakhs": 10**5,
}  # fmt: skip
_PREFIX_CCY = {
    "us$": "USD", "usd": "USD", "$": "USD", "hk$": "HKD", "hkd": "HKD", "s$": "SGD", "sgd": "SGD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "nz$": "NZD",
    "r$": "BRL", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "₹": "INR", "rs": "INR",
    "rs.": "INR", "inr": "INR", "rmb": "CNY", "cny": "CNY", "¥": "CNY", "jpy": "JPY", "chf": "CHF",
    "sek": "SEK", "₩": "KRW", "krw": "KRW", "nzd": "NZD", "nok": "NOK", "dkk": "DKK", "pln": "PLN",
    "myr": "MYR", "rm": "MYR", "idr": "IDR", "rp": "IDR", "thb": "THB", "php": "PHP", "₱": "PHP",
    "zar": "ZAR", "brl": "BRL", "mxn": "MXN", "ils": "ILS", "₪": "ILS", "try": "TRY", "₺": "TRY",
    "aed": "AED", "sar": "SAR", "ngn": "NGN", "₦": "NGN", "kes": "KES", "egp": "EGP", "vnd": "VND",
    "₫": "VND", "twd": "TWD", "nt$": "TWD",
}  # fmt: skip
_SUFFIX_CCY = {
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds": "GBP", "gbp": "GBP", "yuan": "CNY", "rmb": "CNY", "renminbi": "CNY", "cny": "CNY",
    "rupees": "INR", "inr": "INR", "yen": "JPY", "cad": "CAD", "hkd": "HKD", "sgd": "SGD",
    "aud": "AUD", "chf": "CHF", "won": "KRW", "ringgit": "MYR", "rupiah": "IDR", "baht": "THB",
    "naira": "NGN", "rand": "ZAR", "kronor": "SEK", "swiss francs": "CHF",
}  # fmt: skip
# Qualifiers are read from the words just before a match: a leading word alternation would make the
# scan try every position of the text (PERF_NOTES.md).
_EN_QUAL = re.compile(
    r"(?:nearly|almost|about|around|approximately|roughly|some|over|more than|up to|just over|just under|"
    r"close to|an estimated|~)\s*$",
    re.I,
)
# The lookahead names every character a match can start with: the scan skips other positions at once
# instead of trying each currency word there (the same matches, in half the time).
_EN_AMOUNT = re.compile(
    r"(?=[$€£₹¥₩₦₱₪₫₺\dUHSACNREGIJDPKMTZBV])(?P<pre>US\$|HK\$|S\$|A\$|AU\$|C\$|CA\$|NZ\$|NT\$|R\$|\$|€|£|₹|¥|₩|₦|₱|₪|₫|₺|"
    r"(?:USD|EUR|GBP|INR|RMB|CNY|HKD|SGD|CAD|AUD|JPY|CHF|SEK|Rs\.?)\s?|"
    # Codes that are also words ("try", "PHP 8") count in capitals, TRY and PHP only before a scale.
    r"(?-i:NZD|NOK|DKK|PLN|KRW|MYR|IDR|THB|ZAR|BRL|MXN|ILS|AED|SAR|NGN|KES|EGP|VND|TWD|RM|Rp)\s?|"
    r"(?-i:TRY|PHP)\s?(?=[\d.,]+\s?(?:million|billion|bn|mn|m)\b))"
    r"\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?-?(?P<scale>million|mln|mn|mm|m|billion|bn|b|thousand|k|trillion|tn|crores?|cr|lakhs?)\b)?"
    r"(?:\s?(?P<suf>dollars|USD|CAD|AUD|HKD|SGD|EUR)\b)?"
    r"|(?P<num2>\d+(?:\.\d+)?)\s?-?(?P<scale2>million|billion|crores?|lakhs?|thousand)\s+"
    r"(?P<suf2>dollars|euros|pounds|yuan|rmb|renminbi|rupees|yen|won|ringgit|rupiah|baht|naira|rand|kronor|swiss francs)\b",
    re.I,
)
_EN_VAGUE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:millions|billions|thousands) of (?P<cur>dollars|euros|pounds|yuan)"
    r"|(?:seven|eight|nine|ten)[- ]figure(?:s| sum| amount)?)",
    re.I,
)

_CN_CCY = (
    ("美元", "USD"), ("美金", "USD"), ("港元", "HKD"), ("港币", "HKD"), ("欧元", "EUR"), ("英镑", "GBP"),
    ("日元", "JPY"), ("韩元", "KRW"), ("新加坡元", "SGD"), ("新元", "SGD"), ("加元", "CAD"),
    ("澳元", "AUD"), ("卢比", "INR"), ("瑞士法郎", "CHF"), ("元人民币", "CNY"), ("人民币", "CNY"),
    ("元", "CNY"),
)  # fmt: skip
_CN_CCY_ALT = "|".join(c for c, _ in _CN_CCY)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# The number comes first so that the scan only tries positions holding a digit; the qualifier and
# currency written before it are read from the few characters before (see _cn_prefix).
_CN_PREFIX = re.compile(
    r"(?P<qual>约|近|超过|超|逾|过|不超过|不低于|高达|数|几|上)?\s?(?P<pre>人民币|美元|港币|港元|RMB|US\$|\$|¥|￥)?\s?$"
)
_CN_AMOUNT = re.compile(
    r"(?P<num>\d[\d,]*(?:\.\d+)?\s?(?:[十百千万亿]+)?(?:\d+(?:\.\d+)?\s?[十百千万]+)?|[" + _CN_DIGITS + r"]+)"
    r"\s?(?:-|~|至|到)?\s?(?P<num_hi>\d[\d,]*(?:\.\d+)?\s?[十百千万亿]*)?"
    r"\s?(?P<lvl>级)?\s?(?P<ccy>" + _CN_CCY_ALT + r")?(?P<lvl2>级)?"
)


class _CnMatch:
    """A number match plus the qualifier and currency written just before it."""

    def __init__(self, m: re.Match[str], text: str) -> None:
        window = text[max(0, m.start() - 8) : m.start()]
        p = _CN_PREFIX.search(window)
        self.pre_len = len(p.group(0)) if p else 0
        self.groups = {**m.groupdict(), "qual": p["qual"] if p else None, "pre": p["pre"] if p else None}
        self.string, self._m = text, m

    def __getitem__(self, key: str) -> str | None:
        return self.groups[key]

    def start(self) -> int:
        return self._m.start() - self.pre_len

    def end(self) -> int:
        return self._m.end()

    def group(self, _: int = 0) -> str:
        return self.string[self.start() : self.end()]


_UNIT_ONLY = set("十百千万亿")
_BARE_OK = re.compile(r"\s?(?:的|人民币)?\s?(?:融资|[A-J]\+?\s?轮|Pre|pre|天使|种子|战略|投资|新一轮)")


def _en_money(m: re.Match[str]) -> Money | None:
    num, scale = (m["num"], m["scale"]) if m["num"] else (m["num2"], m["scale2"])
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    if scale:
        value *= _SCALES[scale.lower()]
    if m["num"]:
        pre = m["pre"].strip().lower()
        ccy = _PREFIX_CCY.get(pre, "USD")
        suf = (m["suf"] or "").upper()
        if pre == "$" and suf in {"CAD", "AUD", "HKD", "SGD"}:
            ccy = suf
    else:
        ccy = _SUFFIX_CCY[m["suf2"].lower()]
    qual = _EN_QUAL.search(m.string, max(0, m.start() - 20), m.start())
    start = qual.start() if qual else m.start()
    return Money(value, ccy, m.string[start : m.end()].strip(), start, m.end())


def _cn_currency(m: re.Match[str]) -> str | None:
    pre = m["pre"] or ""
    if pre in {"人民币", "RMB", "¥", "￥"}:
        return "CNY"
    if pre in {"美元", "US$", "$"}:
        return "USD"
    if pre in {"港币", "港元"}:
        return "HKD"
    return dict(_CN_CCY).get(m["ccy"]) if m["ccy"] else None


def _cn_money(m: re.Match[str]) -> Money | None:
    num = m["num"].replace(",", "").replace(" ", "")
    ccy = _cn_currency(m)
    has_unit = any(c in "万亿" for c in num)
    if not ccy and not (has_unit and num[0].isdigit()):
        return None
    if not ccy and not m["pre"]:
        if not _BARE_OK.match(m.string, m.end()):
            return None  # "1.2亿白领": a count, not money
        ccy = "CNY"  # "完成6000万B轮融资": Chinese press omits 元 for RMB
    qual = m["qual"] or ""
    vague = qual in {"数", "几", "上"} or m["lvl"] or m["lvl2"] or m["num_hi"]
    if set(num) <= _UNIT_ONLY and qual not in {"近", "超", "超过", "逾", "约", "过"}:
        vague = True  # "千万元", "亿元级": a magnitude, not a figure
    value = None if vague else cn_to_decimal(num)
    text = m.group(0).strip()
    return Money(value, ccy, text, m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end())


def find_amounts(text: str) -> list[Money]:
    """Every amount of money in `text`, in order.

    >>> [(m.amount, m.currency) for m in find_amounts("raised $2.5M, then RMB 350 million")]
    [(Decimal('2500000.0'), 'USD'), (Decimal('350000000'), 'CNY')]
    >>> [(m.amount, m.currency, m.text) for m in find_amounts("完成数千万元A轮融资，估值1.2亿美元")]
    [(None, 'CNY', '数千万元'), (Decimal('120000000.0'), 'USD', '1.2亿美元')]
    """
    found: list[Money] = []
    if any(c in text for c in "$€£₹¥₩₦₱₪₫₺") or _has_en_currency_word(text):
        found += [x for m in en_amount_matches(text) if (x := _en_money(m))]
        low = fold(text)
        if "figure" in low or "s of " in low:  # what _EN_VAGUE cannot match without
            found += [
                Money(None, _vague_ccy(m), m.group(0), m.start(), m.end()) for m in _EN_VAGUE.finditer(text)
            ]
    if any(c in text for c in "万亿元") or "美元" in text:
        taken = [(x.start, x.end) for x in found]
        for raw in _CN_AMOUNT.finditer(text):
            m = _CnMatch(raw, text)
            if not any(s <= m.start() < e for s, e in taken) and (x := _cn_money(m)):  # type: ignore[arg-type]
                found.append(x)
    return sorted(found, key=lambda x: x.start)


_DIGIT_RUN = re.compile(r"\d+")
# Every English amount holds a digit, and starts at most this many characters before its first one
# ("Rs.  5", "USD 5", "HK$5").
_PREFIX_REACH = 6


def en_amount_matches(text: str) -> list[re.Match[str]]:
    """`_EN_AMOUNT.finditer(text)`, trying the pattern only just before digits.

    The pattern's lookahead lets most letters through (currency codes start with them, and it is
    case-insensitive), so a plain scan tries its alternation at nearly every character (~55 µs for a
    100-character sentence); an amount must start within `_PREFIX_REACH` characters of a digit run's
    start (or where the previous amount ended inside a run), so only those starts are tried, in order:
    the same matches (`tests/ingest/test_money.py` compares them).
    """
    out: list[re.Match[str]] = []
    end = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.end() <= end:
            continue
        last = max(run.start(), end)  # a start inside a run is only worth trying where a match ended
        for pos in range(max(end, run.start() - _PREFIX_REACH), last + 1):
            if m := _EN_AMOUNT.match(text, pos):
                out.append(m)
                end = m.end()
                break
    return out


_EN_CCY_WORDS = (
    "dollar",
    "euro",
    "pound",
    "yuan",
    "rupee",
    "crore",
    "lakh",
    "rmb",
    "usd",
    "eur",
    "gbp",
    "rs",
    # ISO codes and currency words written without a symbol ("SGD 20 million", "50 million ringgit")
    "cny", "hkd", "sgd", "cad", "aud", "nzd", "jpy", "chf", "sek", "nok", "dkk", "pln", "krw", "myr",
    "idr", "thb", "php", "zar", "brl", "mxn", "ils", "try", "aed", "sar", "ngn", "kes", "egp", "vnd",
    "twd", "inr", "yen", "won", "ringgit", "rupiah", "baht", "naira", "rand", "kronor", "francs", "rm",
    "rp",
)  # fmt: skip


def _has_en_currency_word(text: str) -> bool:
    low = text.lower()
    return any(w in low for w in _EN_CCY_WORDS) or "figure" in low


def _vague_ccy(m: re.Match[str]) -> str | None:
    cur = (m["cur"] or "").lower()
    return {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "yuan": "CNY"}.get(cur)


def parse_amount(text: str) -> Money | None:
    """The first amount in `text`, or None.

    >>> parse_amount("Rs 50 crore").amount, parse_amount("3亿5000万元").amount
    (Decimal('500000000'), Decimal('350000000'))
    """
    found = find_amounts(text)
    return found[0] if found else None
