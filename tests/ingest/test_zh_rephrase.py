"""Chinese sentences whose subject is the round: rephrased and read as rounds, or left alone."""

from __future__ import annotations

import pytest

from ingest.events_zh import zh_mention
from ingest.zh_rephrase import rephrase

# (sentence, company, round code, lead investors) — made-up sentences about made-up companies.
READ = [
    (
        "星河物流成立于2015年，先后获得4轮融资，最近的C轮融资于2020年3月5日由远山资本、北岸创投领投完成。",
        "星河物流", "series_c", ["远山资本", "北岸创投"],
    ),
    ("青禾医疗的B+轮融资由明德基金领投完成。", "青禾医疗", "series_b_plus", ["明德基金"]),
    ("云杉机器人的A轮融资于上周由松石资本投资完成", "云杉机器人", "series_a", []),
    ("外界关注已久的蓝鲸教育新一轮融资消息终于得到公司正式确认。", "蓝鲸教育", "unknown", []),
    ("日前，白桦科技举办“2021智慧农业论坛暨白桦科技A轮融资发布会”，介绍了新产品。", "白桦科技", "series_a", []),
    ("橙果健康昨日召开B轮融资发布会。", "橙果健康", "series_b", []),
]  # fmt: skip

NOT_READ = [
    "橙果健康将于下月举办B轮融资发布会。",  # planned: not a round yet
    "白桦科技举办新品发布会，展示了第二代传感器。",  # a launch, no round
    "传言称蓝鲸教育新一轮融资消息已被证实。",  # the rumour is the source
    "最近的C轮融资于2020年由远山资本领投完成。",  # no company anywhere in the sentence
    "该轮融资由远山资本领投，预计下月完成。",  # not a completed round; "the round" of an earlier sentence
]


@pytest.mark.parametrize(("sentence", "company", "code", "lead"), READ, ids=[r[1] + r[2] for r in READ])
def test_round_as_subject_is_read(sentence: str, company: str, code: str, lead: list[str]) -> None:
    m = zh_mention(sentence, None)
    assert m is not None and m.company == company
    assert (m.rounds[0].code.value if m.rounds else "unknown") == code
    assert m.lead == lead
    assert m.evidence == sentence


@pytest.mark.parametrize("sentence", NOT_READ, ids=NOT_READ)
def test_not_a_round_as_subject(sentence: str) -> None:
    again = rephrase(sentence)
    m = zh_mention(sentence, None)
    assert again is None and (m is None or m.company is None), (again, m)
