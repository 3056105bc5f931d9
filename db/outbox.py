"""The alert outbox: find due alerts, claim one, mark it sent or failed; read a round for its message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m

# A claimed row is "sending" until sent or failed. A claim that outlives its lease (the process died
# between claiming and marking) makes the row due again: that is the one repeat receivers may see.
DUE_STATUSES = ("pending", "sending")


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    round_id: int
    channel: str
    idempotency_key: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    next_attempt_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredSource:
    outlet: str
    url: str
    title: str | None
    published_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoredRound:
    """A round as the store holds it now, with what an alert needs to say about it."""

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
    lead_investors: tuple[str, ...]
    other_investors: tuple[str, ...]
    sources: tuple[StoredSource, ...]


def _row(r: m.AlertOutbox) -> OutboxRow:
    return OutboxRow(
        r.id,
        r.round_id,
        r.channel,
        r.idempotency_key,
        r.status,
        r.attempts,
        r.last_error,
        r.created_at,
        r.next_attempt_at,
        r.sent_at,
    )


def due_alerts(session: Session, now: datetime, limit: int = 500) -> list[OutboxRow]:
    """Unsent alerts whose next attempt is due, oldest first."""
    q = (
        select(m.AlertOutbox)
        .where(m.AlertOutbox.status.in_(DUE_STATUSES), m.AlertOutbox.next_attempt_at <= now)
        .order_by(m.AlertOutbox.created_at, m.AlertOutbox.id)
        .limit(limit)
    )
    return [_row(r) for r in session.execute(q).scalars()]


def list_outbox(session: Session, *, unsent_only: bool = False, limit: int = 100) -> list[OutboxRow]:
    q = select(m.AlertOutbox).order_by(m.AlertOutbox.created_at.desc(), m.AlertOutbox.id.desc())
    if unsent_only:
        q = q.where(m.AlertOutbox.status != "sent")
    return [_row(r) for r in session.execute(q.limit(limit)).scalars()]


def claim(session: Session, outbox_id: int, now: datetime, lease_until: datetime) -> bool:
    """Take a due row for sending; False when another dispatcher took it first (or it was sent)."""
    result = session.execute(
        update(m.AlertOutbox)
        .where(
            m.AlertOutbox.id == outbox_id,
            m.AlertOutbox.status.in_(DUE_STATUSES),
            m.AlertOutbox.next_attempt_at <= now,
        )
        .values(status="sending", next_attempt_at=lease_until)
    )
    return result.rowcount == 1


def mark_sent(session: Session, outbox_id: int, now: datetime) -> None:
    session.execute(
        update(m.AlertOutbox)
        .where(m.AlertOutbox.id == outbox_id)
        .values(status="sent", sent_at=now, attempts=m.AlertOutbox.attempts + 1, last_error=None)
    )


def mark_failed(session: Session, outbox_id: int, error: str, retry_at: datetime) -> int:
    """Count a failed attempt and schedule the next; returns the attempts made so far."""
    session.execute(
        update(m.AlertOutbox)
        .where(m.AlertOutbox.id == outbox_id)
        .values(
            status="pending",
            attempts=m.AlertOutbox.attempts + 1,
            last_error=error[:2000],
            next_attempt_at=retry_at,
        )
    )
    return session.execute(select(m.AlertOutbox.attempts).where(m.AlertOutbox.id == outbox_id)).scalar_one()


def _investors(session: Session, round_id: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    rows = session.execute(
        select(m.Investor.name, m.RoundInvestor.is_lead)
        .join(m.RoundInvestor, m.RoundInvestor.investor_id == m.Investor.id)
        .where(m.RoundInvestor.round_id == round_id)
        .order_by(m.Investor.name)
    ).all()
    return tuple(n for n, lead in rows if lead), tuple(n for n, lead in rows if not lead)


def _sources(session: Session, round_id: int) -> tuple[StoredSource, ...]:
    rows = session.execute(
        select(m.Source.name, m.Article.url, m.Article.title, m.Article.published_at)
        .select_from(m.RoundMention)
        .join(m.Article, m.Article.id == m.RoundMention.article_id)
        .join(m.Source, m.Source.id == m.Article.source_id)
        .where(m.RoundMention.round_id == round_id)
        .order_by(m.RoundMention.created_at, m.RoundMention.id)
    ).all()
    return tuple(StoredSource(*r) for r in rows)


def load_round(session: Session, round_id: int) -> StoredRound | None:
    """The round with its company, investors and every article that mentions it; None if gone."""
    row = session.execute(
        select(m.Round, m.Company.name)
        .join(m.Company, m.Company.id == m.Round.company_id)
        .where(m.Round.id == round_id)
    ).one_or_none()
    if row is None:
        return None
    r, company = row
    leads, others = _investors(session, round_id)
    return StoredRound(
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
        leads,
        others,
        _sources(session, round_id),
    )
