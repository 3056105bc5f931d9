"""Is an investor a financial investor, a person, or a corporation? (for the spec's `corporate` round code)."""

from __future__ import annotations

import re

_FINANCIAL = re.compile(
    r"capital|ventures?|partners|fund|\bvc\b|invest|equity|angels?|asset|management|securities|\bbank\b|"
    r"combinator|startups|accelerator|incubator|family office|pension|sovereign|"
    r"资本|创投|基金|投资|资产|证券|银行|母基金|天使|孵化|加速",
    re.I,
)
# The most common Chinese surnames: a 2–3 character name starting with one is most likely a person.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# Venture, growth and sovereign investors usually named without a financial word ("led by Accel"): a round
# they fund alone is a venture round, not a corporation's. Lower case; the name must equal one of them.
_KNOWN_FINANCIAL = frozenset({
    "accel", "sequoia", "sequoia india", "sequoia china", "lightspeed", "benchmark", "greylock", "coatue", "balderton",
    "atomico", "northzone", "khosla", "antler", "a16z", "temasek", "gic", "mubadala", "bessemer", "index", "redpoint",
    "battery", "matrix", "elevation", "blume", "nexus", "kalaari", "peak xv", "hillhouse", "techstars", "initialized",
    "floodgate", "felicis", "ribbit", "iconiq", "dst", "dst global", "dragoneer", "fidelity", "blackrock", "wellington",
    "t. rowe price", "general atlantic", "warburg pincus", "kkr", "tpg", "carlyle", "blackstone", "advent", "eqt",
    "permira", "eight roads", "vertex", "openspace", "creandum", "localglobe", "seedcamp", "hoxton",
    "octopus", "molten", "speedinvest", "point nine", "project a", "lakestar", "partech", "eurazeo", "earlybird",
    "sosv", "plug and play", "entrepreneur first", "thrive", "tiger", "insight", "spark", "founders fund",
    "first round", "union square", "usv", "kleiner perkins", "andreessen horowitz", "general catalyst", "gv",
})  # fmt: skip
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
    if name.lower() in _KNOWN_FINANCIAL:
        return False
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name) and name[0] in _SURNAMES:
        return False
    return not _PERSON_EN.match(name)
