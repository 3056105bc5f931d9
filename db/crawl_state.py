"""The crawler's state in the store: feed validators (conditional requests) and per-run crawl stats."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import upsert


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None
    last_modified: str | None


def feed_validators(session: Session, urls: Iterable[str]) -> dict[str, Validators]:
    """The stored ETag / Last-Modified of each of these feed or sitemap URLs that has any."""
    rows = session.execute(
        select(m.FeedState.url, m.FeedState.etag, m.FeedState.last_modified).where(
            m.FeedState.url.in_(list(urls))
        )
    )
    return {r.url: Validators(r.etag, r.last_modified) for r in rows if r.etag or r.last_modified}


def put_feed_validators(session: Session, url: str, validators: Validators, now: datetime) -> None:
    upsert(
        session,
        m.FeedState.__table__,
        {"url": url, "etag": validators.etag, "last_modified": validators.last_modified, "fetched_at": now},
        ["url"],
        ["etag", "last_modified", "fetched_at"],
    )


@dataclass(frozen=True, slots=True)
class CrawlCounts:
    """What one source's crawl did in one run (a row of crawl_stats)."""

    feeds_fetched: int = 0
    articles_new: int = 0
    pages_stored: int = 0
    errors: Mapping[str, int] = field(default_factory=dict)
    healthy: bool | None = None
    rounds_found: int = 0


def put_crawl_stat(
    session: Session,
    run_key: str,
    source_id: int,
    counts: CrawlCounts,
    started_at: datetime,
    finished_at: datetime | None,
) -> None:
    """Record (or overwrite) one source's statistics for one run; rounds_found counts what the crawl's
    writer extracted (an ingest run afterwards adds the rest with add_rounds_found)."""
    values: dict[str, Any] = {
        "run_key": run_key,
        "source_id": source_id,
        "started_at": started_at,
        "finished_at": finished_at,
        "feeds_fetched": counts.feeds_fetched,
        "articles_new": counts.articles_new,
        "pages_stored": counts.pages_stored,
        "rounds_found": counts.rounds_found,
        "errors": dict(counts.errors),
        "healthy": counts.healthy,
    }
    cols = [
        "finished_at",
        "feeds_fetched",
        "articles_new",
        "pages_stored",
        "rounds_found",
        "errors",
        "healthy",
    ]
    upsert(session, m.CrawlStat.__table__, values, ["run_key", "source_id"], cols)


def _counts(row: Any) -> CrawlCounts:
    return CrawlCounts(
        row.feeds_fetched,
        row.articles_new,
        row.pages_stored,
        dict(row.errors or {}),
        row.healthy,
        row.rounds_found,
    )


def crawl_stat(session: Session, run_key: str, source_id: int) -> CrawlCounts | None:
    row = session.execute(
        select(m.CrawlStat).where(m.CrawlStat.run_key == run_key, m.CrawlStat.source_id == source_id)
    ).scalar_one_or_none()
    return None if row is None else _counts(row)


def recent_crawl_stats(
    session: Session, source_id: int, *, before: datetime, limit: int = 5
) -> list[CrawlCounts]:
    """The source's finished runs that started before `before`, newest first (the health baseline)."""
    rows = session.execute(
        select(m.CrawlStat)
        .where(
            m.CrawlStat.source_id == source_id,
            m.CrawlStat.started_at < before,
            m.CrawlStat.finished_at.is_not(None),
        )
        .order_by(m.CrawlStat.started_at.desc())
        .limit(limit)
    ).scalars()
    return [_counts(r) for r in rows]


@dataclass(frozen=True, slots=True)
class SourceRun:
    source: str
    counts: CrawlCounts
    started_at: datetime
    finished_at: datetime | None


def run_crawl_stats(session: Session, run_key: str) -> list[SourceRun]:
    """Every source's statistics for one run, by source name."""
    rows = session.execute(
        select(m.CrawlStat, m.Source.name)
        .join(m.Source, m.Source.id == m.CrawlStat.source_id)
        .where(m.CrawlStat.run_key == run_key)
        .order_by(m.Source.name)
    ).all()
    return [SourceRun(name, _counts(st), st.started_at, st.finished_at) for st, name in rows]


def mark_run_failed(session: Session, run_key: str, error_kind: str, now: datetime) -> int:
    """Add `error_kind` (timeout, crashed) to every source of a run that was stopped, mark them
    unhealthy, and close those that never finished."""
    rows = session.execute(select(m.CrawlStat).where(m.CrawlStat.run_key == run_key)).scalars().all()
    for row in rows:
        errors = dict(row.errors or {})
        errors[error_kind] = errors.get(error_kind, 0) + 1
        session.execute(
            update(m.CrawlStat)
            .where(m.CrawlStat.id == row.id)
            .values(finished_at=row.finished_at or now, errors=errors, healthy=False)
        )
    return len(rows)


def add_rounds_found(session: Session, run_key: str, by_source: Mapping[str, int]) -> None:
    """Credit the rounds that ingest found in pages of this crawl run to each source's statistics."""
    for name, found in by_source.items():
        source_id = select(m.Source.id).where(m.Source.name == name).scalar_subquery()
        session.execute(
            update(m.CrawlStat)
            .where(m.CrawlStat.run_key == run_key, m.CrawlStat.source_id == source_id)
            .values(rounds_found=m.CrawlStat.rounds_found + found)
        )
