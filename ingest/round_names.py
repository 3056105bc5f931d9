"""Round names as written ("Series B+", "B+轮", "Pre-A", "天使轮", "growth round") and their spec codes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.fold import fold
from ingest.types import RoundCode


@dataclass(frozen=True, slots=True)
class RoundName:
    code: RoundCode
    label: str
    start: int
    end: int


_LETTER = r"(?P<letter>[A-J])"
# Each pattern with the substrings (of `fold(text)`) it cannot match without: a cheap test before each scan.
_PATTERNS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"(?<![A-Za-z])pre[- ]?(?:series[- ])?" + _LETTER + r"(?P<plus>\s?[+＋])?(?:\d)?(?:\s?轮|\b|(?=[^A-Za-z]))", re.I), "pre", ("pre",)),
    (re.compile(r"\bseries[- ]" + _LETTER + r"(?P<plus>\s?[+＋]|\s?\d|-\d)?(?P<ext>\s(?:extension|bridge|round|funding|financing))?(?![A-Za-z0-9])", re.I), "series", ("series",)),
    (re.compile(r"(?<![A-Za-z])" + _LETTER + r"(?P<plus>\s?[+＋]+|\s?\d)?\s?轮"), "series", ("轮",)),
    # the letter first, its article looked behind from there: the scan then skips to capitals A-J
    (re.compile(_LETTER + r"(?:(?<=\ban [A-J])|(?<=\bits [A-J])|(?<=\ba [A-J]))(?P<plus>\+|\d)?[- ]round\b"), "series", ("round",)),
)  # fmt: skip
_WORDS: tuple[tuple[re.Pattern[str], RoundCode, tuple[str, ...]], ...] = (
    (re.compile(r"pre-?IPO|IPO前", re.I), RoundCode.PRE_IPO, ("ipo",)),
    (re.compile(r"IPO上市后|上市后(?:融资|配售|定增)?|post-IPO", re.I), RoundCode.POST_IPO, ("上市后", "ipo")),
    (re.compile(r"\bpre[- ]?seed\b", re.I), RoundCode.PRE_SEED, ("seed",)),
    (re.compile(r"种子\+?轮|种子轮系列|種子輪|\b[Ss]eed(?:[- ]stage)?\b(?=[- ]?(?:round|funding|financing|investment|capital|extension|raise|deal|\+|plus)|\s*$|\s*[.,;:)])|(?:(?<=million )|(?<=billion )|(?<=\d[MmKk] )|(?<=\dmn ))[Ss]eed\b|(?-i:\bSEED\b)", re.I), RoundCode.SEED, ("种子", "種子", "seed")),
    (re.compile(r"天使\+?轮(?:系列)?|天使投资|\bangel(?: round| investment| funding)\b", re.I), RoundCode.ANGEL, ("天使", "angel")),
    (re.compile(r"战略融资|战略投资(?![者人方])|战略轮|\bstrategic (?:investment|round|funding|financing)\b", re.I), RoundCode.STRATEGIC, ("战略", "strategic")),
    (re.compile(r"可换股债券|可转债|可转换债券|\bconvertible notes?\b", re.I), RoundCode.CONVERTIBLE_NOTE, ("可换股", "可转", "convertible")),
    (re.compile(r"新三板定增|定增|配售|\bprivate placement\b|\bPIPE\b|registered direct offering", re.I), RoundCode.POST_IPO, ("定增", "配售", "placement", "pipe", "offering")),
    (re.compile(r"私募融资|Pre-?IPO|\bgrowth (?:round|financing|equity|funding|investment)\b|\bprivate equity\b", re.I), RoundCode.PRIVATE_EQUITY, ("私募", "ipo", "growth", "equity")),
    (re.compile(r"\b(?:venture debt|debt (?:financing|funding|facility)|credit facility|term loan|loan (?:facility|financing)|(?:(?<=million )|(?<=billion )|(?<=\d[mMkK] )|(?<=\dbn )|(?<=\ba )|(?<=\ban )|(?<=venture )|(?<=bank )|(?<=secured ))loan(?! book| portfolio)\b)|债权融资|贷款|债券|融资券", re.I), RoundCode.DEBT, ("debt", "credit", "loan", "债", "贷款", "融资券")),
    (re.compile(r"\b(?:equity )?crowdfunding\b|众筹", re.I), RoundCode.CROWDFUNDING, ("crowdfunding", "众筹")),
    (re.compile(r"\b(?:[A-Z]{2,6} )?grant\b(?! (?:of|from) (?:options|shares|stock))|资助款|补助金", re.I), RoundCode.GRANT, ("grant", "资助款", "补助金")),
)  # fmt: skip


# Every pattern above needs one of these substrings: a cheap test before 14 regex scans.
_KEYS = ("轮", "series", "round", "pre", "seed", "angel", "ipo", "天使", "种子", "战略", "strategic", "可换股", "可转",
         "convertible", "定增", "配售", "placement", "pipe", "offering", "私募", "growth", "equity", "debt", "credit",
         "loan", "贷款", "债", "融资券", "crowdfunding", "众筹", "上市后", "grant", "资助", "补助")  # fmt: skip


def _letter_code(letter: str, plus: str | None, pre: bool) -> RoundCode:
    letter = letter.lower()
    if pre:
        return RoundCode(f"pre_series_{letter}")
    if plus and "+" in plus.replace("＋", "+") and not any(ch.isdigit() for ch in plus):
        return RoundCode(f"series_{letter}_plus")
    return RoundCode(f"series_{letter}")


def find_rounds(text: str) -> list[RoundName]:
    """Every round name in `text`, in order; overlapping matches keep the earliest, longest one.

    >>> [(r.code.value, r.label) for r in find_rounds("完成B+轮融资，此前Pre-A轮")]
    [('series_b_plus', 'B+轮'), ('pre_series_a', 'Pre-A轮')]
    >>> [(r.code.value, r.label) for r in find_rounds("a $51m Series C1 round and a seed round")]
    [('series_c', 'Series C1'), ('seed', 'seed')]
    """
    low = text.lower()
    if not any(k in low for k in _KEYS):
        return []
    low = fold(text, low)
    found: list[RoundName] = []
    for pattern, kind, keys in _PATTERNS:
        if not any(k in low for k in keys):
            continue
        for m in pattern.finditer(text):
            code = _letter_code(m["letter"], m["plus"], kind == "pre")
            label = m.group(0).strip()
            if kind == "series" and m.groupdict().get("ext") and "extension" not in m["ext"].lower():
                label = text[m.start() : m.start("ext")].strip()
            found.append(RoundName(code, label, m.start(), m.end()))
    for pattern, code, keys in _WORDS:
        if not any(k in low for k in keys):
            continue
        found += [RoundName(code, m.group(0), m.start(), m.end()) for m in pattern.finditer(text)]
    return _dedupe(found)


def _dedupe(found: list[RoundName]) -> list[RoundName]:
    found.sort(key=lambda r: (r.start, -(r.end - r.start)))
    kept: list[RoundName] = []
    for r in found:
        if kept and r.start < kept[-1].end:
            continue
        kept.append(r)
    return kept
