"""Aggregate tables (by month, investor, company) over news rounds; full or incremental refresh.

Each refresh keeps, per news round, what it contributed (agg_round_state and
agg_round_investor_state). An incremental refresh takes the rounds whose updated_at passed the last
watermark (and rounds deleted since, from round_tombstones), replaces their contributions, adds the
difference to the monthly groups and recomputes the companies and investors they left or joined;
the result is identical to a full rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import lock_key, month_of, upsert

STATE_NAME = "aggregates"
# The watermark is the time of the last refresh. Writers stamp updated_at with their own `now` and
# may commit a little after a refresh has read the table: rows stamped up to this long before the
# watermark are looked at again (recomputing a group is idempotent). Assumes no write commits more
# than this long after the time it stamped.
WATERMARK_LAG = timedelta(hours=1)
CHUNK = 2000

S = m.AggRoundState
SI = m.AggRoundInvestorState


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did: rounds looked at, and months, companies, investors (re)computed."""

    full: bool
    rounds_changed: int
    months: int
    companies: int
    investors: int
    watermark: datetime | None


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(ids), key=str)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _fill_round_state(session: Session, round_ids: Sequence[int] | None) -> None:
    r, c = m.Round, m.Company
    q = (
        select(
            r.id,
            r.company_id,
            func.coalesce(month_of(session, r.announced_on), ""),
            r.round_code,
            func.coalesce(r.currency, ""),
            func.coalesce(c.country, ""),
            r.amount_usd,
            r.announced_on,
        )
        .join(c, c.id == r.company_id)
        .where(r.background.is_(False))
    )
    qi = (
        select(m.RoundInvestor.round_id, m.RoundInvestor.investor_id, m.RoundInvestor.is_lead)
        .join(r, r.id == m.RoundInvestor.round_id)
        .where(r.background.is_(False))
    )
    if round_ids is not None:
        q = q.where(r.id.in_(round_ids))
        qi = qi.where(m.RoundInvestor.round_id.in_(round_ids))
    cols = ["round_id", "company_id", "month", "round_code", "currency", "country", "amount_usd"]
    session.execute(insert(S).from_select([*cols, "announced_on"], q))
    session.execute(insert(SI).from_select(["round_id", "investor_id", "is_lead"], qi))


def _monthly(month_filter: Sequence[str] | None) -> Any:
    keys = (S.month, S.round_code, S.currency, S.country)
    q = select(*keys, func.count(), func.coalesce(func.sum(S.amount_usd), 0)).group_by(*keys)
    return q if month_filter is None else q.where(S.month.in_(month_filter))


def _companies(ids: Sequence[int] | None) -> Any:
    q = select(
        S.company_id, func.count(), func.coalesce(func.sum(S.amount_usd), 0), func.max(S.announced_on)
    ).group_by(S.company_id)
    return q if ids is None else q.where(S.company_id.in_(ids))


def _investors(ids: Sequence[int] | None) -> Any:
    q = (
        select(
            SI.investor_id,
            func.sum(case((SI.is_lead, 1), else_=0)),
            func.sum(case((SI.is_lead, 0), else_=1)),
            func.coalesce(func.sum(S.amount_usd), 0),
        )
        .join(S, S.round_id == SI.round_id)
        .group_by(SI.investor_id)
    )
    return q if ids is None else q.where(SI.investor_id.in_(ids))


MONTHLY_COLS = ["month", "round_code", "currency", "country", "rounds", "amount_usd"]
COMPANY_COLS = ["company_id", "rounds", "amount_usd", "last_round_on"]
INVESTOR_COLS = ["investor_id", "rounds_led", "rounds_joined", "amount_usd"]


def _rebuild_groups(session: Session, companies: set[int], investors: set[int]) -> None:
    for chunk in _chunks(companies):
        session.execute(delete(m.AggCompany).where(m.AggCompany.company_id.in_(chunk)))
        session.execute(insert(m.AggCompany).from_select(COMPANY_COLS, _companies(chunk)))
    for chunk in _chunks(investors):
        session.execute(delete(m.AggInvestor).where(m.AggInvestor.investor_id.in_(chunk)))
        session.execute(insert(m.AggInvestor).from_select(INVESTOR_COLS, _investors(chunk)))


def _full(session: Session) -> int:
    for table in (m.AggMonthly, m.AggCompany, m.AggInvestor, SI, S):
        session.execute(delete(table))
    _fill_round_state(session, None)
    session.execute(insert(m.AggMonthly).from_select(MONTHLY_COLS, _monthly(None)))
    session.execute(insert(m.AggCompany).from_select(COMPANY_COLS, _companies(None)))
    session.execute(insert(m.AggInvestor).from_select(INVESTOR_COLS, _investors(None)))
    return session.execute(select(func.count()).select_from(S)).scalar_one()


Group = tuple[str, str, str, str]  # month, round code, currency, country
Delta = dict[Group, list[Any]]  # [rounds, amount_usd] to add


def _touched_keys(session: Session, chunk: list[int], delta: Delta, sign: int) -> tuple[set[int], set[int]]:
    """The companies and investors these rounds contribute to; their monthly contributions are
    added to `delta` with `sign` (-1 before the rounds change, +1 after)."""
    cols = (S.company_id, S.month, S.round_code, S.currency, S.country, S.amount_usd)
    rows = session.execute(select(*cols).where(S.round_id.in_(chunk))).all()
    for r in rows:
        d = delta.setdefault((r.month, r.round_code, r.currency, r.country), [0, Decimal(0)])
        d[0] += sign
        d[1] += sign * (r.amount_usd or 0)
    investors = session.execute(select(SI.investor_id).where(SI.round_id.in_(chunk))).scalars()
    return {r.company_id for r in rows}, set(investors)


def _apply_monthly(session: Session, delta: Delta) -> set[str]:
    """Add the contributions that changed to agg_monthly, group by group: counts and sums change by
    delta, so months with many rounds cost no more than quiet ones. Returns the months touched."""
    AM = m.AggMonthly
    changed = {g: d for g, d in delta.items() if d[0] or d[1]}
    cols = (AM.id, AM.month, AM.round_code, AM.currency, AM.country, AM.rounds, AM.amount_usd)
    stored: dict[Group, Any] = {}
    for chunk in _chunks({g[0] for g in changed}):
        for r in session.execute(select(*cols).where(AM.month.in_(chunk))):
            if (key := (r.month, r.round_code, r.currency, r.country)) in changed:
                stored[key] = r
    for chunk in _chunks([r.id for r in stored.values()]):
        session.execute(delete(AM).where(AM.id.in_(chunk)))
    rows = []
    for g, (n, usd) in changed.items():
        old = stored.get(g)
        rounds, total = (old.rounds + n, old.amount_usd + usd) if old else (n, usd)
        if rounds > 0:
            rows.append(dict(zip(MONTHLY_COLS, (*g, rounds, total), strict=True)))
    if rows:
        session.execute(insert(AM), rows)
    return {g[0] for g in changed}


def _changed_round_ids(session: Session, since: datetime) -> set[int]:
    ids = set(session.execute(select(m.Round.id).where(m.Round.updated_at >= since)).scalars())
    gone = select(m.RoundTombstone.round_id).where(m.RoundTombstone.deleted_at >= since)
    return ids | set(session.execute(gone).scalars())


def _incremental(session: Session, since: datetime) -> tuple[int, set[str], set[int], set[int]]:
    changed = _changed_round_ids(session, since)
    delta: Delta = {}
    companies: set[int] = set()
    investors: set[int] = set()
    for chunk in _chunks(changed):
        for sign in (-1, 1):
            co, inv = _touched_keys(session, chunk, delta, sign)
            companies |= co
            investors |= inv
            if sign < 0:
                session.execute(delete(SI).where(SI.round_id.in_(chunk)))
                session.execute(delete(S).where(S.round_id.in_(chunk)))
                _fill_round_state(session, chunk)
    months = _apply_monthly(session, delta)
    _rebuild_groups(session, companies, investors)
    return len(changed), months, companies, investors


def refresh(session: Session, now: datetime, *, full: bool = False) -> RefreshReport:
    """Bring the aggregate tables up to date: only what changed since the last refresh, or
    everything when `full` (or when there was no refresh yet). The caller owns the transaction."""
    lock_key(session, "refresh", STATE_NAME)
    state = session.get(m.RefreshState, STATE_NAME)
    if full or state is None or state.watermark is None:
        n = _full(session)
        months = session.execute(select(func.count(func.distinct(S.month)))).scalar_one()
        counts = (_count(session, t) for t in (m.AggCompany, m.AggInvestor))
        report = RefreshReport(True, n, months, *counts, watermark=now)
    else:
        n, months, companies, investors = _incremental(session, min(state.watermark, now) - WATERMARK_LAG)
        report = RefreshReport(False, n, len(months), len(companies), len(investors), watermark=now)
    values = {"name": STATE_NAME, "refreshed_at": now, "watermark": report.watermark}
    upsert(session, m.RefreshState.__table__, values, ["name"], ["refreshed_at", "watermark"])
    return report


def _count(session: Session, table: Any) -> int:
    return session.execute(select(func.count()).select_from(table)).scalar_one()
