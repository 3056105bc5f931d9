"""Send due alerts from the outbox: claim, send, then mark sent; a failure is kept and retried with backoff."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, sessionmaker

from db.engine import transaction
from db.outbox import OutboxRow, claim, due_alerts, load_round, mark_failed, mark_sent
from fundwatch.settings import Settings
from scheduler.alert_message import AlertMessage, build_message
from scheduler.channels import Channel, build_channels

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SentAlert:
    channel: str
    message: AlertMessage


@dataclass(frozen=True, slots=True)
class FailedAlert:
    channel: str
    idempotency_key: str
    error: str
    attempts: int
    retry_at: datetime


@dataclass
class DispatchReport:
    sent: list[SentAlert] = field(default_factory=list)
    failed: list[FailedAlert] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        return {"sent": len(self.sent), "failed": len(self.failed), **self.skipped}


def backoff(attempts: int, base_s: int, max_s: int) -> timedelta:
    """Delay before the next try after `attempts` failures: base, 2×base, 4×base … capped at max.

    >>> [int(backoff(n, 60, 600).total_seconds()) for n in (1, 2, 3, 4, 5)]
    [60, 120, 240, 480, 600]
    """
    return timedelta(seconds=min(base_s * 2 ** max(attempts - 1, 0), max_s))


def _claim(
    sessions: sessionmaker[Session], row: OutboxRow, now: datetime, lease_until: datetime
) -> AlertMessage | str | None:
    """The message to send for a claimed row, None when someone else has it, or an error text."""
    with transaction(sessions) as session:
        if not claim(session, row.id, now, lease_until):
            return None
        stored = load_round(session, row.round_id)
    if stored is None:
        return f"round {row.round_id} is no longer stored"
    return build_message(stored, row.idempotency_key)


def _fail(
    sessions: sessionmaker[Session], row: OutboxRow, error: str, now: datetime, settings: Settings
) -> FailedAlert:
    retry_at = now + backoff(row.attempts + 1, settings.channels.backoff_s, settings.channels.backoff_max_s)
    with transaction(sessions) as session:
        attempts = mark_failed(session, row.id, error, retry_at)
    log.warning(
        "alert %s failed (attempt %d, retry at %s): %s", row.idempotency_key, attempts, retry_at, error
    )
    return FailedAlert(row.channel, row.idempotency_key, error, attempts, retry_at)


def dispatch_pending(
    sessions: sessionmaker[Session],
    now: datetime,
    settings: Settings,
    channels: Mapping[str, Channel] | None = None,
    *,
    limit: int = 500,
) -> DispatchReport:
    """Send every due alert once. Rows for a channel not configured now stay pending (counted)."""
    channels = build_channels(settings) if channels is None else channels
    report = DispatchReport()
    with sessions() as session:
        due = due_alerts(session, now, limit)
    lease = timedelta(seconds=settings.channels.claim_lease_s)
    started = time.monotonic()
    for row in due:
        channel = channels.get(row.channel)
        if channel is None:
            report.skipped[f"channel {row.channel} not configured"] += 1
            continue
        lease_until = now + lease + timedelta(seconds=time.monotonic() - started)
        msg = _claim(sessions, row, now, lease_until)
        if msg is None:
            report.skipped["claimed elsewhere"] += 1
            continue
        if isinstance(msg, str):
            report.failed.append(_fail(sessions, row, msg, now, settings))
            continue
        try:
            channel.send(msg)
        except Exception as exc:  # any channel failure keeps the alert for a later attempt
            report.failed.append(_fail(sessions, row, f"{type(exc).__name__}: {exc}", now, settings))
            continue
        with transaction(sessions) as session:
            mark_sent(session, row.id, now)
        report.sent.append(SentAlert(row.channel, msg))
    return report
