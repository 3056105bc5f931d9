"""News of several rounds told only by their count ("X三个月完成两轮融资") -> one mention per round.

Each round is reported as news but nothing else is known of it: no amount (a sum for all of them is given
to none, ROUNDS_SPEC.md "several rounds summed"), no investors, the type only when the sentence names one
type for all. Counts written as history ("成立以来先后完成五轮融资") or above three are not read.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ingest.companies_zh import clean_zh
from ingest.events import Mention, sentence_dates
from ingest.events_zh import ZH_HISTORY
from ingest.money import find_amounts
from ingest.round_names import find_rounds
from ingest.types import RoundStatus

_COUNTED = re.compile(
    r"^(?P<subject>[^，。；]{2,40}?)(?:(?:近|最近|过去)?[一二两三四五六半\d]+(?:个)?(?:月|周|年)(?:内|里|间)?)?"
    r"(?:连续|接连|相继)?(?:完成|获得?|拿下|斩获)了?(?P<n>两|二|三|2|3)\s?轮(?P<kind>[^，。；\d]{0,8}?)融资"
)
_NOT_NEWS = re.compile(r"累计|共计|合计|总计|总额|共|先后|至今|以来|成立|拟|将|计划|寻求|洽谈")
_COUNTS = {"两": 2, "二": 2, "2": 2, "三": 3, "3": 3}


def counted_rounds(sentence: str, published: date | None) -> list[Mention]:
    """One mention per round of "X完成两轮融资" (told as news, with no sum and no history), else [].

    >>> [(m.company, m.part) for m in counted_rounds("示例科技三个月完成两轮融资，加速产品落地", None)]
    [('示例科技', 1), ('示例科技', 2)]
    >>> counted_rounds("示例科技成立以来先后完成三轮融资", None)
    []
    """
    m = _COUNTED.match(sentence.strip())
    clause = re.split(r"[，。；]", sentence.strip(), maxsplit=1)[0]
    if not m or _NOT_NEWS.search(clause) or ZH_HISTORY.search(clause) or find_amounts(clause):
        return []
    named = clean_zh(m["subject"])
    if named is None:
        return []
    kinds = find_rounds(m["kind"])
    rounds = kinds[:1] if len({r.code for r in kinds}) == 1 else []
    dates = sentence_dates(clause, published)
    first = Mention(
        named[0], named[1], rounds, [], [], [], dates, RoundStatus.ANNOUNCED, False, sentence, part=1
    )
    return [first] + [replace(first, part=i, rounds=list(rounds)) for i in range(2, _COUNTS[m["n"]] + 1)]
