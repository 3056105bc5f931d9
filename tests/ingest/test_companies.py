"""Company names from the subject phrase of a funding sentence: name, not description; aliases kept.

Cases: ROUNDS_SPEC.md's examples ("Agari", "NOLO VR"), press-release datelines and appositions seen in
the English corpus, and Chinese lead-ins (36氪获悉, dates, 下称) seen in the feed snapshot.
"""

from __future__ import annotations

import pytest

from ingest.companies import clean_en, is_pronoun_subject, title_subject
from ingest.companies_zh import clean_zh

EN = [
    ("Neobank Monzo", "Monzo"),
    ("India's Meesho", "Meesho"),
    ("Berlin’s Paywise", "Paywise"),
    ("McDonald's", "McDonald's"),  # a possessive that is part of the name stays
    ("Sydney's Kookaburra AI", "Kookaburra AI"),  # any place, not a list of them
    ("Alphabet's Verily", "Verily"),  # a parent's possessive
    ("Macy's Inc", "Macy's Inc"),  # only a legal suffix follows: the possessive is the name
    ("Funding roundup: Arvo", "Arvo"),  # a column's label before the subject
    ("Deal of the day: Copperleaf", "Copperleaf"),
    ("Plaid rival Finicity", "Finicity"),
    ("Fintech Nubank rival Neon", "Neon"),  # a description inside a description
    ("Northvolt-backed Cellcraft", "Cellcraft"),
    ("Y Combinator-backed Acme", "Acme"),
    ("BioNTech SE", "BioNTech SE"),
    ("Mistral AI, the Paris-based artificial intelligence startup, said Tuesday it had", "Mistral AI"),
    ("Stealthy email security startup Agari", "Agari"),
    ("Rent the Runway, a New York City-based provider of dress rentals,", "Rent the Runway"),
    ("London-based MediShout", "MediShout"),
    ("SAN FRANCISCO, May 20, 2025 /PRNewswire/ -- Somite.ai (“Somite”), a startup", "Somite.ai"),
    ("MINNEAPOLIS, Minn. - (NewMediaWire) - October 1, 2024 - Roy, a sports tech company", "Roy"),
    ("Everseen — which sells theft detection to retailers —", "Everseen"),
    ("Novidea, creator of an insurance platform, today", "Novidea"),
    ("In a move to simplify integrations, UnifyApps", "UnifyApps"),
    ("Days later, rival Tabnine", "Tabnine"),  # a temporal lead-in, then a description
    ("A few weeks earlier, Codeium", "Codeium"),
    ("Indonesian agritech startup eFishery", "eFishery"),  # a name may start lower-case before a capital
    ("Brazil's iFood", "iFood"),
    ("KrASIA reported that Jakarta-based eFishery", "eFishery"),  # a source's lead-in
    ("MediaPost: Parse.ly", "Parse.ly"),
    (
        "Trump Media and Technology Group Corp. (Nasdaq: DJT), which runs Truth Social, said it has",
        "Trump Media and Technology Group Corp.",
    ),
]


@pytest.mark.parametrize(("subject", "name"), EN, ids=[e[1] for e in EN])
def test_english_names(subject: str, name: str) -> None:
    found = clean_en(subject)
    assert found is not None and found[0] == name


ZH = [
    ("【36氪首发】示例智能", "示例智能"),
    ("VR交互科技公司NOLO VR", "NOLO VR"),
    ("AI芯片创企Etched", "Etched"),
    ("36氪获悉，AI营销科技公司“钛动科技”", "钛动科技"),
    ("当地时间8月18日，AI芯片创企Etched", "Etched"),
    ("商道创投网7月15日讯 服饰企业商品数字化技术及产品提供商深绘智能", "深绘智能"),
    ("二手交易平台转转今日与多家投资者达成协议", "转转"),
    ("花生日记在以“创享新生代”为主题的2周年庆典上", "花生日记"),
    ("逐际动力7月", "逐际动力"),
    ("英国的后处理专家Additive Manufacturing Technologies（AMT）已", "Additive Manufacturing Technologies"),
    ("上海品览数据科技有限公司宣布近期", "上海品览数据科技有限公司"),
    ("36氪获悉，AI陪伴应用「星野」母公司稀宇科技", "稀宇科技"),  # the parent of a quoted app raises
    ("游戏《原神》开发商米哈游", "米哈游"),
    # "于" after a verb belongs to the description, not a time or place after the name
    ("专注于工业机器人的星辰智能", "星辰智能"),
    ("总部位于深圳的微元合成", "微元合成"),
    ("成立于2019年的驭势科技", "驭势科技"),
    ("云知声于3月18日", "云知声"),
]


@pytest.mark.parametrize(("subject", "name"), ZH, ids=[z[1] for z in ZH])
def test_chinese_names(subject: str, name: str) -> None:
    found = clean_zh(subject)
    assert found is not None and found[0] == name


def test_short_name_defined_in_text_wins_and_keeps_aliases() -> None:
    assert clean_zh("36氪获悉，杭州原子矩阵计算有限公司（MatriQ，下称“原子矩阵”）") == (
        "原子矩阵",
        ("杭州原子矩阵计算有限公司", "MatriQ"),
    )


def test_parenthesised_alias_is_reported() -> None:
    assert clean_zh("字节跳动（ByteDance）") == ("字节跳动", ("ByteDance",))
    assert clean_en("ByteDance (字节跳动), the owner of TikTok,") == ("ByteDance", ("字节跳动",))


NOT_NAMES = [
    "The company",
    "It",
    "we have just",
    "三个月前该公司",
    "产品上线三个月后",
    "知情人士透露",
    "据悉",
    "此外",
    "2400亿韩元在韩国建设暖通空调生产线",  # an amount is never a company ("三星拟投资2400亿韩元在韩国…")
    "据36氪报道，某AI公司昨日",  # "某…公司": a company the text does not name
    "对某区块链公司",
    "近日，「某某科技」",
]


@pytest.mark.parametrize("subject", NOT_NAMES, ids=NOT_NAMES)
def test_not_names(subject: str) -> None:
    assert (clean_zh(subject) if not subject.isascii() else clean_en(subject)) is None


@pytest.mark.parametrize(
    ("subject", "pronoun"),
    [
        ("Today the company", True),
        ("it", True),
        ("该团队刚刚在", True),
        ("公司近日", True),
        ("Acme", False),
        ("钛动科技", False),
        ("The company previously", True),
        ("The startup has", True),
    ],
    ids=["today-the-company", "it", "该团队", "公司近日", "acme", "钛动科技", "adverb-after", "has-after"],
)
def test_pronoun_subjects(subject: str, pronoun: bool) -> None:
    assert is_pronoun_subject(subject) is pronoun


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("How MediShout plans to fix hospital logistics", "MediShout"),
        ("「Glints」获融资", "Glints"),
        ("why funding dried up", None),
    ],
    ids=["how-x-plans", "quoted", "no-name"],
)
def test_title_subject(title: str, name: str | None) -> None:
    assert title_subject(title) == name
