"""Read-side queries: stored rounds with their company, investors and sources, for the CLI and exports."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from db import models as m


@dataclass(frozen=True, slots=True)
class RoundFilter:
    company: str | None = None
    round_code: str | None = None
    since: date | None = None
    until: date | None = None
    min_usd: Decimal | None = None
    include_background: bool = False
    order: str = "amount"  # or "date"
    limit: int | None = 50


@dataclass(frozen=True, slots=True)
class SourceRef:
    outlet: str
    url: str


@dataclass(frozen=True, slots=True)
class RoundRow:
    id: int
    company: str
    round_code: str
    round_label: str | None
    amount: Decimal | None
    currency: str | None
    amount_usd: Decimal | None
    valuation: Decimal | None
    valuation_currency: str | None
    announced_on: date | None
    status: str
    background: bool
    confidence: float
    source_count: int
    lead_investors: tuple[str, ...]
    other_investors: tuple[str, ...]
    sources: tuple[SourceRef, ...]


def _select(f: RoundFilter) -> Select:  # type: ignore[type-arg]
    q = select(m.Round, m.Company.name).join(m.Company, m.Company.id == m.Round.company_id)
    if f.company:
        like = f"%{f.company.lower()}%"
        aliased = select(m.CompanyAlias.company_id).where(func.lower(m.CompanyAlias.alias).like(like))
        q = q.where(or_(func.lower(m.Company.name).like(like), m.Round.company_id.in_(aliased)))
    if f.round_code:
        q = q.where(m.Round.round_code == f.round_code)
    if f.since:
        q = q.where(m.Round.announced_on >= f.since)
    if f.until:
        q = q.where(m.Round.announced_on <= f.until)
    if f.min_usd is not None:
        q = q.where(m.Round.amount_usd >= f.min_usd)
    if not f.include_background:
        q = q.where(m.Round.background.is_(False))
    if f.order == "date":
        q = q.order_by(m.Round.announced_on.desc().nulls_last(), m.Round.id)
    else:
        q = q.order_by(m.Round.amount_usd.desc().nulls_last(), m.Round.id)
    return q.limit(f.limit) if f.limit else q


def _investors(session: Session, ids: Sequence[int]) -> dict[int, tuple[list[str], list[str]]]:
    out: dict[int, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    rows = session.execute(
        select(m.RoundInvestor.round_id, m.RoundInvestor.is_lead, m.Investor.name)
        .join(m.Investor, m.Investor.id == m.RoundInvestor.investor_id)
        .where(m.RoundInvestor.round_id.in_(ids))
        .order_by(m.Investor.name)
    )
    for rid, is_lead, name in rows:
        out[rid][0 if is_lead else 1].append(name)
    return out


def round_sources(session: Session, ids: Sequence[int]) -> dict[int, list[SourceRef]]:
    """Every article (outlet and URL) that mentioned each round, oldest first."""
    out: dict[int, list[SourceRef]] = defaultdict(list)
    rows = session.execute(
        select(m.RoundMention.round_id, m.Source.name, m.Article.url)
        .join(m.Article, m.Article.id == m.RoundMention.article_id)
        .join(m.Source, m.Source.id == m.Article.source_id)
        .where(m.RoundMention.round_id.in_(ids))
        .order_by(m.RoundMention.created_at, m.RoundMention.id)
    )
    for rid, outlet, url in rows:
        out[rid].append(SourceRef(outlet, url))
    return out


def _chunks(rows: Sequence[tuple[m.Round, str]], size: int = 500) -> Iterator[Sequence[tuple[m.Round, str]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def list_rounds(session: Session, f: RoundFilter) -> list[RoundRow]:
    rows = session.execute(_select(f)).tuples().all()
    out: list[RoundRow] = []
    for chunk in _chunks(rows):
        ids = [r.id for r, _ in chunk]
        investors, sources = _investors(session, ids), round_sources(session, ids)
        for r, company in chunk:
            leads, others = investors.get(r.id, ([], []))
            out.append(
                RoundRow(
                    r.id,
                    company,
                    r.round_code,
                    r.round_label,
                    r.amount,
                    r.currency,
                    r.amount_usd,
                    r.valuation,
                    r.valuation_currency,
                    r.announced_on,
                    r.status,
                    r.background,
                    r.confidence,
                    r.source_count,
                    tuple(leads),
                    tuple(others),
                    tuple(sources.get(r.id, ())),
                )
            )
    return out
