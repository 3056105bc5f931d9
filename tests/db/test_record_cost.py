"""What recording a round asks the database: few statements, nothing asked twice in one transaction,
and nothing remembered past a rollback (both databases)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from db import models as m
from db.engine import transaction, transaction_memo
from db.rounds import Outcome, record_round
from fundwatch.store import Store
from scheduler.alert_rule import AlertPolicy
from tests.db.factories import T0, article, round_of

INVESTORS = {"lead_investors": ("Northwind Capital",), "other_investors": ("Harbor Lane Ventures",)}


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements sent while the block runs."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        seen.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_a_new_round_of_a_new_company_costs_a_bounded_number_of_statements(store: Store) -> None:
    """A new company's round with two new investors was 23 statements; 17 now: the lock, the
    company's keys and block, its row and alias, the company's rounds, the round, the mention, the
    merge's two reads, each investor looked up and inserted, the round's investors read and written
    (one executemany), the merged figures. A change that adds statements here should say why."""
    with transaction(store.sessions) as s:
        aid = article(s, "https://a.example/quarry")
        with statements(store) as seen:
            _, outcome = record_round(
                s, aid, round_of("Quarry Hill Robotics", **INVESTORS), T0.date(), T0, AlertPolicy()
            )
    assert outcome is Outcome.CREATED
    assert len(seen) <= 17, "\n".join(seen)


def _asked(seen: list[str], fragment: str) -> int:
    return sum(fragment in stmt for stmt in seen)


LOCK = ("pg_advisory_xact_lock", "UPDATE refresh_state")


def test_the_identity_lock_and_known_investors_are_asked_once_per_transaction(store: Store) -> None:
    def record(s: Session, url: str, company: str) -> None:
        record_round(s, article(s, url), round_of(company, **INVESTORS), T0.date(), T0, None)

    with transaction(store.sessions) as s, statements(store) as seen:
        record(s, "https://a.example/one", "Alpha Grid")
        record(s, "https://b.example/two", "Beta Grid")
    assert sum(_asked(seen, lock) for lock in LOCK) == 1
    assert _asked(seen, "FROM investors") == 2  # the second round's investors are known ids
    with transaction(store.sessions) as s, statements(store) as again:
        record(s, "https://c.example/three", "Gamma Grid")
    # a new transaction takes the lock and looks the investors up again (another writer may have
    # committed since)
    assert sum(_asked(again, lock) for lock in LOCK) == 1
    assert _asked(again, "FROM investors") == 2


def test_a_savepoint_rolled_back_takes_what_the_transaction_remembered_with_it(store: Store) -> None:
    """An investor first inserted in a savepoint that is rolled back is gone: the next round naming
    it must insert it again, not link to the id the transaction had remembered."""
    with transaction(store.sessions) as s:
        first = article(s, "https://a.example/first")
        with s.begin_nested() as savepoint:
            record_round(s, first, round_of("Delta Grid", **INVESTORS), T0.date(), T0, None)
            assert transaction_memo(s)["investor_ids"]
            savepoint.rollback()
        assert "investor_ids" not in transaction_memo(s)
        rid, _ = record_round(
            s,
            article(s, "https://b.example/second"),
            round_of("Delta Grid", **INVESTORS),
            T0.date(),
            T0,
            None,
        )
    with store.sessions() as s:
        linked = s.execute(
            select(m.Investor.name)
            .join(m.RoundInvestor, m.RoundInvestor.investor_id == m.Investor.id)
            .where(m.RoundInvestor.round_id == rid)
            .order_by(m.Investor.name)
        ).scalars()
        assert list(linked) == ["Harbor Lane Ventures", "Northwind Capital"]
        assert s.execute(select(func.count()).select_from(m.RoundMention)).scalar_one() == 1


def test_a_company_added_earlier_in_the_transaction_is_matched_from_the_remembered_block(
    store: Store,
) -> None:
    """The block of aliases read for the first company is remembered with the alias added to it: the
    spelling variant recorded next in the same transaction finds that company without reading it."""
    with transaction(store.sessions) as s:
        first, _ = record_round(
            s, article(s, "https://a.example/1"), round_of("PowerReviews Labs"), T0.date(), T0, None
        )
        with statements(store) as seen:
            second, _ = record_round(
                s, article(s, "https://b.example/2"), round_of("PowerReview Labs"), T0.date(), T0, None
            )
    assert first == second
    assert _asked(seen, "FROM company_aliases") == 0
