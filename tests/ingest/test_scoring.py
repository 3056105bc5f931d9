"""The scorer follows ROUNDS_SPEC.md "Scoring"; each rule below is one decision documented in docs/extraction.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ingest.scoring import Tally, field_right, match, names_match, score_doc
from ingest.types import DatePrecision, FundingRound, RoundCode, RoundStatus


def fr(company: str, **kw: object) -> FundingRound:
    return FundingRound(company, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("VideoKen, Inc.", "Videoken", True),  # case and legal suffix
        ("ＡＢＣ科技", "ABC科技", True),  # width
        ("杭州原子矩阵计算有限公司", "原子矩阵", True),  # one name contains the other
        ("Parse.ly", "Parsely", True),  # punctuation
        ("Acme", "Apex", False),
        ("A", "Acme", False),  # one-letter names never contain-match
    ],
    ids=["legal-suffix", "width", "containment", "punctuation", "different", "too-short"],
)
def test_names_match(a: str, b: str, same: bool) -> None:
    assert names_match(fr(a), fr(b)) is same


def test_aliases_count_for_matching() -> None:
    assert names_match(fr("字节跳动", company_aliases=("ByteDance",)), fr("ByteDance Ltd."))


@pytest.mark.parametrize(
    ("name", "pred", "gold", "right"),
    [
        (
            "amount",
            fr("A", amount=Decimal(100), currency="USD"),
            fr("A", amount=Decimal("100.9"), currency="USD"),
            True,
        ),
        (
            "amount",
            fr("A", amount=Decimal(100), currency="EUR"),
            fr("A", amount=Decimal(100), currency="USD"),
            False,
        ),
        (
            "amount",
            fr("A", amount=Decimal(100), currency="USD"),
            fr("A", amount=Decimal(102), currency="USD"),
            False,
        ),
        ("amount", fr("A"), fr("A", currency="CNY", amount_text="数千万元"), True),
        ("valuation", fr("A", valuation=Decimal(1000)), fr("A", valuation=Decimal(1005)), True),
        ("investors", fr("A", lead_investors=("X Capital",)), fr("A", other_investors=("x capital",)), True),
        (
            "lead_investors",
            fr("A", lead_investors=("X Capital",)),
            fr("A", other_investors=("X Capital",)),
            False,
        ),
        ("announced_on", fr("A", announced_on=date(2024, 3, 1)), fr("A"), None),
        (
            "announced_on",
            fr("A", announced_on=date(2024, 3, 1)),
            fr("A", announced_on=date(2024, 3, 1), announced_precision=DatePrecision.MONTH),
            False,
        ),
        ("amount_usd", fr("A", amount_usd=Decimal(104)), fr("A", amount=Decimal(100), currency="USD"), True),
        ("amount_usd", fr("A", amount_usd=Decimal(110)), fr("A", amount=Decimal(100), currency="USD"), False),
    ],
    ids=[
        "amount-within-1pct",
        "amount-other-currency",
        "amount-off-by-2pct",
        "both-undisclosed",
        "valuation-within-1pct",
        "investors-as-normalised-sets",
        "lead-must-be-lead",
        "date-unlabelled-not-scored",
        "date-precision-counts",
        "usd-within-5pct",
        "usd-off-by-10pct",
    ],
)
def test_field_rules(name: str, pred: FundingRound, gold: FundingRound, right: bool | None) -> None:
    assert field_right(name, pred, gold) is right


def test_matching_prefers_the_same_amount_then_round() -> None:
    preds = [fr("Hailo", round=RoundCode.UNKNOWN, amount=Decimal(120), currency="USD")]
    golds = [
        fr("Hailo", round=RoundCode.UNKNOWN, background=True),
        fr("Hailo", round=RoundCode.SERIES_C, amount=Decimal(120), currency="USD"),
    ]
    assert match(preds, golds) == [(0, 1)]


def test_detection_counts() -> None:
    t = Tally()
    golds = [
        fr("Acme", amount=Decimal(5), currency="USD", round=RoundCode.SEED),
        fr("Beta"),  # news, missed
        fr("Old", background=True),  # background: not a miss when absent, an FP when called news
        fr("Talk", status=RoundStatus.IN_TALKS),  # in talks: neither a miss nor a hit
    ]
    preds = [
        fr("Acme", amount=Decimal(5), currency="USD", round=RoundCode.SEED),
        fr("Old"),
        fr("Talk"),
        fr("Nobody", background=True),  # unmatched background predictions are ignored
        fr("Ghost"),  # unmatched news prediction: FP
    ]
    score_doc(t, "doc", preds, golds)
    assert (t.gold_news, t.tp, t.fp, t.strict_tp) == (2, 1, 2, 1)
    assert t.detection() == (pytest.approx(1 / 3), 0.5, pytest.approx(0.4))


def test_news_predicted_as_background_is_a_miss_not_a_hit() -> None:
    t = Tally()
    score_doc(t, "doc", [fr("Acme", background=True)], [fr("Acme")])
    assert (t.tp, t.fp, t.gold_news) == (0, 0, 1)


def test_unlabelled_news_status_counts_any_matching_prediction() -> None:
    t = Tally()
    score_doc(
        t,
        "doc",
        [fr("Acme", background=True), fr("Beta", status=RoundStatus.IN_TALKS)],
        [fr("Acme"), fr("Beta")],
        partial_labels=True,
    )
    assert (t.tp, t.fp) == (2, 0)


def test_partial_labels_do_not_score_fields_they_leave_out() -> None:
    t = Tally()
    pred = fr("Acme", round=RoundCode.SERIES_A, amount=Decimal(5), currency="CNY", lead_investors=("X",))
    score_doc(t, "doc", [pred], [fr("Acme")], partial_labels=True)
    assert (t.tp, t.strict_tp, t.fields["round"], t.fields["amount"], t.fields["investors"]) == (
        1,
        1,
        [0, 0],
        [0, 0],
        [0, 0],
    )
    t2 = Tally()
    score_doc(
        t2, "doc", [pred], [fr("Acme", round=RoundCode.SERIES_B, round_label="B轮")], partial_labels=True
    )
    assert (t2.strict_tp, t2.fields["round"]) == (0, [0, 1])


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("近亿元", Decimal(100000000)),
        ("超亿元", Decimal(100000000)),
        ("数千万元", None),
        ("千万级港元", None),
    ],
    ids=["近亿", "超亿", "数千万-stays-a-magnitude", "千万级-stays-a-magnitude"],
)
def test_spec_reading_of_qualified_units(text: str, amount: Decimal | None) -> None:
    from ingest.scoring import spec_reading

    assert spec_reading(fr("A", currency="CNY", amount_text=text)).amount == amount
