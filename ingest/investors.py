"""Investors in one round: who led ("led by", "领投") and who took part, without advisers or earlier backers."""

from __future__ import annotations

import re

from ingest.companies_zh import strip_zh_descriptor

# Where a list of investor names ends; "To <verb>" also in a title-case headline ("Led By Accel
# To Expand In Europe").
_EN_STOP = (
    r"(?=,?\s+(?:with|alongside|along with|and (?:participation|existing|new|returning|other|backed|joined|included)|"
    r"joined by|as well as|which|who|that|(?i:to (?:fund|accelerate|expand|support|help|scale|build|further|grow))|bringing|for|"
    r"in (?:a|its|the)|at a|valu|gives|said|says|is|are|was|were|has|have|will)\b|(?<![A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bJr)(?<!\bProf)[.;:]\s|[.;:]?$|\s+\()"
)
_EN_LEAD = re.compile(
    r"\b(?:[Cc]o-[Ll]ed|[Ll]ed|[Hh]eaded|[Ss]pearheaded)\s+(?:jointly\s+)?[Bb]y\s+(?P<names>.+?)" + _EN_STOP
)
_EN_X_LED = re.compile(
    r"\b(?P<name>[A-Z][\w&.']*(?: [A-Z][\w&.']*){0,3})-(?:led|backed)\s+(?:round|funding|financing|investment|Series)"
)
_EN_OTHERS = re.compile(
    r"\b(?:participation (?:from|by|of)|alongside|along with|joined by|(?:[Cc]o-)?[Ii]nvestors (?:include|included|including|such as)|"
    r"(?:the round|the financing|the investment) (?:included|includes)|"
    r"backers (?:include|included|including)|(?:also|other investors who) (?:participated|joined)[^,]*?(?:including|were|are)|"
    r"investment from|investments from|funding from|capital from|backed by|as well as)\s+(?P<names>.+?)"
    + _EN_STOP
)
_EN_FROM = re.compile(
    r"(?:\$|€|£|[Mm]illion|[Bb]illion|[Cc]rores?|[Ll]akhs?|yuan|[0-9](?:[mMkKbB]|bn|mn|cr)|round|funding|financing|"
    r"investment|equity|undisclosed (?:amount|sum)|"
    r"Series [A-Z]\d?\+?|[Ss]eed)\s+from\s+(?P<names>.+?)" + _EN_STOP
)
_NOT_NAME = re.compile(
    r"^(?:(?:existing|new|returning|other|previous|current|prior|strategic|institutional|several|a group of|a number of|"
    r"various|individual|angel|notable|prominent|investors?|backers?|shareholders?|including|such as|the|its|and|"
    r"as well as|plus|among others|firms?|funds?|participants?|angels?|such as|like|[Dd]r\.?|[Mm]rs?\.?|[Mm]s\.?|[Pp]rof\.?|-)\s+)+"
)
_TITLE = re.compile(
    r"^(?:[A-Z][\w.&-]*\s){0,3}?(?:Managing |General |Founding )?"
    r"(?:Partners?|Directors?|CEO|CTO|CFO|Founders?|Co-founders?|Chairman|President)\s+(?=[A-Z])"
)
# What is left after a title is a person's name: two to four capitalised words, none a firm's word.
_PERSON = re.compile(
    r"(?!.*\b(?:Fund|Funds|Capital|Ventures|Partners|Group|Factory|Collective|Circle|Management|Holdings|"
    r"Investments?|Labs?|Bank|VC|LLC|Inc|Ltd|LP|Club|Network|Angels)\b)"
    r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3}$"
)
# "and existing investors - Y Combinator, FCVC": the existing investors are listed as participants too.
_LIST_GLUE = re.compile(
    r",?\s+(?:and|as well as|plus|alongside)\s+(?:existing|new|returning|other)\s+(?:investors?|backers?|shareholders?)(?:\s+(?:such as|including|like)|\s*[-–—:])?\s+"
)
_PLACE = re.compile(
    r"(?:\b[A-Z][\w.]*\s?)+,\s*[A-Z][\w.]*-based\s+|\b[A-Z][\w]*(?: [A-Z][\w]*)?[’']s\s+(?=[A-Z])"
)
_LEGAL = re.compile(
    r"^(?:LLC|L\.L\.C\.|Inc\.?|Ltd\.?|LP|L\.P\.|Co\.?,? Ltd\.?|GmbH|AG|SA|S\.A\.|plc|PLC|N\.V\.)$"
)
_PERSON_OF = re.compile(
    r"^(?!.*\b(?:Fund|Capital|Ventures|Partners|Bank|Group|Foundation|Trust)\b.* of )[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,2} (?:of|from|at) (?P<firm>[A-Z0-9].+)$"
)
_NOT_INVESTORS = {
    "we",
    "i",
    "they",
    "it",
    "he",
    "she",
    "our",
    "their",
    "the company",
    "the startup",
    "this",
    "that",
    "these",
}
_CONNECTORS = {"and", "of", "the", "for", "de", "du", "la", "le", "von", "van", "&", "des", "di", "da"}


def _split_en(names: str) -> list[str]:
    names = _PLACE.sub("", names)
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+|;\s*", names) if p.strip()]
    merged: list[str] = []
    for p in parts:
        if merged and _LEGAL.match(p):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    return [n for p in merged if (n := _clean_en(p))]


def _clean_en(name: str) -> str | None:
    name = _NOT_NAME.sub("", name.strip(" .'\"“”")).strip(" .'\"“”")
    name = re.sub(r"\s+(?:and others|among others|and more|et al)$", "", name)
    name = re.sub(r"^.*-based\s+", "", name)
    if (title := _TITLE.match(name)) and _PERSON.match(name, title.end()):
        name = name[title.end() :]  # "Founder Jane Doe", not "Founders Fund" or "Partners Group"
    name = re.sub(r"\s+(?:and|or|with)$", "", name)
    if m := _PERSON_OF.match(name):
        name = m["firm"]
    words = name.split()
    if (
        not words
        or len(words) > 7
        or not (
            name[0].isupper() or name[0].isdigit() or (len(words) == 1 and re.search(r"[\d.A-Z]", name[1:]))
        )
        or any(w[0].islower() and w not in _CONNECTORS for w in words[1:])
        or name.lower() in _NOT_INVESTORS
        or (len(words) == 1 and name.endswith("ing"))
    ):
        return None
    return name


# What each English pattern cannot match without (the patterns are case-sensitive): most sentences
# lack them all, and a failed scan of a long alternation costs far more than `in`.
_EN_KEYS: dict[re.Pattern[str], tuple[str, ...]] = {
    _EN_LEAD: ("led", "Led", "headed", "Headed"),
    _EN_X_LED: ("-led", "-backed"),
    _EN_OTHERS: ("participation ", "alongside", "along with", "joined", "nvestors ", "includ", "backers ",
                 "participated", " from", "backed by", "as well as"),
    _EN_FROM: ("from",),
}  # fmt: skip


def _scan(pattern: re.Pattern[str], sentence: str) -> list[re.Match[str]]:
    return list(pattern.finditer(sentence)) if any(k in sentence for k in _EN_KEYS[pattern]) else []


def en_investors(sentence: str) -> tuple[list[str], list[str]]:
    """(lead, others) named in an English sentence.

    >>> en_investors("Agari raised $2.5M led by Alloy Ventures with participation from Battery Ventures, First Round Capital and Greylock Partners.")
    (['Alloy Ventures'], ['Battery Ventures', 'First Round Capital', 'Greylock Partners'])
    >>> en_investors("Womply raised nearly $1 million from Dave McClure of 500 Startups and Deebek Ventures, LLC.")
    ([], ['500 Startups', 'Deebek Ventures, LLC'])
    """
    if "advis" in sentence and re.search(r"\badvis(?:ed|or|er)", sentence):
        sentence = re.split(r"\b(?:\w+\s+)?(?:advised|advisor|adviser)", sentence)[0]
    sentence = _LIST_GLUE.sub(", ", sentence)
    lead = [n for m in _scan(_EN_LEAD, sentence) for n in _split_en(m["names"])]
    lead += [n for m in _scan(_EN_X_LED, sentence) if (n := _clean_en(m["name"]))]
    others = [n for rx in (_EN_OTHERS, _EN_FROM) for m in _scan(rx, sentence) for n in _split_en(m["names"])]
    return _unique(lead), [n for n in _unique(others) if n not in lead]


_ZH_SEP = re.compile(r"[、，,和及与]|以及")
_ZH_LEAD = re.compile(r"(?:^|由|获)(?P<names>[^由，。；：]{2,120}?)(?:联合|共同)?(?:领投|牵头|领衔)")
_ZH_OTHERS = re.compile(
    r"(?:^|由)(?P<names>[^由，。；：]{2,160}?)(?:等[^，。；：]{0,24}?)?"
    r"(?:共同|联合|继续|持续)?(?:跟投|参投|参与投资|参与了?本轮|参与|追加投资|追投|加注|联合投资|共同投资|超额认购|加码|跟进|增持)"
)
_ZH_BY = re.compile(
    r"(?:投资方(?:分别)?(?:为|是|包括)|由|获得?了?(?:来自)?|引入)(?P<names>[^，。；：]{2,80}?)(?:等[^，。；：]{0,12}?)?(?:的)?"
    # "获得小米集团数千万元战略投资": the amount between the investor and the word is not part of the name
    r"(?:\s?(?:约|近|超|逾)?\s?(?:[\d.,]+|数|几)[十百千万亿]*(?:美元|元人民币|元|人民币|港元|欧元)(?:的)?)?"
    # "获得阿布扎比投资机构CYVN Holdings 33亿美元战略投资": "投资机构" is part of the description, not the verb
    r"(?:独家)?(?:投资|注资|战略投资|入股)(?![、，,和及与]|机构|方|人|公司|集团|基金|平台|者)"
)
_ZH_LIST = re.compile(
    r"(?:投资方|投资人|投资机构|参投方|参投机构)(?:分别)?(?:为|是|包括|有)(?P<names>[^，。；：]{2,120})"
)
_ZH_STRIP = re.compile(
    r"^(?:自从|随着|由于|宣布|完成了?|获得?了?|本轮(?:融资)?|该轮(?:融资)?|此轮(?:融资)?|本次(?:融资)?|融资|由|老股东|原股东|现有股东|股东|新股东|新老股东|产业方|投资方|机构|为|均|则|并|同时|其中|多家|包括|以及|知名|国内|等)+"
)
_ZH_TAIL = re.compile(
    r"(?:等[^、，,]{0,6}(?:企业|公司|机构|基金|资本)|等(?:多家|数家|知名)?(?:机构|投资方|投资机构|股东|资本|基金|知名机构|基金跟投)?|持续|继续|联合|共同|均|作为|也|分别|超额|进行|参与|等)+$"
)


_ZH_ROLE_PREFIX = re.compile(
    r"^(?:(?:A股|港股|美股)?上市公司|老股东|原股东|现有股东|新股东|产业方|国资|知名(?:机构)?|战略投资方)"
)
_GENERIC = {"投资", "资本", "基金", "创投", "集团", "科技", "控股", "管理", "公司", "机构", "股东", "产业资本",
            "国资", "国有资本", "社会资本", "战略投资者", "财务投资者", "产业投资者", "投资机构"}  # fmt: skip
_ZH_PERSON_ROLE = re.compile(
    r"^.*(?:联合创始人|创始人|合伙人|主管|董事长|总裁|CEO|CTO|首席\w{1,4}官|负责人)(?=.{2,})"
)
_ZH_NOT_NAME = re.compile(
    r"顾问|融资|轮|\d\s?[万亿千百]|[万亿]元|美元|人民币|公司宣布|完成|^(?:另|其他|其余|其它|多家|数家|[一二两三四五六七八九十\d]+家)"
)


def _clean_zh(name: str) -> str | None:
    name = re.sub(r"[（(][^）)]*[）)]", "", name).strip(' “”"「」')
    name = _ZH_TAIL.sub("", _ZH_STRIP.sub("", name)).strip(' “”"「」')
    latin = strip_zh_descriptor(name)
    name = latin if re.match(r"[A-Za-z0-9]", latin) or "的" in name else name  # "顾问巨头PERSOL" -> "PERSOL"
    name = _ZH_PERSON_ROLE.sub("", name).strip()
    if len(name) < 2 or len(name) > 30 or name in _GENERIC or _ZH_NOT_NAME.search(name):
        return None
    return name


def split_zh_names(names: str) -> list[str]:
    """Names in a Chinese list (、，和及与), cleaned of "等机构", stock codes and role words.

    >>> split_zh_names("上海联和投资、联升投资和昆桥资本等基金")
    ['上海联和投资', '联升投资', '昆桥资本']
    """
    out = []
    names = re.sub(r"[（(][^）)]*[）)]", "", names)
    for part in re.split(r"[、，,]|以及", names):
        part = _ZH_ROLE_PREFIX.sub("", part.strip())
        pieces = re.split(r"[和及与]", part)
        if len(pieces) > 1 and any(len(p.strip()) < 2 or p.strip() in _GENERIC for p in pieces):
            pieces = [part]  # "上海联和投资" is one name, not "上海联" and "投资"
        # "某国际战略投资者": an investor the text does not name
        out += [n for p in pieces if (n := _clean_zh(p)) and not n.startswith("某")]
    return out


_ADVISER = re.compile(r"担任.{0,12}顾问|财务顾问|法律顾问|独家顾问|顾问方")


def zh_investors(sentence: str) -> tuple[list[str], list[str]]:
    """(lead, others) named in a Chinese sentence.

    >>> zh_investors("本轮融资由华泰泛大西洋基金领投，鲲鹏光远、广汽资本、金沙江创投等机构跟投。")
    (['华泰泛大西洋基金'], ['鲲鹏光远', '广汽资本', '金沙江创投'])
    """
    parts = re.split(r"[，。；;]|——|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", sentence)
    clauses = [c for c in parts if not _ADVISER.search(c)]
    lead: list[str] = []
    others: list[str] = []
    for clause in clauses:
        if m := _ZH_LEAD.search(clause):
            lead += split_zh_names(m["names"])
            clause = clause[m.end() :].lstrip("、和及与")
        if (m := _ZH_LIST.search(clause)) or (m := _ZH_OTHERS.search(clause)) or (m := _ZH_BY.search(clause)):
            others += split_zh_names(m["names"])
    return _unique(lead), [n for n in _unique(others) if n not in lead]


def _unique(names: list[str]) -> list[str]:
    """Names in order, once each: "Callais Capital" and "Callais Capital LLC" are one investor."""
    seen: dict[str, str] = {}
    for name in names:
        key = re.sub(r"[\W_]+|\b(?:llc|inc|ltd|lp|l\.p)\b", "", name.lower())
        seen.setdefault(key, name)
    return list(seen.values())
