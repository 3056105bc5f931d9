"""The schema: every natural key is a unique constraint, every timestamp UTC-aware."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import UTCDateTime

Money = Numeric(24, 4)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[str]: JSON}


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    language: Mapped[str | None] = mapped_column(String(10))
    homepage: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime]
    language: Mapped[str | None] = mapped_column(String(10))
    http_status: Mapped[int] = mapped_column(Integer, default=200)
    content_hash: Mapped[str] = mapped_column(String(64))
    html_gz: Mapped[bytes] = mapped_column(LargeBinary)
    extractor_version: Mapped[int | None] = mapped_column(Integer, index=True)
    extracted_at: Mapped[datetime | None]
    extract_error: Mapped[str | None] = mapped_column(Text)
    rounds_found: Mapped[int] = mapped_column(Integer, default=0)


class Company(Base):
    __tablename__ = "companies"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    country: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime]


class CompanyAlias(Base):
    __tablename__ = "company_aliases"
    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    alias_key: Mapped[str] = mapped_column(String(300), unique=True)
    alias: Mapped[str] = mapped_column(String(300))


class Investor(Base):
    __tablename__ = "investors"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    name: Mapped[str] = mapped_column(String(300))


class Round(Base):
    """One real-world round. (company, code, anchor_on, anchor_key) is its natural key: anchor_on is
    the date the round was first dated by us, so that two reports within the dedup window share one
    row; anchor_key tells apart two rounds of a repeatable code (two seed notes) on one day by the
    first reported amount (ingest.dedupe.anchor_key)."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("company_id", "round_code", "anchor_on", "anchor_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    round_code: Mapped[str] = mapped_column(String(30))
    anchor_on: Mapped[date] = mapped_column(Date)
    anchor_key: Mapped[str] = mapped_column(String(60), server_default="")
    round_label: Mapped[str | None] = mapped_column(String(100))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_usd: Mapped[Decimal | None] = mapped_column(Money)
    valuation: Mapped[Decimal | None] = mapped_column(Money)
    valuation_currency: Mapped[str | None] = mapped_column(String(3))
    announced_on: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), default="announced")
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    source_count: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RoundMention(Base):
    """What one article said about one round, kept verbatim for provenance."""

    __tablename__ = "round_mentions"
    __table_args__ = (UniqueConstraint("round_id", "article_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), index=True)
    company_name: Mapped[str] = mapped_column(String(300))
    round_label: Mapped[str | None] = mapped_column(String(100))
    amount: Mapped[Decimal | None] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(3))
    amount_text: Mapped[str | None] = mapped_column(String(200))
    amount_usd: Mapped[Decimal | None] = mapped_column(Money)
    valuation: Mapped[Decimal | None] = mapped_column(Money)
    valuation_currency: Mapped[str | None] = mapped_column(String(3))
    announced_on: Mapped[date | None] = mapped_column(Date)
    announced_precision: Mapped[str] = mapped_column(String(5), default="day")
    status: Mapped[str] = mapped_column(String(20))
    background: Mapped[bool] = mapped_column(Boolean)
    lead_investors: Mapped[list[str]]
    other_investors: Mapped[list[str]]
    evidence: Mapped[str] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime]


class RoundInvestor(Base):
    __tablename__ = "round_investors"
    __table_args__ = (UniqueConstraint("round_id", "investor_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"), index=True)
    investor_id: Mapped[int] = mapped_column(ForeignKey("investors.id"), index=True)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)


class AlertOutbox(Base):
    """One alert per round and channel; written in the transaction that made the round qualify."""

    __tablename__ = "alert_outbox"
    __table_args__ = (
        UniqueConstraint("round_id", "channel"),
        Index("ix_alert_outbox_pending", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    channel: Mapped[str] = mapped_column(String(50))
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class JobRun(Base):
    __tablename__ = "job_runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(100), index=True)
    run_key: Mapped[str] = mapped_column(String(100), unique=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default="running")
    counts: Mapped[dict[str, Any]]
    error: Mapped[str | None] = mapped_column(Text)


class CrawlStat(Base):
    """Per source per crawl run: what was fetched, stored and found, and what went wrong."""

    __tablename__ = "crawl_stats"
    __table_args__ = (UniqueConstraint("run_key", "source_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    run_key: Mapped[str] = mapped_column(String(100))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    feeds_fetched: Mapped[int] = mapped_column(Integer, default=0)
    articles_new: Mapped[int] = mapped_column(Integer, default=0)
    pages_stored: Mapped[int] = mapped_column(Integer, default=0)
    rounds_found: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[dict[str, Any]]
    healthy: Mapped[bool | None] = mapped_column(Boolean)


class FeedState(Base):
    """Validators of the last fetch of a feed or sitemap, for conditional requests."""

    __tablename__ = "feed_state"
    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)
    etag: Mapped[str | None] = mapped_column(String(500))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    fetched_at: Mapped[datetime]


class AggMonthly(Base):
    """News rounds by month x round code x currency x country ("" where unknown)."""

    __tablename__ = "agg_monthly"
    __table_args__ = (UniqueConstraint("month", "round_code", "currency", "country"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    round_code: Mapped[str] = mapped_column(String(30))
    currency: Mapped[str] = mapped_column(String(3))
    country: Mapped[str] = mapped_column(String(2), server_default="")
    rounds: Mapped[int] = mapped_column(Integer)
    amount_usd: Mapped[Decimal] = mapped_column(Money)


class AggInvestor(Base):
    __tablename__ = "agg_investors"
    investor_id: Mapped[int] = mapped_column(ForeignKey("investors.id"), primary_key=True)
    rounds_led: Mapped[int] = mapped_column(Integer)
    rounds_joined: Mapped[int] = mapped_column(Integer)
    amount_usd: Mapped[Decimal] = mapped_column(Money)


class AggCompany(Base):
    __tablename__ = "agg_companies"
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)
    rounds: Mapped[int] = mapped_column(Integer)
    amount_usd: Mapped[Decimal] = mapped_column(Money)
    last_round_on: Mapped[date | None] = mapped_column(Date)


class AggRoundState(Base):
    """What each news round contributed at the last aggregate refresh, so that an incremental refresh
    also finds the groups a changed (or deleted) round has left. No foreign key: the round may be gone."""

    __tablename__ = "agg_round_state"
    round_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    company_id: Mapped[int] = mapped_column(Integer, index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    round_code: Mapped[str] = mapped_column(String(30))
    currency: Mapped[str] = mapped_column(String(3))
    country: Mapped[str] = mapped_column(String(2))
    amount_usd: Mapped[Decimal | None] = mapped_column(Money)
    announced_on: Mapped[date | None] = mapped_column(Date)


class AggRoundInvestorState(Base):
    """The investors of each news round at the last aggregate refresh (see AggRoundState)."""

    __tablename__ = "agg_round_investor_state"
    round_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    investor_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False, index=True)
    is_lead: Mapped[bool] = mapped_column(Boolean)


class RoundTombstone(Base):
    """A round deleted (no mention left): incremental refreshes must drop what it contributed."""

    __tablename__ = "round_tombstones"
    round_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


class RefreshState(Base):
    __tablename__ = "refresh_state"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    refreshed_at: Mapped[datetime]
    watermark: Mapped[datetime | None]


class ServiceLock(Base):
    """A lease row: the SQLite stand-in for PostgreSQL's advisory lock (one scheduler at a time)."""

    __tablename__ = "service_locks"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    lease_until: Mapped[datetime]
    heartbeat_at: Mapped[datetime]
