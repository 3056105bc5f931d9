"""Aggregate refresh: the tables' figures, and incremental refresh equal to a full rebuild (both databases)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from db import models as m
from db.aggregates import refresh
from db.engine import transaction
from db.repository import delete_article_mentions
from db.rounds import record_round, remerge_round
from fundwatch.store import Store
from ingest.types import FundingRound, RoundCode
from tests.db.factories import T0, article, round_of

TABLES = {
    "monthly": (m.AggMonthly, ("month", "round_code", "currency", "country", "rounds", "amount_usd")),
    "companies": (m.AggCompany, ("company_id", "rounds", "amount_usd", "last_round_on")),
    "investors": (m.AggInvestor, ("investor_id", "rounds_led", "rounds_joined", "amount_usd")),
}


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.sessions() as s:
        return {
            name: sorted(tuple(s.execute(select(*[getattr(t, c) for c in cols])).all()))
            for name, (t, cols) in TABLES.items()
        }


def record(store: Store, url: str, r: FundingRound, now: datetime = T0) -> int:
    with transaction(store.sessions) as s:
        return record_round(s, article(s, url, now=now), r, date(2026, 11, 26), now, None)[0]


def do_refresh(store: Store, now: datetime, full: bool = False):  # type: ignore[no-untyped-def]
    with transaction(store.sessions) as s:
        return refresh(s, now, full=full)


def seed(store: Store) -> None:
    vc = {"lead_investors": ("Example VC",), "other_investors": ("Sample Capital",)}
    record(store, "https://a.example/1", round_of("Acme", amount=40_000_000, on=date(2026, 10, 3), **vc))
    record(store, "https://a.example/2", round_of("Acme", amount=42_000_000, on=date(2026, 10, 5)))
    record(
        store, "https://a.example/3", round_of("Bolt", RoundCode.SEED, 2_000_000, on=date(2026, 10, 9), **vc)
    )
    record(store, "https://a.example/4", round_of("Cargo", RoundCode.SERIES_A, None, on=date(2026, 11, 1)))
    record(store, "https://a.example/5", round_of("Old Co", amount=9_000_000, background=True))


def test_full_refresh_figures(store: Store) -> None:
    seed(store)
    report = do_refresh(store, T0)
    assert report.full and report.rounds_changed == 3
    snap = snapshot(store)
    assert snap["monthly"] == [
        ("2026-10", "seed", "USD", "", 1, Decimal(2_000_000)),
        ("2026-10", "series_b", "USD", "", 1, Decimal(40_000_000)),
        ("2026-11", "series_a", "", "", 1, Decimal(0)),
    ]
    assert sorted(row[1:] for row in snap["investors"]) == [
        (0, 2, Decimal(42_000_000)),
        (2, 0, Decimal(42_000_000)),
    ]
    assert [row[1:] for row in snap["companies"]] == [
        (1, Decimal(40_000_000), date(2026, 10, 3)),
        (1, Decimal(2_000_000), date(2026, 10, 9)),
        (1, Decimal(0), date(2026, 11, 1)),
    ]


def test_first_refresh_is_full_then_incremental(store: Store) -> None:
    seed(store)
    assert do_refresh(store, T0).full
    again = do_refresh(store, T0 + timedelta(hours=1))
    assert not again.full


def change_everything(store: Store, later: datetime) -> None:
    # a new round, a round moved to another month by a more precise report, an investor swap,
    # a round that lost its only mention, and a company whose country became known
    record(store, "https://b.example/1", round_of("Delta", RoundCode.SERIES_C, 90_000_000), later)
    record(
        store,
        "https://b.example/2",
        round_of("Cargo", RoundCode.SERIES_A, 7_000_000, on=date(2026, 10, 30)),
        later,
    )
    record(
        store,
        "https://b.example/3",
        round_of("Cargo", RoundCode.SERIES_A, 7_000_000, on=date(2026, 10, 30)),
        later,
    )
    record(
        store,
        "https://b.example/4",
        round_of("Bolt", RoundCode.SEED, 2_000_000, on=date(2026, 10, 9), lead_investors=("New Fund",)),
        later,
    )
    with transaction(store.sessions) as s:
        aid = article(s, "https://a.example/1")
        for rid in delete_article_mentions(s, aid):
            remerge_round(s, rid, later, None)
        aid = article(s, "https://a.example/2")
        for rid in delete_article_mentions(s, aid):
            remerge_round(s, rid, later, None)
        company = s.execute(select(m.Company.id).where(m.Company.key == "delta")).scalar_one()
        s.execute(update(m.Company).where(m.Company.id == company).values(country="US"))
        s.execute(update(m.Round).where(m.Round.company_id == company).values(updated_at=later))


def test_incremental_refresh_equals_full(store: Store) -> None:
    seed(store)
    do_refresh(store, T0)
    later = T0 + timedelta(days=1)
    change_everything(store, later)
    report = do_refresh(store, later)
    assert not report.full and report.rounds_changed >= 4
    incremental = snapshot(store)
    do_refresh(store, later, full=True)
    assert incremental == snapshot(store)
    assert ("2026-11", "series_c", "USD", "US", 1, Decimal(90_000_000)) in incremental["monthly"]
