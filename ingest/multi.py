"""One sentence listing several rounds ("此前已获得A轮1亿美元、B轮约6000万美元的融资") -> one mention per round."""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.events import Mention
from ingest.figures import Figure, Role

_ROUND = r"(?:Pre-?)?[A-J]\+?\d?\s?轮|天使\+?轮|种子\+?轮|Series [A-J]\+?|seed|Seed"
_AMOUNT = r"(?:约|近|超)?\s?[$€£]?\d[\d.,]*\s?(?:[万亿]|million|billion|[mMbB]n?\b)?\s?(?:美元|元|人民币|港元|欧元|英镑)?"
_PAIR = re.compile(
    rf"(?P<r1>{_ROUND})\s?(?:融资)?\s?(?P<a1>{_AMOUNT})|(?P<a2>{_AMOUNT})\s?(?:的)?\s?(?P<r2>{_ROUND})"
)


def split_listed(mention: Mention) -> list[Mention]:
    """The mention itself, or one mention per (round, amount) pair when its sentence lists two or more.

    Investors named once for the whole list cannot be told apart, so the split rounds carry none.

    >>> from ingest.events import zh_mention
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
