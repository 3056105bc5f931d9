"""What each amount in a funding sentence is: the round's money, a valuation, a total, or a conversion."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from ingest.money import Money, find_amounts


class Role(StrEnum):
    ROUND = "round"
    VALUATION = "valuation"
    TOTAL = "total"
    CONVERSION = "conversion"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Figure:
    money: Money
    role: Role


_VAL_BEFORE = re.compile(
    r"(?:valu(?:ation|ed|ing|es|e)[^$€£.;,]{0,40}|估值[^，。；、]{0,8}?|market cap[^$€£,]{0,15})$", re.I
)
_VAL_AFTER = re.compile(
    r"^(?:\s?\)?\s?(?:post-money |pre-money )?valuation|(?:的)?(?:投[前后])?估值|市值)", re.I
)
_TOTAL_BEFORE = re.compile(
    r"(?:total(?:ling)?|to date|now raised(?! (?:a further|an additional|another|a new|fresh))|总融资|融资总额|总金额|bringing|brings|cumulative|altogether|so far|overall|累计|共计|合计|总计|总额|至今|累积|"
    r"revenue|sales|营收|收入|销售额|ARR|GMV|(?:市场|行业|资产|管理|产业)规模)[^.;，。；]{0,25}$",
    re.I,
)
# "our Series B round of VC funding totalling $15 million": the size of one round, not a sum of several.
_ROUND_SIZE = re.compile(r"\bround\b(?: of [\w-]+(?: [\w-]+)?)? totall?ing\s*$", re.I)
# "完成总额为10亿美元的D轮融资": the size of one named round.
_ZH_ROUND_SIZE = re.compile(r"^的(?:[A-J]\+?\d?|Pre-?[A-J]\+?|天使|种子|新一|首)轮融资")
_PER_SHARE = re.compile(r"^\s?(?:apiece|per share|a share|each|per unit|per token)", re.I)
_TOTAL_AFTER = re.compile(
    r"^[^.;，。；]{0,12}?(?:in total|to date|year-to-date|so far|in revenue|in sales|altogether|in annual|of aggregate|since (?:its )?inception|in aggregate|cumulative)",
    re.I,
)
# "$300 million from investors since its founding", "$14 million over two rounds": everything
# raised, or several rounds summed, not one round.
_SINCE_AFTER = re.compile(
    r"^[^.;，。；]{0,20}?\b(?:since (?:its |it was )?(?:incep|found|launch|start)|"
    r"(?:over|across|in|from) (?:two|three|four|five|several|multiple|\d) (?:separate |funding |financing )?rounds)",
    re.I,
)
_CONVERSION_BEFORE = re.compile(r"(?:\(|（|约合|折合|合|approximately|or about|about|~|≈)\s?$")


def classify(sentence: str) -> list[Figure]:
    """The amounts of `sentence`, each with its role.

    >>> [(f.money.text, f.role.value) for f in classify("X raised $30M at a $1.5 billion valuation, bringing its total to $80M")]
    [('$30M', 'round'), ('$1.5 billion', 'valuation'), ('$80M', 'total')]
    >>> [(f.money.text, f.role.value) for f in classify("完成5亿元人民币（约7000万美元）B轮融资，估值达10亿美元")]
    [('5亿元人民币', 'round'), ('约7000万美元', 'conversion'), ('10亿美元', 'valuation')]
    """
    out: list[Figure] = []
    prev_end = -100
    for money in find_amounts(sentence):
        before = sentence[max(0, money.start - 40) : money.start]
        after = sentence[money.end : money.end + 45]
        out.append(Figure(money, _role(before, after, money.start - prev_end, out)))
        prev_end = money.end
    return out


def _role(before: str, after: str, gap: int, previous: list[Figure]) -> Role:
    if _VAL_AFTER.match(after) or _VAL_BEFORE.search(before):
        return Role.VALUATION
    if _PER_SHARE.match(after):
        return Role.OTHER
    if _ROUND_SIZE.search(before) and "rounds" not in before.lower():
        return Role.ROUND
    if _ZH_ROUND_SIZE.match(after) and "总额" in before[-8:]:
        return Role.ROUND
    if _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(after) or _SINCE_AFTER.match(after):
        return Role.TOTAL
    if previous and gap <= 8 and _CONVERSION_BEFORE.search(before.rstrip()):
        return Role.CONVERSION
    return Role.ROUND
