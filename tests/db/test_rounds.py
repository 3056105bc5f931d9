"""record_round on both databases: one row per real-world round, every mention kept, replays inert."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from db.engine import transaction
from db.repository import delete_article_mentions
from db.rounds import Outcome, record_round, remerge_round
from fundwatch.store import Store
from ingest.types import FundingRound, RoundCode
from scheduler.alert_rule import AlertPolicy
from tests.db.factories import T0, article, round_of

FALLBACK = date(2026, 11, 26)


def _count(store: Store, table: type[m.Base]) -> int:
    with store.sessions() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


def _record(store: Store, url: str, r, source: str = "example-news", now=T0):  # type: ignore[no-untyped-def]
    with transaction(store.sessions) as s:
        return record_round(s, article(s, url, source, now), r, FALLBACK, now, AlertPolicy())


def test_same_round_from_two_articles_is_one_row_with_two_mentions(store: Store) -> None:
    rid1, out1 = _record(store, "https://a.example/acme", round_of("Acme Robotics Inc."), "outlet-a")
    later = round_of(
        "ACME Robotics", amount=42_000_000, on=date(2026, 11, 21), lead_investors=("Example VC",)
    )
    rid2, out2 = _record(store, "https://b.example/acme", later, "outlet-b", T0 + timedelta(hours=1))
    assert (rid1, out1, out2) == (rid2, Outcome.CREATED, Outcome.UPDATED)
    assert _count(store, m.Round) == 1
    assert _count(store, m.RoundMention) == 2
    with store.sessions() as s:
        row = s.get(m.Round, rid1)
        assert row is not None
        assert row.source_count == 2
        # a tie between two figures: the earliest report's stands (merge_mentions' rule)
        assert row.amount == Decimal(40_000_000)
        assert row.announced_on == date(2026, 11, 20)
        assert _count(store, m.RoundInvestor) == 1


@pytest.mark.parametrize(
    "second",
    [
        pytest.param(round_of("Acme", RoundCode.SERIES_B_PLUS), id="series-b-vs-b-plus"),
        pytest.param(round_of("Acme", RoundCode.SERIES_C, 90_000_000), id="series-b-vs-c"),
        pytest.param(round_of("Acme", on=date(2027, 6, 1)), id="outside-the-window"),
        pytest.param(round_of("Acme Analytics", amount=12_000_000), id="other-company-sharing-a-word"),
    ],
)
def test_different_rounds_are_different_rows(store: Store, second) -> None:  # type: ignore[no-untyped-def]
    rid1, _ = _record(store, "https://a.example/1", round_of("Acme"))
    rid2, out = _record(store, "https://a.example/2", second)
    assert rid1 != rid2 and out is Outcome.CREATED
    assert _count(store, m.Round) == 2


# "X" and "X <words>" are one company only when they report the same round (same code, or two
# early-stage labels; dates within the window, both amounts stated and agreeing); sharing a word is
# never enough.
NAME_EXTENSIONS = [
    pytest.param("Pandora", round_of("Pandora Media", amount=41_000_000), True, id="same-round-merges"),
    pytest.param("Pandora Media", round_of("Pandora", amount=41_000_000), True, id="either-order"),
    pytest.param("Good", round_of("Good Technology", amount=None), False, id="no-amount-no-merge"),
    pytest.param("Conduit", round_of("Conduit Labs", on=date(2027, 9, 1)), False, id="other-date-no-merge"),
    pytest.param("Acme", round_of("Acme Labs", RoundCode.SERIES_C), False, id="other-code-no-merge"),
    pytest.param(
        round_of("Aeria", RoundCode.SEED, 288_000),
        round_of("Aeria Games", RoundCode.ANGEL, 288_000),
        True,
        id="seed-and-angel-are-one-early-round",
    ),
    pytest.param(
        round_of("Aeria", RoundCode.SEED, 288_000),
        round_of("Aeria Games", RoundCode.PRE_SERIES_A, 288_000),
        False,
        id="pre-a-is-not-an-early-label",
    ),
    pytest.param("Acme", round_of("Acme 2"), False, id="other-number-no-merge"),
    pytest.param("Acme", round_of("Acmeplex"), False, id="not-a-whole-word"),
]


@pytest.mark.parametrize(("first", "second", "merged"), NAME_EXTENSIONS)
def test_names_with_added_words_merge_only_on_a_shared_round(store: Store, first, second, merged) -> None:  # type: ignore[no-untyped-def]
    _record(store, "https://a.example/1", first if isinstance(first, FundingRound) else round_of(first))
    _record(store, "https://a.example/2", second)
    assert (_count(store, m.Company), _count(store, m.Round)) == ((1, 1) if merged else (2, 2))


@pytest.mark.parametrize("code", [RoundCode.SEED, RoundCode.ANGEL, RoundCode.PRE_SEED, RoundCode.STRATEGIC])
def test_repeatable_codes_need_compatible_amounts(store: Store, code: RoundCode) -> None:
    """Angel money comes in cheques like seed money: Crunchbase lists Eventbrite's $100K and $250K
    angel rounds on one day, two rounds."""
    first, _ = _record(store, "https://a.example/1", round_of("Acme", code, 2_000_000))
    same, _ = _record(store, "https://a.example/2", round_of("Acme", code, 2_100_000))
    other, _ = _record(store, "https://a.example/3", round_of("Acme", code, 9_000_000))
    assert first == same != other


def test_replaying_an_article_changes_nothing(store: Store) -> None:
    r = round_of("Acme", lead_investors=("Example VC",), other_investors=("Sample Capital",))
    rid, _ = _record(store, "https://a.example/1", r)
    with store.sessions() as s:
        before = s.get(m.Round, rid)
    rid2, outcome = _record(store, "https://a.example/1", r, now=T0 + timedelta(days=1))
    with store.sessions() as s:
        after = s.get(m.Round, rid)
    assert (rid2, outcome) == (rid, Outcome.UNCHANGED)
    assert before is not None and after is not None and after.updated_at == before.updated_at
    counts = [_count(store, t) for t in (m.Round, m.RoundMention, m.RoundInvestor, m.AlertOutbox)]
    assert counts == [1, 1, 2, 0]


def test_aliases_from_an_article_find_the_company_later(store: Store) -> None:
    _record(store, "https://a.example/1", round_of("ByteDance", company_aliases=("字节跳动",)))
    rid, outcome = _record(store, "https://b.example/2", round_of("字节跳动有限公司"))
    assert outcome is Outcome.UPDATED
    assert _count(store, m.Company) == 1


def test_a_round_no_article_mentions_is_dropped_with_a_tombstone(store: Store) -> None:
    rid, _ = _record(store, "https://a.example/1", round_of("Acme", amount=5_000_000))
    with transaction(store.sessions) as s:
        aid = article(s, "https://a.example/1")
        delete_article_mentions(s, aid)
        remerge_round(s, rid, T0, None)
    assert _count(store, m.Round) == 0
    assert _count(store, m.RoundTombstone) == 1


def test_a_large_round_queues_one_alert_per_channel_once(store: Store) -> None:
    big = round_of("Acme", amount=150_000_000)
    _record(store, "https://a.example/1", big)
    _record(store, "https://b.example/1", replace(big, amount=Decimal(151_000_000)), "outlet-b")
    assert _count(store, m.AlertOutbox) == len(AlertPolicy().channels)
