"""Is an investor a financial investor, a person, or a corporation? (for the spec's `corporate` round code)."""

from __future__ import annotations

import re

_FINANCIAL = re.compile(
    r"capital|ventures?|partners|fund|\bvc\b|invest|equity|angels?|asset|management|securities|\bbank\b|"
    r"资本|创投|基金|投资|资产|证券|银行|母基金|天使|孵化|加速",
    re.I,
)
# The most common Chinese surnames: a 2–3 character name starting with one is most likely a person.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_PERSON_EN = re.compile(r"^[A-Z][a-z]+(?:[ -][A-Z]\.?)?(?: [A-Z][a-z'’-]+){1,2}$")


def is_corporate(name: str) -> bool:
    """Whether an investor named alone looks like an operating company, not a fund or a person.

    >>> is_corporate("英伟达"), is_corporate("SoftBank Group Corp."), is_corporate("红杉资本"), is_corporate("肖莹")
    (True, True, False, False)
    >>> is_corporate("Eric Schmidt"), is_corporate("Khosla Ventures")
    (False, False)
    """
    name = name.strip()
    if not name or _FINANCIAL.search(name) or re.fullmatch(r"[A-Z0-9]{2,6}", name):
        return False  # funds, and acronyms (NFDG, GV, IVP) that are as often funds as companies
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) and name[0] in _SURNAMES:
        return False
    return not _PERSON_EN.match(name)
