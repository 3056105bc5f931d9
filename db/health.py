"""Source health from crawl stats: a source is unhealthy when its crawls fail, stall or stop finding pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m


@dataclass(frozen=True, slots=True)
class SourceHealth:
    source: str
    last_crawl: datetime | None
    problem: str | None

    @property
    def healthy(self) -> bool:
        return self.problem is None


def _problem(stats: list[m.CrawlStat], now: datetime, stale_after: timedelta, empty_runs: int) -> str | None:
    if not stats:
        return "never crawled"
    last = stats[0]
    if now - last.started_at > stale_after:
        return f"no crawl since {last.started_at:%Y-%m-%d %H:%M} UTC"
    if last.healthy is False:
        return f"last crawl unhealthy: {', '.join(sorted(last.errors or {})) or 'see crawl stats'}"
    recent = stats[:empty_runs]
    if len(recent) == empty_runs and all(s.pages_stored == 0 and s.feeds_fetched == 0 for s in recent):
        return f"nothing fetched in the last {empty_runs} crawls"
    return None


def source_health(
    session: Session, now: datetime, *, stale_after: timedelta = timedelta(days=2), empty_runs: int = 3
) -> list[SourceHealth]:
    """Every known source with its problem (None when healthy), by name."""
    result = []
    for source in session.execute(select(m.Source).order_by(m.Source.name)).scalars():
        stats = list(
            session.execute(
                select(m.CrawlStat)
                .where(m.CrawlStat.source_id == source.id)
                .order_by(m.CrawlStat.started_at.desc())
                .limit(empty_runs)
            ).scalars()
        )
        last = stats[0].started_at if stats else None
        result.append(SourceHealth(source.name, last, _problem(stats, now, stale_after, empty_runs)))
    return result
