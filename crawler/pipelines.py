"""Hand fetched pages to the writer process in batches (each stored atomically) and count the outcome."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from datetime import UTC, datetime

from scrapy.crawler import Crawler

from crawler.options import shared_store
from crawler.writer import Batch, PageResult, warm_up, write_batch, writer
from db.engine import transaction
from db.repository import ensure_source
from ingest.types import RawPage

log = logging.getLogger(__name__)
# One transaction per batch: a commit per page cost more than the page's own work in the writer.
BATCH_PAGES = 32
BATCH_WINDOW_S = 0.1  # a slow crawl still stores what it fetched within this long
# Batches sent and not yet written, over every source of the crawl (one writer); beyond it
# process_item waits, so the crawl's memory stays flat however many sources it runs.
MAX_IN_FLIGHT = 2
_writing: set[asyncio.Future[list[PageResult]]] = set()


class StorePagePipeline:
    def __init__(
        self,
        crawler: Crawler,
        database_url: str,
        source_id: int,
        *,
        extract: bool = True,
        body_selector: str | None = None,
    ) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.source_id = source_id
        self.extract = extract
        self.body_selector = body_selector
        self.pending: list[RawPage] = []
        self.in_flight: deque[asyncio.Future[list[PageResult]]] = deque()
        self.timer: asyncio.TimerHandle | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePagePipeline:
        source = crawler.spidercls.source  # type: ignore[attr-defined]
        url = crawler.settings.get("FUNDWATCH_DATABASE_URL")
        with transaction(shared_store(url).sessions) as session:
            source_id = ensure_source(
                session, source.name, datetime.now(UTC), source.language, source.homepage
            )
        return cls(
            crawler,
            url,
            source_id,
            extract=crawler.settings.getbool("FUNDWATCH_CRAWL_EXTRACT", True),
            body_selector=dict(source.selectors).get("body"),
        )

    def open_spider(self) -> None:
        writer().submit(warm_up, self.database_url, self.extract)

    async def process_item(self, item: RawPage) -> RawPage:
        self.pending.append(item)
        if len(self.pending) >= BATCH_PAGES:
            self.flush()
        elif self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(BATCH_WINDOW_S, self.flush)
        while len(_writing) > MAX_IN_FLIGHT:
            await asyncio.wait(set(_writing), return_when=asyncio.FIRST_COMPLETED)
        return item

    def flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if not self.pending:
            return
        pages, self.pending = tuple(self.pending), []
        name = self.crawler.spidercls.name
        batch = Batch(self.database_url, self.source_id, name, self.body_selector, self.extract, pages)
        future = asyncio.get_running_loop().run_in_executor(writer(), write_batch, batch)
        future.add_done_callback(lambda f: self.written(pages, f))
        self.in_flight.append(future)
        _writing.add(future)

    def written(self, pages: tuple[RawPage, ...], future: asyncio.Future[list[PageResult]]) -> None:
        self.in_flight.remove(future)
        _writing.discard(future)
        try:
            results = future.result()
        except Exception as exc:  # the writer died: these pages are fetched again next run
            results = [PageResult(p.url, False, error=f"{type(exc).__name__}: {exc}") for p in pages]
        for r in results:
            self.count(r)

    def count(self, r: PageResult) -> None:
        stats = self.crawler.stats
        tracker = self.crawler.spider.tracker  # type: ignore[union-attr]
        if not r.stored:  # a page that cannot be stored is counted; the crawl goes on
            log.error("could not store %s: %s", r.url, r.error)
            stats.inc_value("fundwatch/errors/store")
            tracker.failed(r.url)
            return
        stats.inc_value("fundwatch/pages_stored")
        stats.inc_value("fundwatch/articles_new", int(r.created))
        stats.inc_value("fundwatch/rounds_found", r.rounds)
        tracker.done(r.url)

    async def close_spider(self) -> None:
        """Write what is left before the spider's listings are judged complete (spider_closed)."""
        self.flush()
        while self.in_flight:
            await asyncio.wait(list(self.in_flight))
