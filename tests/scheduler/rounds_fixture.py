"""Put rounds in a store the way the ingest job does (a page, its rounds, their outbox rows)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session, sessionmaker

from db.engine import transaction
from db.repository import ensure_source, store_page
from db.rounds import record_round
from ingest.types import FundingRound, RawPage, RoundCode
from scheduler.alert_rule import AlertPolicy


def add_round(
    sessions: sessionmaker[Session],
    now: datetime,
    policy: AlertPolicy,
    *,
    company: str,
    amount_m: int,
    url: str,
    outlet: str = "Example News",
    currency: str = "USD",
    usd_m: int | None = None,
    code: RoundCode = RoundCode.SERIES_B,
    leads: tuple[str, ...] = ("Example Ventures",),
    announced_on: date | None = None,
) -> int:
    """Store one article reporting one round; returns the round id."""
    page = RawPage(url=url, html=f"<p>{company} {amount_m}</p>".encode(), fetched_at=now, source=outlet)
    r = FundingRound(
        company=company,
        round=code,
        amount=Decimal(amount_m) * 10**6,
        currency=currency,
        amount_usd=Decimal(usd_m if usd_m is not None else amount_m) * 10**6,
        lead_investors=leads,
        announced_on=announced_on or now.date(),
        evidence=f"{company} raised money.",
        confidence=0.9,
    )
    with transaction(sessions) as session:
        article_id = store_page(session, page, ensure_source(session, outlet, now)).article_id
        round_id, _ = record_round(session, article_id, r, now.date(), now, policy)
    return round_id
