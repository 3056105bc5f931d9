"""Sentences whose subject is the investor: "Nvidia invests $1.5B in X", "阿里巴巴对网易云音乐投资7亿美元"."""

from __future__ import annotations

import re
from datetime import date

from ingest.companies import clean_en, is_pronoun_subject
from ingest.companies_zh import clean_zh
from ingest.dates import find_dates
from ingest.events import Mention
from ingest.events_en import EN_HISTORY, GENERIC_PLURAL
from ingest.events_zh import ZH_HISTORY
from ingest.figures import Role, classify
from ingest.investors import en_investors, split_zh_names
from ingest.round_names import find_rounds
from ingest.types import RoundStatus

_EN = re.compile(
    r"^(?P<inv>[A-Z][^,;:]{1,60}?)\s+(?:has |is |will |is set to )?(?P<verb>(?i:invest(?:s|ed|ing)?|leads|led|co-leads|co-led|joins|joined|backs|backed|participated in|participates in|took part in|poured|pours|pumped|pumps|injected|injects))\s+"
    r"(?:an? |the |its )?(?P<what>[^,;]{0,50}?(?:\$|€|£|round|Series|seed|stake|investment)[^,;]{0,40}?)\s+"
    r"(?P<prep>in|into|for|(?<=round )of|(?<=seed )of|(?<=Series [A-Z] )of)\s+"  # "led the $30M Series B of Bolt"
    r"(?P<co>[^,;]{2,80}?)(?=\s+(?:to|as|behind|amid|with|that|which|after|at|in)\b|[,;.]|$)"
)
# "We recently made a decision to invest in the Series A round of a new company called Kashless."
# "HTX Ventures, the investment arm of …, announced a strategic investment in DeFi protocol Babylon"
_EN_STAKE_IN = re.compile(
    r"^(?P<inv>[A-Z][^;:]{1,150}?)\s+(?:has |have |today )*(?P<verb>announced|announces|made|makes|completed|led|leads)\s+"
    r"(?:a|an|its|the)\s+(?P<what>[^,;.]{0,60}?(?:investment|stake))\s+in(?:to)?\s+"
    r"(?P<co>[^,;]{2,80}?)(?=\s+(?:to|as|which|that|with|in|for|amid|after)\b|[,;.]|$)"
)
# The passive forms: "<the round> for <company> was led by <investors>", "<company>'s <round> was led by …".
_ROUND_WORDS = r"(?P<what>[^,;]{0,50}?(?:\$|€|£|round|Series|seed)[^,;]{0,40}?)"
_WAS_LED_BY = r"\s+(?:was|is|has been|were)\s+(?P<verb>led|co-led)\s+by\s+(?P<inv>[A-Z][^;.]{1,150})"
# "The $25 million seed round for Foundry Labs was led by Andreessen Horowitz."
_EN_LED_PASSIVE = re.compile(
    r"^(?:The|A|An|This)\s+" + _ROUND_WORDS + r"\s+(?:for|in|into)\s+(?P<co>[A-Z][^,;]{1,80}?)" + _WAS_LED_BY
)
# "Acme's $90 million Series C was led by Tiger Global." ("Today's $5.3 million investment was led by …":
# a time or a pointer owns no round)
_EN_LED_POSSESSIVE = re.compile(
    r"^(?!(?:Today|Tomorrow|Yesterday|Tonight|This|Last|Next|Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday|The|Its|Their|Our)\b)(?P<co>[A-Z][^,;’']{1,60}?)[’']s\s+" + _ROUND_WORDS + _WAS_LED_BY
)
# "Investors including SoftBank and Tencent poured $150 million into Lalamove's Series D"
# ("Investors poured $5 million into Acme": nobody named, the whole subject goes)
_EN_INV_INTRO = re.compile(
    r"^(?:(?:new|existing|other)\s+)?(?:investors|backers|VCs|venture capitalists)(?:\s+(?:including|such as))?(?:\s+|$)",
    re.I,
)
_EN_ROUND_OF = re.compile(
    r"\binvest(?:s|ed|ing)? in (?:the|a|an|its) (?P<what>[^,;.]{0,40}?\bround) of (?:a (?:new )?(?:company|startup) called )?"
    r"(?P<co>[A-Z][^,;.]{1,60}?)(?=\s+(?:to|as|which|that|with|in|for)\b|[,;.]|$)"
)
_EN_ROUND_OF_CO = re.compile(
    r"^(?P<co>.+?)[’']s\s+(?P<round>(?:[\w$€£.+-]+\s+){0,4}?(?:round|funding|financing|raise|Series\s+\w+\+?|seed))$"
)
_ZH = re.compile(
    r"(?:^|[，,：:])(?P<inv>[^，。；：:]{2,60}?)(?:宣布|表示)?[，,]?(?:已|将|拟|正式)?(?:完成了?)?(?:对|向)(?P<co>其|[^，。；的]{2,30}?)的?"
    r"(?:进行|完成|追加)?了?(?P<kind>新一轮|战略|[A-J]\+?\s?轮|天使轮|种子轮|Pre-?[A-J]\+?轮)?(?:投资|注资|增资)"
)
# "将投资" in an announced agreement is not talks; plans, negotiations and sources are.
_ZH_NOT_A_ROUND = re.compile(r"出售|售予|收购|并购|转让|回购|减持|增持|认购.{0,6}(?:股票|股份)|二级市场")
# "百度快手领投知乎F轮4.5亿美元融资"
_ZH_LEADS = re.compile(
    r"(?:^|[，,：:])(?P<inv>[^，。；：:]{2,30}?)(?P<verb>领投|跟投|参投|参与了?)(?P<co>[^，。；\d]{2,20}?)(?:的)?"
    r"(?P<kind>(?:Pre-?)?[A-J]\+?\d?\s?轮|天使轮|种子轮)?\s?(?P<amt>(?:约|近|超)?\s?\d[^，。；]{0,12}?)?(?:的)?(?:新一轮)?融资"
)
# "英伟达正洽谈投资数据标注服务商 Mercor"
_ZH_TALKS_TO_INVEST = re.compile(
    r"(?:^|[，,：:])(?P<inv>[^，。；：:]{2,30}?)(?:正在|正)?(?:洽谈|商谈|拟|计划|考虑)(?:投资|入股|注资)(?P<co>[^，。；]{2,30}?)(?=[，。；]|$)"
)
_FUTURE = re.compile(r"拟|计划|洽谈|谈判|据悉|知情人士|\bplans?\b|\bin talks\b|\bnegotiat|\bsources\b")
_ZH_INTO = re.compile(
    r"(?:^|[，,：:])(?P<inv>[^，。；：:]{2,40}?)(?:已|将|拟)?(?:投资|注资)(?P<amt>(?:约|近|超)?\s?\d[^，。；于]{0,24}?)于(?P<co>[^，。；并及和]{2,30})"
)


def _status(sentence: str) -> RoundStatus:
    return RoundStatus.IN_TALKS if _FUTURE.search(sentence) else RoundStatus.ANNOUNCED


def en_backer_mention(sentence: str, published: date | None) -> Mention | None:
    """The round an English investor-first sentence reports ("MCJ Joins $6.5M Round for Rhizome Data").

    >>> m = en_backer_mention("Accomplice Co-Leads $11M Series A for Crypto Startup True Markets", None)
    >>> m.company, m.lead, m.figures[0].money.text, m.rounds[0].label
    ('True Markets', ['Accomplice'], '$11M', 'Series A')
    """
    m = _en_match(sentence)
    co, round_words = m["co"] if m else "", ""
    if poss := _EN_ROUND_OF_CO.match(co):  # "invested $10 million in Beta's Series A round"
        co, round_words = poss["co"], poss["round"]
    if not m or not (named := clean_en(co)) or GENERIC_PLURAL.search(named[0]):
        return None  # "Investors poured $2.1 billion into Indian startups": a sector's total
    if "inv" in m.groupdict() and m["inv"] and is_pronoun_subject(m["inv"]):
        return None  # "The company participated in …": whose money is unknown
    figures = [
        f
        for f in classify(sentence)
        if f.role is Role.ROUND and m.start("what") <= f.money.start < m.end("what")
    ]
    rounds = find_rounds(m["what"]) or find_rounds(round_words)
    if not (figures or rounds):
        return None
    inv = _EN_INV_INTRO.sub("", m["inv"]) if "inv" in m.groupdict() and m["inv"] else ""
    names = en_investors(f"led by {clean_en(inv)[0] if clean_en(inv) else inv}.")[0] if inv else []
    leads = "verb" in m.groupdict() and m["verb"].lower().replace("co-", "") in {"leads", "led"}
    lead, others = (names, []) if leads else ([], names)
    dates = [r for _, r in find_dates(sentence, published)]
    history = bool(EN_HISTORY.search(sentence))
    return Mention(
        named[0], named[1], rounds, figures, lead, others, dates, _status(sentence), history, sentence
    )


# What each pattern cannot match without (tested first: most sentences fail all three, slowly).
_EN_VERBS = (
    "invest",
    "lead",
    "led",
    "join",
    "back",
    "particip",
    "part in",
    "poured",
    "pours",
    "pump",
    "inject",
)


def _en_match(sentence: str) -> re.Match[str] | None:
    low = sentence.lower()
    m = _EN.match(sentence) if any(v in low for v in _EN_VERBS) else None
    if m and m["prep"] == "of" and m["verb"].lower().removeprefix("co-") not in {"led", "leads"}:
        m = None  # "invest in the Series A round of a new company called …" is _EN_ROUND_OF's
    if m is None and " led by " in sentence:
        m = _EN_LED_PASSIVE.match(sentence) or _EN_LED_POSSESSIVE.match(sentence)
    if m is None and "invest" in sentence:
        m = _EN_ROUND_OF.search(sentence)
    if m is None and ("investment" in sentence or "stake" in sentence):
        m = _EN_STAKE_IN.match(sentence)
    return m


def zh_backer_mention(sentence: str, published: date | None) -> Mention | None:
    """The round a Chinese investor-first sentence reports ("腾讯将向VIPKID投资1.5亿美元").

    >>> m = zh_backer_mention("阿里巴巴和云锋基金等对网易云音乐投资7亿美元，这是网易云音乐的B2轮融资", None)
    >>> m.company, m.others, m.figures[0].money.text, m.rounds[0].label
    ('网易云音乐', ['阿里巴巴', '云锋基金'], '7亿美元', 'B2轮')
    """
    if _ZH_NOT_A_ROUND.search(sentence):
        return None
    m = (
        _ZH.search(sentence)
        or _ZH_INTO.search(sentence)
        or _ZH_LEADS.search(sentence)
        or _ZH_TALKS_TO_INVEST.search(sentence)
    )
    if not m or not (named := _zh_company(m["co"], sentence[: m.start("co")])):
        return None
    names = split_zh_names(m["inv"])
    if (
        not names
        and m["co"] == "其"
        and (first := re.match(r"^([^\s，,]{2,10}?)(?:同意|宣布|表示|将|拟|计划)", sentence))
    ):
        names = split_zh_names(first.group(1))  # "英伟达同意…，将以…估值向其投资10亿美元"
    if not names:
        return None
    leads = m.groupdict().get("verb") == "领投"
    lead, others = (names, []) if leads else ([], names)
    after = m.start("amt") if "amt" in m.groupdict() and m["amt"] else m.end()
    figures = [f for f in classify(sentence[after:]) if f.role is Role.ROUND][:1]
    figures += [f for f in classify(sentence) if f.role is Role.VALUATION][:1]
    kind = m.groupdict().get("kind") or ""
    rounds = find_rounds(kind) or find_rounds(sentence[m.end() :]) or _strategic(sentence)
    talks = m.re is _ZH_TALKS_TO_INVEST
    if not (figures or rounds or talks):
        return None  # "第二次对宠物企业进行投资": investing, but no round reported
    dates = [r for _, r in find_dates(sentence, published)]
    history = bool(
        ZH_HISTORY.search(sentence) or re.search(r"(?<!本轮)(?<!此轮)(?<!本次)融资后|投资后|自从", sentence)
    )
    return Mention(
        named[0], named[1], rounds, figures, lead, others, dates, _status(sentence), history, sentence
    )


_NAMED_BEFORE = re.compile(
    r"(?:公司|创企|企业|平台|「|“)\s?([A-Za-z][\w.\-]*(?: [A-Z][\w.\-]*)*|[\u4e00-\u9fff]{2,8}(?=[」”]))"
)


def _zh_company(co: str, before: str) -> tuple[str, tuple[str, ...]] | None:
    """The company a Chinese investor-first sentence names; "向其投资" points back to the company named before."""
    if co.strip() != "其":
        return clean_zh(co)
    names = _NAMED_BEFORE.findall(before)
    return (names[-1].strip(), ()) if names else None


def _strategic(sentence: str) -> list:  # noqa: ANN401 - RoundName list
    """ "战略合作/战略性伙伴" around an investment makes it a strategic round."""
    return find_rounds("战略投资") if re.search(r"战略性?(?:伙伴|合作|投资)", sentence) else []
