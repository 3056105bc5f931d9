"""Company names from the subject of a Chinese funding sentence: "VR交互科技公司NOLO VR" -> "NOLO VR", aliases kept."""

from __future__ import annotations

import re

_ZH_DESCRIPTOR = re.compile(
    r"^.*(?:公司|平台|品牌|企业|创企|厂商|服务商|提供商|开发商|运营商|制造商|新秀|独角兽|研发商|生产商|供应商|"
    r"品牌商|初创|商家|集团旗下|旗下|创业团队|团队|机构|领域|赛道|项目|玩家|专家|巨头|龙头|新锐|黑马|市场)\s*(?=[A-Za-z0-9\u4e00-\u9fff「“\"])"
)
QUOTED_NAME = re.compile(r"[「“\"《]([^」”\"》]{1,30})[」”\"》]")
_ZH_SHORT_NAME = re.compile(
    r"[（(][^）)]*?(?:下称|简称|以下简称)\s*[「“\"]?([^」”\"）)]+)[」”\"]?[^）)]*[）)]"
)
_ZH_ALIAS = re.compile(r"[（(]([^）)]{1,40})[）)]")
_ZH_TRAIL = re.compile(
    r"(?:近日|日前|今日|今天|昨日|正式|成功|顺利|刚刚|已经|已|再次|再度|再|又|也|密集|纷纷|相继|陆续|接连|频频|于|在|宣布|已于|还|均|共同|首次|对外|目前|近期|本周|曾|连续|累计|先后|拟|正在|正|将|计划|有意|有望|即将|或将|预计|接近|寻求|"
    r"\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|\d{4}\s?年|本月|上月|今年|去年)+$"
)
_ZH_LEAD = re.compile(
    r"^(?:.*?(?:(?:获悉|消息|报道|讯|快讯|据悉|了解到)[，,：:]?|(?:宣布|表示|显示)[，,：:]))?(?:此前|此外|之前|同时|另外|随后|其中)?[，,]?(?:当地时间)?\s?(?:\d{1,4}\s?年)?\s?(?:\d{1,2}\s?月)?\s?(?:\d{1,2}\s?日)?[，,]?"
    r"(?:近日|日前|今日|今天|昨日|昨天|刚刚|本周|上周|不到)?(?:[\d一二两三四五六七八九十几]+个?(?:月|年|天|周|星期)前)?[，,]?"
)
# A time or place after the name ("示例科技于6月24日"); "于" after a verb ("专注于工业机器人的星辰智能",
# "总部位于深圳的") is part of a description, which strip_zh_descriptor handles.
_ZH_WHEN = re.compile(
    r"(?<=..)(?:(?:在(?!线)|(?<!专注)(?<!致力)(?<!聚焦)(?<!位)(?<!成立)(?<!立足)(?<!基)(?<!属)(?<!用)(?<!处)于|已于|曾于|曾在|早在)[^在于]{0,14}|"
    r"(?:今日|近日|日前|正式)?与[^与]{0,20}|以[^以]{0,24}|(?:已)?从.{2,80}?处|从\s?\d{1,4}\s?[年月].{0,8}|(?:[A-J]\+?\d?|Pre-?[A-J]\+?|天使|种子)\s?轮)$"
)
_STOCK_CODE = re.compile(
    r"[（(]\s*(?:\d{4,6}(?:\.[A-Z]{2})?|[A-Z]{2}\d{4}|[A-Z]{2,5}:\s?[A-Z.]+|NASDAQ:[^)）]*|NYSE:[^)）]*)\s*[)）]"
)


def clean_zh(subject: str) -> tuple[str, tuple[str, ...]] | None:
    """The company named by a Chinese subject phrase, and aliases given in it.

    >>> clean_zh("VR交互科技公司NOLO VR")
    ('NOLO VR', ())
    >>> clean_zh("36氪获悉，杭州原子矩阵计算有限公司（MatriQ，下称“原子矩阵”）")
    ('原子矩阵', ('杭州原子矩阵计算有限公司', 'MatriQ'))
    >>> clean_zh("AI芯片创企Etched")
    ('Etched', ())
    """
    subject = _ZH_FROM.sub("", subject.strip())  # "Udaan已从A、B等投资方处": the sources hold list commas
    s = subject if _ZH_SHORT_NAME.search(subject) else _last_clause(subject)
    s = re.sub(r"^\s*【[^】]{0,20}】", "", s)  # "【36氪首发】示例智能"
    s = _ZH_LEAD.sub("", s.strip()) or s
    s = _STOCK_CODE.sub("", s)
    short = _ZH_SHORT_NAME.search(s)
    if short:
        full = s[: short.start()].strip()
        inner = [
            a.strip() for a in re.split(r"[，,]", s[short.start() + 1 : short.end() - 1]) if "称" not in a
        ]
        return short.group(1).strip(), tuple(a for a in (full, *inner) if a)
    if (before_at := re.match(r"^([^在「“\"]{2,32}?)在(?!线)", s)) and _plausible_zh(
        strip_zh_descriptor(before_at.group(1))
    ):
        s = before_at.group(1)  # "花生日记在以“创享新生代”为主题的庆典上宣布"
    if parent := _ZH_PARENT.search(s):  # "AI陪伴应用「星野」母公司稀宇科技": the parent raises
        s = s[parent.end() :]
    quoted = QUOTED_NAME.search(s)
    if quoted and len(quoted.group(1)) >= 2:
        name = quoted.group(1).strip()
        return None if name.startswith("某") else (name, ())  # 「某某科技」: a name withheld
    alias_m = _ZH_ALIAS.search(s)
    aliases = (alias_m.group(1).strip(),) if alias_m else ()
    s = _ZH_ALIAS.sub("", s)
    s = _ZH_TRAIL.sub("", _ZH_WHEN.sub("", s.strip()))
    if re.search(r"(?:公司|企业|平台|机构|团队|创企)$", s) and re.search(
        r"创业|初创|国内|海外|多家|一家|相关|头部", s
    ):
        return None  # "国内大模型创业公司": a description with no name in it
    s = strip_zh_descriptor(s)
    s = s.strip(" 「」“”\"'")
    return (s, aliases) if _plausible_zh(s) else None


_ZH_BAD = (
    "分别",
    "更快",
    "均",
    "都",
    "早前",
    "该公司",
    "公司",
    "其",
    "我们",
    "他们",
    "本轮",
    "此轮",
    "此次",
    "这",
    "该",
    "上述",
    "双方",
    "目前",
    "此前",
    "今年",
    "去年",
    # lead-ins left alone when the subject after them is a pronoun ("据悉，该公司此前曾获得…")
    "据悉",
    "据了解",
    "据介绍",
    "据报道",
    "获悉",
    "了解到",
    "此外",
    "另外",
    "同时",
    "值得一提",
    "某",  # "某区块链公司", "某AI公司": a company the text does not name
)


_ZH_FROM = re.compile(r"(?:已|已经)?从[^，。；]{2,100}?处$")


def _last_clause(subject: str) -> str:
    parts = [x for x in re.split(r"[，,。；;：:｜|丨—、]\s*(?=[^）)]*$)", subject) if x.strip()]
    return parts[-1] if parts else ""


def strip_zh_descriptor(name: str) -> str:
    """A Chinese name without the description before it ("日本人力资源顾问巨头PERSOL" -> "PERSOL").

    >>> strip_zh_descriptor("AI芯片创企Etched"), strip_zh_descriptor("安芙兰资本管理的黄山战新基金")
    ('Etched', '黄山战新基金')
    """
    stripped = _ZH_DESCRIPTOR.sub("", name)
    if "的" in stripped and len(stripped.rsplit("的", 1)[1]) >= 2:
        stripped = stripped.rsplit("的", 1)[1]
    return stripped if len(stripped) >= 2 else name


_ZH_PARENT = re.compile(
    r"[」”》\"](?:的)?(?:母公司|背后(?:的)?公司|开发商|所属公司|运营(?:方|商|公司))(?=\S{2})"
)


def _plausible_zh(name: str) -> bool:
    limit = 24 if re.search(r"[\u4e00-\u9fff]", name) else 50
    if len(name) < 2 or len(name) > limit or name.startswith(_ZH_BAD) or _ZH_MONEY.match(name):
        return False
    return not _ZH_NOT_NAME.search(name)


# "三星拟投资2400亿韩元在韩国建设…": an amount is never a company
_ZH_MONEY = re.compile(
    r"^(?:约|近|超|逾)?\s?[\d.,]+\s?[十百千万亿]*\s?(?:元|美元|韩元|日元|欧元|港元|英镑|人民币|新台币)"
)


_ZH_NOT_NAME = re.compile(
    r"[，。；！？、%]|融资|投资|宣布|完成|来自|的|是|将|被|对|向|从|透露|表示|称|认为|目标|知情|上线|成立|之后|以来|轮|后$|^在|做|造|给|让|员工"
)
