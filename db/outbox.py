"""The alert outbox: find due alerts, claim one, mark it sent or failed; read a round for its message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m
from db.queries import RoundFilter, RoundRow, list_rounds

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


def load_round(session: Session, round_id: int) -> RoundRow | None:
    """The round with its company, investors and every article that mentions it; None if gone."""
    rows = list_rounds(session, RoundFilter(round_ids=(round_id,), include_background=True, limit=None))
    return rows[0] if rows else None
