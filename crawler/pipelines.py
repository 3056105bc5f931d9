"""Store each fetched page in its own short transaction (atomic per page), in a writer process."""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawler.options import shared_store
from db.engine import transaction
from db.repository import StoredPage, ensure_source, store_page
from ingest.types import RawPage

log = logging.getLogger(__name__)
# gzip level 1 was ~4x faster than 6 on 90 KB pages (bench/bench_crawl.py) for ~15 % more bytes.
STORE_COMPRESSLEVEL = 1


@functools.cache
def _writer() -> ProcessPoolExecutor:
    # One writer process per crawl: SQLite has one writer anyway, and hashing, compressing and
    # writing pages on the other core leaves the reactor free to fetch. (A writer thread was
    # slower: its Python work held the GIL that the reactor needs for every socket call.)
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


def _exit_with_parent(parent: int) -> None:
    """In the writer: exit when the crawl process is gone (after a kill -9 nothing else tells it)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def store_in_writer(database_url: str, source_id: int, page: RawPage) -> StoredPage:
    """Runs in the writer process: one transaction per page."""
    with transaction(shared_store(database_url).sessions) as session:
        return store_page(session, page, source_id, compresslevel=STORE_COMPRESSLEVEL)


class StorePagePipeline:
    def __init__(self, crawler: Crawler, database_url: str, source_id: int) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.source_id = source_id

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePagePipeline:
        source = crawler.spidercls.source  # type: ignore[attr-defined]
        url = crawler.settings.get("FUNDWATCH_DATABASE_URL")
        with transaction(shared_store(url).sessions) as session:
            source_id = ensure_source(
                session, source.name, datetime.now(UTC), source.language, source.homepage
            )
        return cls(crawler, url, source_id)

    async def process_item(self, item: RawPage) -> RawPage:
        stats = self.crawler.stats
        tracker = self.crawler.spider.tracker  # type: ignore[union-attr]
        try:
            stored = await asyncio.get_running_loop().run_in_executor(
                _writer(), store_in_writer, self.database_url, self.source_id, item
            )
        except Exception as exc:  # a page that cannot be stored is counted; the crawl goes on
            log.error("could not store %s: %s: %s", item.url, type(exc).__name__, exc)
            stats.inc_value("fundwatch/errors/store")
            tracker.failed(item.url)
            raise DropItem(f"store failed: {type(exc).__name__}") from None
        stats.inc_value("fundwatch/pages_stored")
        if stored.created:
            stats.inc_value("fundwatch/articles_new")
        tracker.done(item.url)
        return item
