"""Chinese sentences whose subject is the round itself, said again as "X完成B轮融资，由Y领投" for events_zh.

"最近的D轮融资于2019年2月21日由高瓴资本等领投完成", "VIPKID新一轮融资消息终于得到官方正式确认",
"点米科技举办B轮融资发布会": the company owns the round ("X的D轮融资") or is the subject of an earlier clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.companies_zh import clean_zh

_ROUND = r"(?:新一轮|最新一轮|[Pp]re-?[A-J]\+?\d?\s?轮|[A-J]\+?\d?\s?轮|天使\+?轮|种子\+?轮|战略)"
_END = r"(?=[，,；;。！!]|$)"
# "X的D轮融资于2019年2月21日由Y、Z等领投完成"
_PASSIVE = re.compile(
    r"(?P<owner>[^，,；;。]{0,40}?)(?P<kind>" + _ROUND + r")融资(?:于(?P<when>[^，,；;。由]{2,20}?))?"
    r"由(?P<inv>[^，,；;。]{2,80}?)(?P<verb>(?:共同|联合)?(?:领投|投资|注资))?(?:完成|落地)" + _END
)
# "VIPKID新一轮融资消息终于得到官方正式确认"
_CONFIRMED = re.compile(
    r"(?P<owner>[^，,；;。]{2,40}?)(?P<kind>" + _ROUND + r")融资(?:的)?消息"
    r"[^，,；;。]{0,12}?(?:得到|获得?|被)[^，,；;。]{0,8}?(?:确认|证实)" + _END
)
# "点米科技举办“…暨点米科技B轮融资发布会”": a conference held to announce a round (not a planned one).
_LAUNCH = re.compile(
    r"(?P<owner>[^，,；;。“”「」《》暨及、]{2,40}?)(?P<kind>" + _ROUND + r")融资(?:成功)?发布会"
)
_HOLDS = re.compile(r"举办|召开|举行")
# Owners that name no company: the round is the one of the company an earlier clause is about.
_NO_OWNER = re.compile(r"^(?:其|该公司|公司|最近|最新|近期|最近一次|最新一次|此次|本次|这次)?(?:的)?$")
_CLAUSE_SUBJECT = re.compile(r"(?P<name>[^从自在于已，,]{2,20}?)(?:从|自|在|于|已经|已|成立|创立)")
_FUTURE = re.compile(r"拟|计划|将于|即将|有望|或将|传闻|传言称")


@dataclass(frozen=True, slots=True)
class Rephrased:
    sentence: str  # "货拉拉完成D轮融资，由高瓴资本、红杉资本等领投"
    company: str


def rephrase(sentence: str) -> Rephrased | None:
    """The sentence said as "X完成<round>融资[，由Y领投]" when its round is the subject, else None.

    >>> rephrase("货拉拉从2013年成立至今，先后获得6轮融资，最近的D轮融资于2019年2月21日由高瓴资本领投完成。")
    Rephrased(sentence='2019年2月21日，货拉拉完成D轮融资，由高瓴资本领投', company='货拉拉')
    >>> rephrase("传言已久的VIPKID新一轮融资消息终于得到官方正式确认。").sentence
    'VIPKID完成新一轮融资'
    """
    if "融资" not in sentence:
        return None
    if "由" in sentence and (m := _PASSIVE.search(sentence)):
        company = _owner(sentence, m)
        verb = m["verb"] or "投资"
        when = f"{m['when']}，" if m["when"] else ""
        return (
            Rephrased(f"{when}{company}完成{m['kind']}融资，由{m['inv']}{verb}", company) if company else None
        )
    if "消息" in sentence and (m := _CONFIRMED.search(sentence)) and not _FUTURE.search(sentence, 0, m.end()):
        company = _owner(sentence, m)
        return Rephrased(f"{company}完成{m['kind']}融资", company) if company else None
    if "发布会" in sentence and (m := _LAUNCH.search(sentence)) and not _FUTURE.search(sentence, 0, m.end()):
        company = _host(sentence, m)
        return Rephrased(f"{company}完成{m['kind']}融资", company) if company else None
    return None


def _host(sentence: str, m: re.Match[str]) -> str | None:
    """Who holds the round's press conference: the name in its title ("…暨X B轮融资发布会") or the subject
    of the verb ("X昨日召开B轮融资发布会"); a conference nobody is said to hold is left alone."""
    held = list(_HOLDS.finditer(sentence, 0, m.start("kind")))
    if not held:
        return None
    owner = m["owner"]
    after = owner[held[-1].end() - m.start("owner") :] if held[-1].start() >= m.start("owner") else owner
    before = sentence[max(sentence.rfind(c, 0, held[-1].start()) for c in "，,；;。") + 1 : held[-1].start()]
    for name in (after.strip(), before.strip()):
        if len(name) >= 2 and (named := clean_zh(name)):
            return named[0]
    return None


def _owner(sentence: str, m: re.Match[str]) -> str | None:
    """The company the round belongs to: the name before it ("X的D轮"), else the subject of the nearest
    earlier clause that opens with a name ("货拉拉从2013年成立至今，…，最近的D轮融资…")."""
    owner = m["owner"].strip()
    if not _NO_OWNER.match(owner):
        named = clean_zh(owner.removesuffix("的"))
        return named[0] if named else None
    for clause in reversed(re.split(r"[，,；;。]", sentence[: m.start("owner")])):
        if (subject := _CLAUSE_SUBJECT.match(clause.strip())) and (named := clean_zh(subject["name"])):
            return named[0]
    return None
