"""Small builders for db tests: a stored article per URL and funding rounds with sensible defaults."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from db.repository import ensure_source, store_page
from ingest.types import FundingRound, RawPage, RoundCode

T0 = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def article(session: Session, url: str, source: str = "example-news", now: datetime = T0) -> int:
    """Store a tiny page under `url` (one per outlet and story) and return its article id."""
    source_id = ensure_source(session, source, now)
    page = RawPage(url=url, html=f"<html><body>{url}</body></html>".encode(), fetched_at=now, source=source)
    return store_page(session, page, source_id).article_id


def round_of(
    company: str,
    code: RoundCode = RoundCode.SERIES_B,
    amount: int | None = 40_000_000,
    on: date | None = date(2026, 11, 20),
    **kw: object,
) -> FundingRound:
    base = FundingRound(
        company=company,
        round=code,
        amount=None if amount is None else Decimal(amount),
        currency=None if amount is None else "USD",
        amount_usd=None if amount is None else Decimal(amount),
        announced_on=on,
        evidence=f"{company} raised money.",
        confidence=0.9,
    )
    return replace(base, **kw)  # type: ignore[arg-type]
