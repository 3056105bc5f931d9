"""What one crawl run was asked to do, read from Scrapy settings, and the store it writes to."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime

from scrapy.settings import BaseSettings

from fundwatch.store import Store, open_store


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    run_key: str
    database_url: str
    since: date | None = None
    max_pages: int | None = None
    refetch: bool = False
    max_feed_bytes: int = 50 * 1024 * 1024

    @property
    def since_dt(self) -> datetime | None:
        return None if self.since is None else datetime(*self.since.timetuple()[:3], tzinfo=UTC)

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> CrawlOptions:
        since = settings.get("FUNDWATCH_SINCE")
        max_pages = settings.getint("FUNDWATCH_MAX_PAGES", 0)
        run_key = settings.get("FUNDWATCH_RUN_KEY") or default_run_key()
        return cls(
            run_key=run_key,
            database_url=settings.get("FUNDWATCH_DATABASE_URL"),
            since=date.fromisoformat(since) if since else None,
            max_pages=max_pages or None,
            refetch=settings.getbool("FUNDWATCH_REFETCH"),
            max_feed_bytes=settings.getint("FUNDWATCH_MAX_FEED_BYTES", 50 * 1024 * 1024),
        )


@functools.cache
def default_run_key() -> str:
    """A run key for a crawl started without one (e.g. `scrapy crawl`): one per process."""
    return f"crawl-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{os.getpid()}"


@functools.cache
def shared_store(url: str) -> Store:
    """One store (engine and sessions) per process, shared by the spiders of a multi-source crawl."""
    return open_store(url)
