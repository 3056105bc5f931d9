"""One sentence listing several rounds ("此前已获得A轮1亿美元、B轮约6000万美元的融资") -> one mention per round."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.events import Mention
from ingest.figures import Figure, Role
from ingest.investors import zh_investors
from ingest.round_names import find_rounds

_ROUND = r"(?:Pre-?)?[A-J]\+?\d?\s?轮|天使\+?轮|种子\+?轮|Series [A-J]\+?|seed|Seed"
_AMOUNT = r"(?:约|近|超)?\s?[$€£]?\d[\d.,]*\s?(?:[万亿]|million|billion|[mMbB]n?\b)?\s?(?:美元|元|人民币|港元|欧元|英镑)?"
_PAIR = re.compile(
    rf"(?P<r1>{_ROUND})\s?(?:融资)?\s?(?P<a1>{_AMOUNT})|(?P<a2>{_AMOUNT})\s?(?:的)?\s?(?P<r2>{_ROUND})"
)


def split_listed(mention: Mention) -> list[Mention]:
    """The mention itself, or one mention per (round, amount) pair when its sentence lists two or more.

    Investors named once for the whole list cannot be told apart, so the split rounds carry none.

    >>> from ingest.events_zh import zh_mention
    >>> m = zh_mention("康宁杰瑞是一家生物制药企业，此前已获得A轮1亿美元、B轮约6000万美元的融资。", None)
    >>> [(x.rounds[0].label, x.figures[0].money.amount) for x in split_listed(m)]
    [('A轮', Decimal('100000000')), ('B轮', Decimal('60000000'))]
    """
    text = mention.evidence
    if len(mention.rounds) < 2:
        return [mention]
    pairs = []
    for m in _PAIR.finditer(text):
        round_start = m.start("r1") if m["r1"] else m.start("r2")
        amount_start = m.start("a1") if m["a1"] else m.start("a2")
        name = next((r for r in mention.rounds if r.start == round_start), None)
        fig = next(
            (
                f
                for f in mention.figures
                if f.role is Role.ROUND and f.money.start <= amount_start < f.money.end
            ),
            None,
        )
        if name and fig:
            pairs.append((name, fig))
    if len(pairs) < 2 or len({p[0].code for p in pairs}) < len(pairs):
        return [mention]
    return [_one(mention, name, fig) for name, fig in pairs]


def _one(mention: Mention, name, fig: Figure) -> Mention:  # noqa: ANN001
    return replace(mention, rounds=[name], figures=[fig], lead=[], others=[], extra_evidence=[])


_PER_ROUND = re.compile(
    r"^(?:其中)?(?P<round>(?:Pre-?)?[A-J]\d?\+?\s?轮|天使\+?轮|种子\+?轮|前轮|上一轮|新一轮)(?:融资)?(?:由|的投资方为|投资方为)"
)


def round_clause(sentence: str) -> tuple[str, list[str], list[str]] | None:
    """(round as written, lead, others) of a clause about one of several rounds ("A2轮由X领投，Y跟投").

    >>> round_clause("其中A1轮由锡高投、三锋投资联合投资")
    ('A1轮', [], ['锡高投', '三锋投资'])
    """
    m = _PER_ROUND.match(sentence.strip())
    if not m:
        return None
    lead, others = zh_investors(sentence.strip())
    return m["round"].replace(" ", ""), lead, others


def assign_round_clause(
    target: Mention, clause: tuple[str, list[str], list[str]], text: str, part: int
) -> Mention | None:
    """Give a per-round clause to `target` (the first clause) or to a copy of it (the next ones).

    A clause naming its round ("A2轮") takes that round; "前轮"/"新一轮" keep the target's round name.
    The amount stated once for several rounds is given to none of them.
    """
    label, lead, others = clause
    rounds = find_rounds(label) or target.rounds[:1]
    several = len(target.rounds) > 1 or part > 1
    figures = [f for f in target.figures if f.role is not Role.ROUND] if several else target.figures
    if part == 1:
        target.rounds, target.figures, target.lead, target.others = rounds, figures, lead, others
        target.extra_evidence.append(text)
        target.part = 1
        return None
    if target.part == 1:
        target.figures = [f for f in target.figures if f.role is not Role.ROUND]
    return replace(
        target, rounds=rounds, figures=figures, lead=lead, others=others, extra_evidence=[text], part=part
    )


_SINCE = re.compile(
    rf"(?:距离|距上次|距)\s?(?P<round>{_ROUND}|上一轮)\s?(?:的)?\s?(?P<amount>{_AMOUNT})?\s?(?:的)?\s?融资"
)


def since_round(mention: Mention) -> Mention | None:
    """The earlier round a news sentence measures from ("距离A轮的1500万美元融资仅半年"): background.

    >>> from ingest.events_zh import zh_mention
    >>> m = zh_mention("示例思维宣布完成数亿元B轮融资，距离A轮的1500万美元融资仅半年", None)
    >>> b = since_round(m)
    >>> (b.company, b.rounds[0].label, b.figures[0].money.amount, b.history)
    ('示例思维', 'A轮', Decimal('15000000'), True)
    """
    m = _SINCE.search(mention.evidence)
    if not m or mention.history or not (m["amount"] or m["round"] != "上一轮"):
        return None
    figures = [
        replace(f, role=Role.ROUND)
        for f in mention.figures
        if m["amount"] and m.start("amount") <= f.money.start < m.end("amount")
    ]
    rounds = find_rounds(m["round"])
    return replace(mention, rounds=rounds, figures=figures[:1], lead=[], others=[], history=True, dates=[])
