"""One funding sentence -> one round mention: who raised, how much, which round, from whom, when, and how sure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ingest.companies import clean_en, clean_zh, is_pronoun_subject, is_vc_firm
from ingest.dates import Resolved, find_dates
from ingest.figures import Figure, Role, classify
from ingest.investors import en_investors, split_zh_names, zh_investors
from ingest.round_names import RoundName, find_rounds
from ingest.types import RoundCode, RoundStatus


@dataclass(slots=True)
class Mention:
    """A round as one sentence states it; merged with others of the same round by `ingest.extract`."""

    company: str | None
    aliases: tuple[str, ...]
    rounds: list[RoundName]
    figures: list[Figure]
    lead: list[str]
    others: list[str]
    dates: list[Resolved]
    status: RoundStatus
    history: bool
    evidence: str
    from_title: bool = False
    pronoun: bool = False
    pos: int = 0
    part: int = 0  # n-th of several rounds told clause by clause ("A1轮由…；A2轮由…"); never merged together
    extra_evidence: list[str] = field(default_factory=list)


_EN_VERB = re.compile(
    r"\s(?:has |have |had |just |today |officially |recently |successfully |now |also |reportedly |"
    r"(?:is|are) (?:proud|pleased|excited|thrilled|happy|delighted) to (?:have )?|"
    r"(?:is|are|was|were) (?:reportedly )?(?:in (?:advanced |early )?(?:talks|discussions)|looking|seeking|set|planning|aiming|about) to )*"
    r"(?P<verb>(?:[Aa]nnounce[sd]?|[Cc]onfirm(?:s|ed)?)(?: today)?(?: (?:that )?(?:it )?(?:has |had )?)?(?:raised|closed|secured|completed|(?:the |its )?(?:successful )?(?:close|closing|completion|extension)|(?:a +|an +|its +|the +)?(?:new |first )?(?:\$|€|£|seed|pre-seed|series|funding|financing|investment|strategic|round|\w+[- ]million))"
    r"|[Rr]aise[sd]?|[Ss]ecure[sd]?|[Cc]lose[sd]?|[Cc]omplete[sd]?|[Ll]and(?:s|ed)|[Bb]ag(?:s|ged)|[Nn]ab(?:s|bed)|[Gg]ets|[Gg]ot|[Rr]eceive[sd]?|"
    r"[Ss]nag(?:s|ged)|[Pp]ull(?:s|ed) in|[Pp]ick(?:s|ed) up|[Ss]core[sd]?|[Cc]ollect(?:s|ed)|[Aa]ttract(?:s|ed)|[Bb]ank(?:s|ed)|[Rr]ake[sd]? in|"
    r"(?:is |are )?[Ll]aunch(?:es|ed|ing) with|entered into (?:a |definitive )?(?:subscription|securities purchase|share purchase) agreements?|[Oo]btain(?:s|ed)|[Ee]xtend(?:s|ed)|[Ww]in(?:s)?|[Ww]on)\b"
)
# "Tennr's $18m series A funding round was led by a16z"
_EN_POSSESSIVE = re.compile(
    r"(?<=[a-z0-9])[’']s\s+(?=(?:\$|€|£|new|latest|recent|oversubscribed|Series|series|seed|pre-seed)[^.]{0,60}?"
    r"(?:round|funding|financing|raise|investment)\s+(?:was|is|has been)\s+(?:co-)?(?:led|closed|completed))"
)
_EN_INVESTS_IN = re.compile(r"[^.;]{0,60}?\b(?:investment|stake|investing|invested) (?:in|into)\b")
_EN_AN_INVESTMENT = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:announce[sd]?|made|makes|completed|closed)\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,3}investment\b",
    re.I,
)
_TICKER = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|LSE|AIM|TSX|TSXV|ASX|OTC\w*|HKEX|SEHK)\s?:")
_EN_TALKS = re.compile(
    r"\b(?:is|are) (?:reportedly )?(?:raising|in talks|in discussions|seeking|looking to raise|set to raise|in the process of raising)|"
    r"\b(?:plans|aims|hopes|seeks|looks) to raise\b|\bin talks to\b|\bterm sheet\b|according to (?:people|sources|a person)|"
    r"\bsources (?:said|say)\b|:\s*sources?\s*$|people familiar with"
)
_EN_FUNDING = re.compile(
    r"\$|€|£|₹|funding|financing|investment|round|capital|seed|Series|backers|investors|raise", re.I
)
# Matched against the lower-cased start of the sentence (one lower() instead of a slow re.I alternation).
_EN_NEG = re.compile(
    r"\b(?:ipo|initial public offering|went public|go public|"
    r"(?:new|debut|second|third|fourth|sixth|latest|flagship|inaugural) fund\b|fund (?:i|ii|iii|iv|v|vi|vii|\d)\b|"
    r"fund(?:s)? (?:close|closing)|limited partners|lps\b|startups in|start-ups in|venture (?:funding|investment|capital) (?:in|into|fell|rose)|"
    r"quarter|q[1-4]\b|year-over-year|year-on-year|in total|to date|so far|altogether|combined|total of|"
    r"totall?ing|now raised(?! (?:a further|an additional|another|a new|fresh))|grant(?:ed)? (?:from|by))\b"
)
# What the money is for, read from the verb on: a description of the company before it may well mention
# its customers or sales ("a customer acquisition platform, completed a $6m Series A").
_EN_NEG_OBJECT = re.compile(
    r"\b(?:revenue|sales|contracts?|customers?|listing|acqui(?:re[sd]?|sition|ring)|merger|merge|buys?|bought|refinanc\w*)\b"
)
# Events that are never a round, wherever they are named in the sentence.
_EN_NOT_FUNDING = re.compile(
    r"\b(?:prizes?|awards?|awarded|lawsuits?|settlements?|verdicts?|pre-?sale|token sale|gala|donat\w*|charity|"
    r"fundraiser|worthy causes?|price target|licens\w+ deal|licensing|competition|contest|leaderboard|"
    r"nonprofit|non-profit|food bank|golf|concert|telethon|recovery for|injur\w*|accident|wrongful|malpractice|jury|"
    r"pre-construction|construction loan|bridge loan for|deal volume|ground lease|multifamily|"
    r"across \d+ (?:loans|transactions|deals)|first (?:half|six months)|campaign|cancer research|"
    r"(?:initial|purchase|first|new) orders?|orders? (?:for|from)|closes? \S+ sale|sale of (?:its|the)|tenure)\b"
)
_EN_HISTORY = re.compile(
    r"\b(?:ago|(?:days|weeks|months|years) after|previously|earlier|prior|last (?:round|raised|year)|previous|had raised|back in|in (?:19|20)\d\d|since (?:its|it was)|"
    r"was founded|predecessor|former|that round|its first round|first raised|originally)\b",
    re.I,
)

_ZH_TRIGGER = re.compile(
    r"(?:宣布|正式|成功|顺利|已|已经)?(?:完成了?|获(?![悉奖批颁选评])得?了?|拿下|斩获|拿到|迎来|收获|敲定|正进行|正在进行|启动|开启|筹集了?|筹得|达成了?(?=[^，。；]{0,20}融资)|"
    r"融资(?=\s?(?:约|近|超|逾)?\s?\d|落定|到位))"
)
_ZH_FUNDING = re.compile(r"融资|投资|[A-J]\+?\d?\s?轮|天使轮|种子轮|轮融资|注资|领投|跟投|战略|入股|资金")
_ZH_TALKS = re.compile(
    r"拟|洽谈|谈判|寻求|计划融资|正在融资|正进行|知情人士|消息人士|或将|将获|有望|正在募集|商谈|磋商"
)
_ZH_NEG = re.compile(
    r"融资余额|融资净买入|融资买入|融资融券|两融|融资偿还|上市|IPO|招股|基石|收购|并购|营收|营业收入|净利润|季度|上半年|下半年|全年|同比|环比|"
    r"累计|共计|合计|总计|总额|(?<![新上这同本此首A-Za-z])[二三四五六七八九十两\d]轮融资|多轮融资|基金(?:完成)?(?:募集|首关|关账|终关|设立)|"
    r"募资|募集资金|补贴|奖金|奖励|政府|出资设立|成立.{0,6}基金|质押|回购|减持|增持|股权转让|对价|出售|融资租赁|租赁合同|发布会|仪式|峰会|论坛|大会"
)
# "连续完成A1轮、A2轮融资", "两轮超亿元天使轮系列融资": one amount for several rounds belongs to none of them.
_ZH_SEVERAL = re.compile(
    r"[A-J]\d?\+?\s?轮?[、和及与][A-J]\d?\+?\s?轮|(?<![新上这同本此首第A-Za-z])[两二三四五六七八九十]轮|多轮"
)
_ZH_BARE = re.compile(
    r"(?:完成|获得?)了?(?:新一轮|新一期|首轮|一轮|最新一轮|新的一轮|新)?融资(?!后)|融资(?:落定|到位)"
)
_ZH_HISTORY = re.compile(
    r"此前|之前|早前|早些时候|曾(?:获|经|于|在|完成|拿到)|上一轮|上轮|早在|先后|去年|前年|历史|过往|成立之初|当时|上个月|上月|"
    r"个月前|年前|天前|周前|不久前|前不久"
)


def _dates(sentence: str, published: date | None) -> list[Resolved]:
    return [r for _, r in find_dates(sentence, published)]


def en_mention(sentence: str, published: date | None) -> Mention | None:
    """The round an English sentence reports, or None when it reports none."""
    m = _EN_VERB.search(sentence) or _EN_POSSESSIVE.search(sentence)
    low = sentence.lower()
    if not m or not _EN_FUNDING.search(sentence, m.end()) or _EN_NEG.search(low, 0, m.end() + 80):
        return None
    if _EN_NEG_OBJECT.search(low, m.start(), m.end() + 100):
        return None
    if _EN_NOT_FUNDING.search(low):
        return None
    subject = sentence[: m.start()]
    if _EN_INVESTS_IN.match(sentence, m.end()):
        return (
            None  # "HTX Ventures announced a strategic investment in X": the subject invests (ingest.backers)
        )
    named = None if is_pronoun_subject(subject) else clean_en(subject)
    if (
        named
        and is_vc_firm(named[0])
        and (not find_rounds(sentence) or _EN_AN_INVESTMENT.match(sentence, m.start()))
    ):
        return None  # "Italian Founders Fund raises inaugural €50m" (its own fund); "X Ventures announced an investment"
    figures = classify(sentence)
    rounds = find_rounds(sentence)
    lead, others = en_investors(sentence)
    if not (any(f.role in (Role.ROUND, Role.VALUATION) for f in figures) or rounds or lead or others):
        return None
    status = RoundStatus.IN_TALKS if _EN_TALKS.search(sentence) else RoundStatus.ANNOUNCED
    history = bool(_EN_HISTORY.search(sentence, 0, m.end() + 25))
    company, aliases = named if named else (None, ())
    rounds = _listed(subject, rounds)
    return Mention(
        company,
        aliases,
        rounds,
        figures,
        lead,
        others,
        _dates(sentence, published),
        status,
        history,
        sentence,
        pronoun=is_pronoun_subject(subject),
    )


def _listed(subject: str, rounds: list[RoundName]) -> list[RoundName]:
    """A listed company's untyped raise (or note sale) is a post-IPO placement (ROUNDS_SPEC.md)."""
    if not _TICKER.search(subject) or (rounds and rounds[0].code.value not in {"convertible_note"}):
        return rounds
    return [RoundName(RoundCode.POST_IPO, rounds[0].label if rounds else None, 0, 0)]  # type: ignore[arg-type]


def _zh_subject(sentence: str) -> tuple[int, int] | None:
    for m in _ZH_TRIGGER.finditer(sentence):
        clause = re.split(r"[，。；—|｜]", sentence[m.end() : m.end() + 60], maxsplit=1)[0]
        raised = m.group(0).lstrip("宣布正式成功顺利已经").startswith(("筹", "融资")) and re.search(
            r"\d", clause
        )
        if m.start() >= 2 and (_ZH_FUNDING.search(clause) or m.group(0).startswith("融资") or raised):
            return m.start(), m.end()
    return None


def _zh_company(subject: str) -> tuple[str, tuple[str, ...]] | None:
    """The name in the subject; when the last clause is only "公司刚刚", the clause before ("X宣布")."""
    if named := clean_zh(subject):
        return named
    clauses = re.split(r"[，,]", subject)
    defined = re.match(r"^(.{2,24}?)(?:是|为)一家", clauses[-2].strip()) if len(clauses) > 1 else None
    if defined and (named := clean_zh(defined.group(1))):
        return named  # "康宁杰瑞是一家生物制药企业，此前已获得…"
    bare = (
        re.fullmatch(
            r"\s*(?:并|并且|同时|正式|已|近日|日前|今日|此前|此外|随后)*(?:宣布|表示|称)?\s*", clauses[-1]
        )
        is not None
    )
    for back in range(2, min(4, len(clauses)) + 1):
        clause = clauses[-back].strip()
        if (bare or re.search(r"(?:宣布|表示|透露|称)$", clause)) and (named := clean_zh(clause)):
            return named
        bare = False
    return None


def _own_clause_money(sentence: str, figures: list[Figure], clause: tuple[int, int]) -> list[Figure]:
    """Money outside the trigger's clause belongs to another round ("距离A轮的1500万美元融资"), unless the
    text says it is this round's ("，融资金额近1100万元"), when the trigger's clause names money too."""
    if not any(f.role is Role.ROUND and clause[0] <= f.money.start < clause[1] for f in figures):
        return figures
    out = []
    for f in figures:
        outside = not clause[0] <= f.money.start < clause[1]
        said = _ZH_THIS_AMOUNT.search(sentence, max(0, f.money.start - 8), f.money.start)
        out.append(replace(f, role=Role.OTHER) if f.role is Role.ROUND and outside and not said else f)
    return out


_ZH_THIS_AMOUNT = re.compile(r"(?:融资金额|融资额|金额为|金额达|本轮融资|规模为|规模达)[^，。；]{0,4}$")


def _zh_clause(sentence: str, span: tuple[int, int]) -> tuple[int, int]:
    """The clause holding the trigger, with a short lead-in clause ("此前，", "去年，") before it."""
    start = max(sentence.rfind(p, 0, span[0]) for p in "，,；;") + 1
    end = min((i for p in "，,；;" if (i := sentence.find(p, span[1])) >= 0), default=len(sentence))
    prev = max(sentence.rfind(p, 0, max(start - 1, 0)) for p in "，,；;") + 1
    if start > 0 and start - prev <= 11:
        start = prev
    return start, end


def _in_clause(items: list, clause: tuple[int, int], start_of) -> list:  # noqa: ANN001
    inside = [x for x in items if clause[0] <= start_of(x) < clause[1]]
    return inside + [x for x in items if x not in inside]


def zh_mention(sentence: str, published: date | None) -> Mention | None:
    """The round a Chinese sentence reports, or None when it reports none."""
    if "融资" not in sentence and "投资" not in sentence and "轮" not in sentence:
        return None
    span = _zh_subject(sentence)
    if span is None or sentence[span[1] : span[1] + 1] in {"对", "向"}:
        return None  # "X完成了对Y的A轮投资": the investor is the subject (ingest.backers)
    clause = _zh_clause(sentence, span)
    rounds = _in_clause(find_rounds(sentence), clause, lambda r: r.start)
    if _ZH_NEG.search(sentence[clause[0] : clause[1]]) and not _listed_round(rounds):
        return None
    subject = sentence[: span[0]]
    pronoun = is_pronoun_subject(subject)
    named = _zh_company(subject.rsplit("，", 1)[0]) if pronoun and "，" in subject else None
    named = named if pronoun else _zh_company(subject)
    pronoun = pronoun and named is None
    figures = _in_clause(classify(sentence), clause, lambda f: f.money.start)
    if _ZH_SEVERAL.search(sentence, clause[0], clause[1]):
        figures = [replace(f, role=Role.TOTAL) if f.role is Role.ROUND else f for f in figures]
    figures = _own_clause_money(sentence, figures, clause)
    lead, others = zh_investors(sentence[span[0] :])
    if not (
        any(f.role is Role.ROUND for f in figures) or rounds or lead or others or _ZH_BARE.search(sentence)
    ):
        return None
    status = RoundStatus.IN_TALKS if _ZH_TALKS.search(sentence) else RoundStatus.ANNOUNCED
    history = bool(_ZH_HISTORY.search(sentence, clause[0], clause[1]))
    company, aliases = named if named else (None, ())
    dates = _dates(sentence[clause[0] : clause[1]], published) or _dates(sentence[: clause[1]], published)
    return Mention(
        company, aliases, rounds, figures, lead, others, dates, status, history, sentence, pronoun=pronoun
    )


def _listed_round(rounds: list[RoundName]) -> bool:
    return any(r.code.value in {"pre_ipo", "post_ipo"} for r in rounds)


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
_EN_INVESTORS_FIRST = re.compile(
    r"^(?:other |new |existing |participating |additional )?(?:[\w-]+ ){0,2}(?:investors|firms|backers|participants)\b"
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


def follow_up(sentence: str) -> tuple[list[str], list[str], list[Figure]] | None:
    """Investors, money and valuation of the round named just before ("本轮由X领投", "The round was led by X").

    Figures returned are the sentence's valuations, plus its round amount when the sentence is about
    "this round" ("本轮融资金额为20亿元", "X独家出资4亿元").
    """
    low = sentence[:60].lower()
    zh = any("\u4e00" <= c <= "\u9fff" for c in sentence[:30])
    if zh and re.search(
        r"(?:^|[，,：:—])(?:本轮|此轮|本次|此次|这次|该轮|这轮|投资方|领投方|跟投方)", sentence
    ):
        lead, others = zh_investors(sentence)
    elif zh and (pays := _ZH_PAYS.match(sentence)):
        lead, others = [], split_zh_names(pays["inv"])
    elif zh and _ZH_ROUND_SIZE.search(sentence):
        lead, others = zh_investors(sentence)
    elif not zh and (_EN_ROUND_LED.search(low) or _EN_THIS_ROUND.match(low)):
        lead, others = en_investors(sentence)
    elif not zh and (led := _EN_INVESTOR_LED.match(sentence)):
        lead, others = _names(led["names"]), en_investors(sentence)[1]
    elif not zh and _EN_INVESTORS_FIRST.match(low):
        lead, others = en_investors(sentence)
        if not (lead or others):
            names = re.split(r"\b(?:include|included|including|are|were|was)\s+", sentence, maxsplit=1)
            others = en_investors("funding from " + names[1])[1] if len(names) == 2 else []
    elif not zh and (joined := _EN_ALSO_JOINED.match(sentence)):
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
