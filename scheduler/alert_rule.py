"""Which rounds deserve an alert: a pure rule over a round's canonical figures and the time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

DEFAULT_THRESHOLD_USD = Decimal(100_000_000)


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    threshold_usd: Decimal = DEFAULT_THRESHOLD_USD
    max_age_days: int | None = 30
    channels: tuple[str, ...] = ("console", "jsonl")


@dataclass(frozen=True, slots=True)
class RoundForAlert:
    amount_usd: Decimal | None
    background: bool
    status: str
    announced_on: date | None


def qualifies(r: RoundForAlert, policy: AlertPolicy, now: datetime) -> bool:
    """A news round (not background, not mere talks) of at least the threshold, announced recently.

    >>> from datetime import UTC
    >>> big = RoundForAlert(Decimal(150e6), False, "announced", date(2026, 11, 20))
    >>> qualifies(big, AlertPolicy(), datetime(2026, 11, 27, tzinfo=UTC))
    True
    >>> qualifies(big, AlertPolicy(max_age_days=5), datetime(2026, 11, 27, tzinfo=UTC))
    False
    """
    if r.background or r.status != "announced" or r.amount_usd is None:
        return False
    if r.amount_usd < policy.threshold_usd:
        return False
    if policy.max_age_days is None:
        return True
    if r.announced_on is None:
        return False
    return (now.date() - r.announced_on).days <= policy.max_age_days
