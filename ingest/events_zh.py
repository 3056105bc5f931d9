"""Chinese funding sentences -> mentions: the trigger (完成/获/拟…), its subject, the money, the round, the backers."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from ingest.companies import is_pronoun_subject
from ingest.companies_zh import clean_zh
from ingest.events import Mention, sentence_dates
from ingest.figures import Figure, Role, classify
from ingest.investors import split_zh_names, zh_investors
from ingest.round_names import RoundName, find_rounds
from ingest.types import RoundStatus
from ingest.zh_rephrase import rephrase

_ZH_TRIGGER = re.compile(
    r"(?:宣布|正式|成功|顺利|已|已经)?(?:完成了?|获(?![悉奖批颁选评])得?了?|拿下|斩获|拿到|迎来|收获|敲定|正进行|正在进行|启动|开启|筹集了?|筹得|达成了?(?=[^，。；]{0,20}融资)|(?:正在|正)?洽谈|商谈|"
    r"融资(?=\s?(?:约|近|超|逾)?\s?\d|落定|到位))"
)
_ZH_FUNDING = re.compile(r"融资|投资|[A-J]\+?\d?\s?轮|天使轮|种子轮|轮融资|注资|领投|跟投|战略|入股|资金")
_ZH_TALKS = re.compile(
    r"拟|洽谈|谈判|寻求|计划融资|正在融资|正进行|正在进行|接近完成|即将完成|计划(?:于|在)?[^，。；]{0,10}(?:完成|进行|启动)|预计(?:于|在)?[^，。；]{0,10}完成|知情人士|消息人士|或将|将获|有望|正在募集|商谈|磋商"
)
_ZH_NEG = re.compile(
    r"融资余额|融资净买入|融资买入|融资融券|两融|融资偿还|上市|IPO|招股|基石|收购|并购|营收|营业收入|净利润|季度|上半年|下半年|全年|同比|环比|"
    r"累计|共计|合计|总计|(?:企业|公司|创企|平台|项目)们?共(?=\s?(?:融资|获得?|完成|筹集|募集|吸引))|总额(?![^，。；]{0,20}?的[^，。；]{0,8}?轮融资)|(?<![新上这同本此首A-Za-z])[二三四五六七八九十两\d]轮融资|多轮融资|基金(?:完成)?(?:募集|首关|关账|终关|设立)|"
    r"募资|募集资金|补贴|奖金|奖励|政府(?:补|奖|资助|扶持|专项|采购|订单|资金|支持|贴息)|财政|出资设立|成立.{0,6}基金|质押|回购|减持|增持|股权转让|对价|出售|融资租赁|租赁合同|发布会|仪式|峰会|论坛|大会|辞任|辞去|任命|委员会|颁奖|评选"
)
# "连续完成A1轮、A2轮融资", "两轮超亿元天使轮系列融资": one amount for several rounds belongs to none of them.
_ZH_SEVERAL = re.compile(
    r"[A-J]\d?\+?\s?轮?[、和及与][A-J]\d?\+?\s?轮|(?<![新上这同本此首第A-Za-z])[两二三四五六七八九十]轮|多轮"
)
_ZH_LED_BEFORE = re.compile(r"在\s?(?P<names>[^，。；在]{2,60}?)\s?(?:共同|联合)?领投的")
_ZH_BARE = re.compile(
    r"(?:完成|获得?)了?(?:新一轮|新一期|首轮|一轮|最新一轮|新的一轮|新)?融资(?!后)|融资(?:落定|到位)|(?:洽谈|商谈|启动|正在进行|正进行)(?:新一轮|新一期|新的一轮|新)?融资"
)
ZH_HISTORY = re.compile(
    r"此前|之前|早前|早些时候|曾(?:获|经|于|在|完成|拿到)|上一轮|上轮|早在|先后|去年|前年|历史|过往|成立之初|当时|上个月|上月|"
    r"个月前|年前|天前|周前|不久前|前不久"
)


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


# "获X数千万B轮融资，「Y」要做…": a headline that opens with the trigger names the company after the comma.
_ZH_OPENS = re.compile(r"^(?:宣布)?(?:完成|获得?|拿下|斩获)[^，,]{2,40}?融资[，,]\s?")
_ZH_NEXT_NAME = re.compile(
    r"[「“\"](?P<q>[^」”\"]{2,20})[」”\"]|(?P<n>[A-Za-z\u4e00-\u9fff][\w\u4e00-\u9fff+. ]{1,15}?)"
    r"(?=提供|推出|打造|专注|致力|发布|用|以|要|想|欲|正|已|加速|助力|布局|让|把|在|为|是|将|如何|能否|瞄准|做)"
)


def _opening_trigger(sentence: str) -> str | None:
    """ "获X数千万B轮融资，三坛医疗提供…" -> "三坛医疗获X数千万B轮融资" (the subject put back before the trigger)."""
    opens = _ZH_OPENS.match(sentence)
    named = opens and _ZH_NEXT_NAME.match(sentence, opens.end())
    if not named or not clean_zh(name := named["q"] or named["n"]):
        return None
    return name + sentence[: opens.end()].rstrip("，, ")


def zh_mention(sentence: str, published: date | None) -> Mention | None:
    """The round a Chinese sentence reports, or None when it reports none; a sentence whose subject is the
    round ("最近的D轮融资由X领投完成") is read as rephrased by `ingest.zh_rephrase`."""
    mention = _zh_mention(sentence, published)
    if mention is None and (again := rephrase(sentence)):
        if (mention := _zh_mention(again.sentence, published)) and mention.company == again.company:
            mention.evidence = sentence
            return mention
        return None
    return mention


# "继去年完成数亿元A轮融资后，X再获10亿元B轮融资": the opening clause tells an earlier round.
_ZH_AFTER_ROUND = re.compile(r"^(?:继|在)[^，。；]{0,40}?(?:融资|轮)[^，。；]{0,6}?(?:之)?后[，,]")


def _zh_mention(sentence: str, published: date | None) -> Mention | None:
    if "融资" not in sentence and "投资" not in sentence and "轮" not in sentence:
        return None
    if aside := _ZH_AFTER_ROUND.match(sentence):  # blanked (same length: offsets still hold)
        if mention := _zh_mention(" " * aside.end() + sentence[aside.end() :], published):
            mention.evidence = sentence
        return mention
    if (moved := _opening_trigger(sentence)) and (mention := zh_mention(moved, published)):
        mention.evidence = sentence
        return mention
    span = _zh_subject(sentence)
    if (
        span is None
        or sentence[span[1] : span[1] + 1] in {"对", "向"}
        or sentence.startswith(("投资", "入股"), span[1])
    ):
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
    if not lead and (before := _ZH_LED_BEFORE.search(sentence, 0, span[0])):
        lead = split_zh_names(before["names"])  # "在 Redalpine 和 Stride 共同领投的 A 轮融资中获得了…"
    if not (
        any(f.role is Role.ROUND for f in figures) or rounds or lead or others or _ZH_BARE.search(sentence)
    ):
        return None
    status = RoundStatus.IN_TALKS if _ZH_TALKS.search(sentence) else RoundStatus.ANNOUNCED
    history = bool(ZH_HISTORY.search(sentence, clause[0], clause[1]))
    company, aliases = named if named else (None, ())
    dates = sentence_dates(sentence[clause[0] : clause[1]], published) or sentence_dates(
        sentence[: clause[1]], published
    )
    return Mention(
        company, aliases, rounds, figures, lead, others, dates, status, history, sentence, pronoun=pronoun
    )


def _listed_round(rounds: list[RoundName]) -> bool:
    return any(r.code.value in {"pre_ipo", "post_ipo"} for r in rounds)
