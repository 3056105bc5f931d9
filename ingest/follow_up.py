"""Sentences about the round named just before them: "本轮由X领投", "The round was led by X", "X also took part"."""

from __future__ import annotations

import re

from ingest.figures import Figure, Role, classify
from ingest.investors import en_investors, split_zh_names, zh_investors

_CJK = re.compile(r"[\u4e00-\u9fff]")
_EN_ROUND_LED = re.compile(
    r"^(?:the |this |today[’']s )?(?:[\w$€£.]+ ){0,4}(?:round|funding|financing|investment|raise|series \w|seed)\b[^.]{0,30}?\b(?:was|is|were) (?:co-)?led by "
)
_EN_THIS_ROUND = re.compile(
    r"^(?:(?:co-)?led by |(?:the |this )(?:\w+ )?(?:round|funding|financing|investment|raise|series|seed|capital))"
)
# "NEA, Nvidia and Jeff Bezos also invested", "X and Y are among the investors in the round"
_EN_ALSO_JOINED = re.compile(
    r"^(?P<names>[A-Z][^.;:]{1,300}?(?:,|\band\b)[^.;:]{1,200}?|[A-Z][\w&.' -]{1,60}?)\s+(?:also|both|too)?\s*(?:invested|took part|participated|joined(?: the round| in)?|"
    r"(?:are|were) (?:among )?(?:the )?(?:other |new |existing )?(?:investors|backers|participants))\b"
)
# What _EN_ALSO_JOINED cannot match without (it is case-sensitive): its lazy name lists make a failed match
# cost ~7 us on a long sentence, and most sentences after a round's lead sentence reach it.
_JOINED_WORDS = ("invested", "took part", "participated", "joined", "investors", "backers", "participants")


def _may_join(sentence: str) -> bool:
    return any(word in sentence for word in _JOINED_WORDS)


_EN_INVESTORS_FIRST = re.compile(
    r"^(?:other |new |existing |participating |additional )?(?:[\w-]+ ){0,2}(?:investors|firms|backers|participants)\b"
)
_EN_EARLIER_ROUND = re.compile(
    r"\b(?:previous|prior|earlier|last|former|first|initial)\s+(?:[\w-]+\s+){0,2}?(?:round|funding|financing|raise|series)\b"
)
_EN_INVESTORS_WORDS = re.compile(
    r"^(?:[Oo]ther |[Nn]ew |[Ee]xisting |[Pp]articipating |[Aa]dditional |[Rr]eturning )?(?:[Ii]nvestors|[Bb]ackers)\s+(?=[A-Z0-9])"
)
_EN_INVESTOR_LED = re.compile(
    r"^(?P<names>[A-Z][^,]{1,80}?) (?:co-)?led the (?:round|investment|financing|raise)\b"
)


def _names(text: str) -> list[str]:
    return en_investors(f"led by {text}.")[0]


# "贝壳找房的D轮融资规模已经达到20亿美元", "本轮融资金额为20亿元人民币"
_ZH_ROUND_SIZE = re.compile(
    r"(?:本轮|此轮|该轮|本次|这次|[A-J]\+?\d?轮)融资(?:规模|金额)(?:已经|已)?(?:达到|为|达|约|超过)?\s?(?:约|近|超)?\s?\d"
)
_ZH_PAYS = re.compile(
    r"^(?P<inv>[^，。；]{2,40}?)(?:独家|联合|共同)?(?:出资|注资|投资)(?:了)?(?=\s?(?:约|近|超)?\s?\d)"
)


FollowUp = tuple[list[str], list[str], list[Figure]] | None


def follow_up(sentence: str) -> FollowUp:
    """Investors, money and valuation of the round named just before ("本轮由X领投", "The round was led by X").

    Figures returned are the sentence's valuations, plus its round amount when the sentence is about
    "this round" ("本轮融资金额为20亿元", "X独家出资4亿元").
    """
    low = sentence[:60].lower()
    zh = _CJK.search(sentence, 0, 30) is not None
    if zh and re.search(
        r"(?:^|[，,：:—])(?:本轮|此轮|本次|此次|这次|该轮|这轮|投资方|领投方|跟投方)", sentence
    ):
        lead, others = zh_investors(sentence)
    elif zh and (pays := _ZH_PAYS.match(sentence)):
        lead, others = [], split_zh_names(pays["inv"])
    elif zh and _ZH_ROUND_SIZE.search(sentence):
        lead, others = zh_investors(sentence)
    elif not zh and _EN_EARLIER_ROUND.search(low):
        return None  # "Its previous round was led by X": not this round's investors
    elif not zh and (_EN_ROUND_LED.search(low) or _EN_THIS_ROUND.match(low)):
        lead, others = en_investors(sentence)
    elif not zh and (led := _EN_INVESTOR_LED.match(sentence)):
        lead, others = _names(led["names"]), en_investors(sentence)[1]
    elif not zh and _EN_INVESTORS_FIRST.match(low):
        lead, others = en_investors(sentence)
        if not (lead or others):
            names = re.split(r"\b(?:include|included|including|are|were|was)\s+", sentence, maxsplit=1)
            others = en_investors("funding from " + names[1])[1] if len(names) == 2 else []
        if not (lead or others) and (joined := _EN_ALSO_JOINED.match(_EN_INVESTORS_WORDS.sub("", sentence))):
            others = _names(joined["names"])  # "Existing investors X and Y also participated"
    elif not zh and _may_join(sentence) and (joined := _EN_ALSO_JOINED.match(sentence)):
        lead, others = [], _names(joined["names"])
    else:
        return None
    figures = classify(sentence)
    money = (
        [f for f in figures if f.role is Role.ROUND][:1]
        if not low.startswith(("investors", "other", "existing", "participating", "backers"))
        else []
    )
    vals = [f for f in figures if f.role is Role.VALUATION]
    return (lead, others, vals + money) if lead or others or vals or money else None
