"""The crawl's writer process: store a batch of pages in one transaction, then extract their rounds."""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from crawler.options import shared_store
from db.engine import transaction
from db.repository import StoredPage, store_page, store_pages
from fundwatch.settings import Settings
from ingest.types import RawPage

log = logging.getLogger(__name__)
# gzip level 1 was ~4x faster than 6 on 90 KB pages (bench/bench_crawl.py) for ~15 % more bytes.
STORE_COMPRESSLEVEL = 1
WARM_UP_PAGE = (
    b"<html><body><p>The team said on Tuesday that it raised $2 million from investors.</p></body></html>"
)


@dataclass(frozen=True, slots=True)
class Batch:
    """Pages of one source, sent to the writer together (pickled)."""

    database_url: str
    source_id: int
    source: str
    body_selector: str | None
    extract: bool
    pages: tuple[RawPage, ...]


@dataclass(frozen=True, slots=True)
class PageResult:
    url: str
    stored: bool
    created: bool = False
    rounds: int = 0
    error: str | None = None


@functools.cache
def writer() -> ProcessPoolExecutor:
    """One writer process per crawl: SQLite has one writer anyway, and hashing, compressing, storing
    and extracting pages on the other core leaves the reactor free to fetch. (A writer thread was
    slower: its Python work held the GIL that the reactor needs for every socket call.)"""
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


@functools.cache
def _settings() -> Settings:
    return Settings.from_env()


def warm_up(database_url: str, extract: bool) -> None:
    """Runs first in the writer, while the crawl fetches its listings: connect, and load what
    extraction needs, so that the first pages do not wait for imports and models."""
    shared_store(database_url)
    if extract:
        from ingest.extract import extract_rounds
        from ingest.parse import parse

        _settings()
        extract_rounds(parse(WARM_UP_PAGE, "https://warm.up/"))


def write_batch(batch: Batch) -> list[PageResult]:
    """Runs in the writer. Storing is atomic per batch: pages not committed when the crawl dies are
    simply fetched again next run, since the seen state is the articles table. Extraction follows, in
    one transaction with a savepoint per article as in `fundwatch ingest`; a page stored but not
    extracted is left to it."""
    stored = _store(batch)
    if not batch.extract:
        return [_result(p, s) for p, s in zip(batch.pages, stored, strict=True)]
    rounds = _extract(batch, stored)
    return [
        _result(p, s, rounds.get(s.article_id, 0) if isinstance(s, StoredPage) else 0)
        for p, s in zip(batch.pages, stored, strict=True)
    ]


def _extract(batch: Batch, stored: list[StoredPage | Exception]) -> dict[int, int]:
    """Rounds found per article id, for the pages of the batch that are new or changed."""
    # Imported here: the crawl process imports this module too, and never extracts.
    from scheduler.ingest_job import IngestReport, Stored, ingest_batch

    todo = [
        Stored(s.article_id, p.html, p.url, p.published_hint, batch.source)
        for p, s in zip(batch.pages, stored, strict=True)
        if isinstance(s, StoredPage) and s.changed
    ]
    report, now, policy = IngestReport(), datetime.now(UTC), _settings().alert_policy
    selectors = {batch.source: batch.body_selector} if batch.body_selector else {}
    sessions = shared_store(batch.database_url).sessions
    return ingest_batch(sessions, todo, now, policy, report, selectors=selectors)


def _result(page: RawPage, stored: StoredPage | Exception, rounds: int = 0) -> PageResult:
    if isinstance(stored, Exception):
        return PageResult(page.url, False, error=f"{type(stored).__name__}: {stored}")
    return PageResult(page.url, True, stored.created, rounds)


def _store(batch: Batch) -> list[StoredPage | Exception]:
    sessions = shared_store(batch.database_url).sessions
    try:
        with transaction(sessions) as session:
            return list(store_pages(session, batch.pages, batch.source_id, compresslevel=STORE_COMPRESSLEVEL))
    except Exception:  # one bad page must not cost the others theirs: store them one by one
        log.warning("a batch of %d pages failed to store; storing them one at a time", len(batch.pages))
    out: list[StoredPage | Exception] = []
    for page in batch.pages:
        try:
            with transaction(sessions) as session:
                out.append(_store_one(session, batch.source_id, page))
        except Exception as exc:
            out.append(exc)
    return out


def _store_one(session: Session, source_id: int, page: RawPage) -> StoredPage:
    return store_page(session, page, source_id, compresslevel=STORE_COMPRESSLEVEL)
