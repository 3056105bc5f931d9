"""Store each fetched page in its own short transaction (atomic per page), off the reactor thread."""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from crawler.options import shared_store
from db.engine import transaction
from db.repository import StoredPage, ensure_source, store_page
from ingest.types import RawPage

log = logging.getLogger(__name__)


@functools.cache
def _writer() -> ThreadPoolExecutor:
    # One writer thread per process: SQLite has one writer anyway, and compressing and hashing pages
    # there (zlib and hashlib release the GIL) leaves the reactor thread free to keep fetching.
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="fundwatch-store")


class StorePagePipeline:
    def __init__(self, crawler: Crawler, sessions: sessionmaker[Session], source_id: int) -> None:
        self.crawler = crawler
        self.sessions = sessions
        self.source_id = source_id

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePagePipeline:
        spider_cls = crawler.spidercls
        source = spider_cls.source  # type: ignore[attr-defined]
        store = shared_store(crawler.settings.get("FUNDWATCH_DATABASE_URL"))
        with transaction(store.sessions) as session:
            source_id = ensure_source(
                session, source.name, datetime.now(UTC), source.language, source.homepage
            )
        return cls(crawler, store.sessions, source_id)

    def _store(self, page: RawPage) -> StoredPage:
        with transaction(self.sessions) as session:
            return store_page(session, page, self.source_id)

    async def process_item(self, item: RawPage) -> RawPage:
        stats = self.crawler.stats
        spider = self.crawler.spider
        try:
            stored = await asyncio.get_running_loop().run_in_executor(_writer(), self._store, item)
        except SQLAlchemyError as exc:
            log.error("could not store %s: %s", item.url, exc)
            stats.inc_value("fundwatch/errors/store")
            spider.tracker.failed(item.url)  # type: ignore[union-attr]
            raise DropItem(f"store failed: {type(exc).__name__}") from None
        stats.inc_value("fundwatch/pages_stored")
        if stored.created:
            stats.inc_value("fundwatch/articles_new")
        spider.tracker.done(item.url)  # type: ignore[union-attr]
        return item
