"""Lead and other investors of one round; advisers and earlier backers are not investors in it.

Cases: phrasings from the issue ("led by X with participation from Y and Z", "co-led by", "由X领投，Y、Z跟投",
"Dave McClure of 500 Startups") and lists seen in the corpus (legal suffixes, descriptors, roles).
"""

from __future__ import annotations

import pytest

from ingest.investors import en_investors, split_zh_names, zh_investors

EN = [
    # A title strips only before a person's name: "Founders Fund" and "Partners Group" are firms.
    (
        "The round was co-led by General Catalyst and Founders Fund.",
        ["General Catalyst", "Founders Fund"],
        [],
    ),
    ("Acme raised $5M led by Partners Group.", ["Partners Group"], []),
    ("Acme raised $5M from Founder Collective.", [], ["Founder Collective"]),
    # Indian and Chinese units before "from" (own words)
    ("Acme raised ₹500 crore from Temasek and Peak XV Partners.", [], ["Temasek", "Peak XV Partners"]),
    ("Acme raised Rs 50 lakh from Inflection Point Ventures.", [], ["Inflection Point Ventures"]),
    ("Acme raised 100 million yuan from Tencent.", [], ["Tencent"]),
    ("Acme raised $5M led by Sequoia Partner Alfred Lin.", ["Alfred Lin"], []),
    ("Acme raises $45 million Series B from Tiger Global", [], ["Tiger Global"]),
    (
        "Investors included SciFi VC, and angels such as Dr. R. Martin Chavez, a former chairman, and Fidji Simo.",
        [],
        ["SciFi VC", "R. Martin Chavez", "Fidji Simo"],
    ),
    ("Acme has secured $25 million in growth equity from Summit Partners.", [], ["Summit Partners"]),
    (
        "Agari raised $2.5M led by Alloy Ventures with participation from Battery Ventures, First Round Capital and Greylock Partners.",
        ["Alloy Ventures"],
        ["Battery Ventures", "First Round Capital", "Greylock Partners"],
    ),
    ("The round was co-led by Accomplice and RRE Ventures.", ["Accomplice", "RRE Ventures"], []),
    (
        "Womply has raised nearly $1 million from Dave McClure of 500 Startups and Deebek Ventures, LLC.",
        [],
        ["500 Startups", "Deebek Ventures, LLC"],
    ),
    (
        "The investment was led by Draper Associates and backed by co-investors including Boston-based AeroX Ventures and High Point Ventures.",
        ["Draper Associates"],
        ["AeroX Ventures", "High Point Ventures"],
    ),
    (
        "Roy raised $2M led by Idea Fund of La Crosse and Groove Capital.",
        ["Idea Fund of La Crosse", "Groove Capital"],
        [],
    ),
    (
        "Acme raised $5M led by Example Capital. Goldman Sachs advised Acme on the deal.",
        ["Example Capital"],
        [],
    ),
    # "&" joins words of one firm's name; a list of firms is separated by commas and "and"
    # (the demo's Anthropic article lists Fidelity Management & Research Company).
    (
        "Acme raised $40M led by Kleiner Perkins Caufield & Byers with participation from Fidelity "
        "Management & Research Company and Johnson & Johnson Innovation.",
        ["Kleiner Perkins Caufield & Byers"],
        ["Fidelity Management & Research Company", "Johnson & Johnson Innovation"],
    ),
]


@pytest.mark.parametrize(
    ("sentence", "lead", "others"),
    EN,
    ids=[
        "founders-fund-is-a-firm",
        "partners-group-is-a-firm",
        "founder-collective-is-a-firm",
        "crore-from",
        "lakh-from",
        "yuan-from",
        "title-before-a-person",
        "series-from",
        "equity-from",
        "honorific-is-not-a-sentence-end",
        "led-with-participation",
        "co-led",
        "person-of-firm",
        "backed-by-including",
        "fund-of-place",
        "adviser",
        "ampersand-inside-names",
    ],
)
def test_english_investors(sentence: str, lead: list[str], others: list[str]) -> None:
    assert en_investors(sentence) == (lead, others)


ZH = [
    ("示例科技获得小米集团数千万元战略投资。", [], ["小米集团"]),  # the amount is not in the name
    # "投资机构" describes the investor; the verb is the last "战略投资"
    ("示例汽车获得阿布扎比投资机构CYVN Holdings 33亿美元战略投资。", [], ["CYVN Holdings"]),
    ("投资方包括某国际战略投资者和某东南亚财团。", [], []),  # "某": investors the text does not name
    ("示例科技获得来自阿里巴巴的2亿美元投资。", [], ["阿里巴巴"]),
    ("示例新能源完成C轮融资，由国投创合领投，多家产业资本跟投。", ["国投创合"], []),  # a kind, not a name
    (
        "本轮融资由华泰泛大西洋基金领投，鲲鹏光远、广汽资本、金沙江创投等机构跟投。",
        ["华泰泛大西洋基金"],
        ["鲲鹏光远", "广汽资本", "金沙江创投"],
    ),
    ("由茂榕投资领投、涌铧投资跟投，此轮融资由多鲸资本担任财务顾问", ["茂榕投资"], ["涌铧投资"]),
    ("该轮融资由蚂蚁金服领投，金溢科技与万集科技跟投。", ["蚂蚁金服"], ["金溢科技", "万集科技"]),
    ("由日本人力资源顾问巨头PERSOL Holdings领投", ["PERSOL Holdings"], []),
    ("投资方分别为 Ocean Link 和珠海大横琴集团", [], ["Ocean Link", "珠海大横琴集团"]),
    (
        "由上海联和投资领投，联升投资、昆桥资本、联新资本等基金跟投",
        ["上海联和投资"],
        ["联升投资", "昆桥资本", "联新资本"],
    ),
]


@pytest.mark.parametrize(
    ("sentence", "lead", "others"),
    ZH,
    ids=[
        "amount-before-the-word",
        "投资机构-is-a-description",
        "某-is-no-name",
        "来自",
        "generic-kind",
        "lead-and-followers",
        "adviser-clause",
        "和-list",
        "descriptor",
        "投资方为",
        "联和-is-one-name",
    ],
)
def test_chinese_investors(sentence: str, lead: list[str], others: list[str]) -> None:
    assert zh_investors(sentence) == (lead, others)


def test_chinese_list_keeps_names_with_和() -> None:
    assert split_zh_names("上市公司和而泰") == ["和而泰"]
    assert split_zh_names("道禾基金（LP是东方精工、乐聚机器人）、金木资本") == ["道禾基金", "金木资本"]


# Each English investor pattern runs only when one of its key substrings is in the sentence; every way of
# writing the investors must keep its pattern's keys (else the pattern is silently skipped).
KEYED = [
    "a round co-led by Alpha Partners", "Led by Alpha Partners, the round", "headed by Alpha Partners",
    "Spearheaded by Alpha Partners", "an Alpha-led round", "a Beta-backed investment",
    "with participation from Gamma Fund", "alongside Gamma Fund", "along with Gamma Fund",
    "joined by Gamma Fund", "Co-investors include Gamma Fund", "Investors including Gamma Fund",
    "the round included Gamma Fund", "the financing includes Gamma Fund", "backers including Gamma Fund",
    "also participated in the round including Gamma Fund", "other investors who joined are Gamma Fund",
    "investment from Gamma Fund", "funding from Gamma Fund", "capital from Gamma Fund",
    "backed by Gamma Fund", "as well as Gamma Fund", "$5 million from Gamma Fund", "raised 3m\tfrom Gamma Fund",
]  # fmt: skip


@pytest.mark.parametrize("sentence", KEYED, ids=KEYED)
def test_investor_pattern_keys_cover_every_match(sentence: str) -> None:
    from ingest.investors import _EN_KEYS

    matched = [keys for pattern, keys in _EN_KEYS.items() if pattern.search(sentence + ".")]
    assert matched, f"no pattern matches {sentence!r}: the case checks nothing"
    for keys in matched:
        assert any(k in sentence + "." for k in keys), (sentence, keys)
