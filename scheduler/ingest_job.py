"""The ingest job: stored pages -> parse -> extract -> rounds; a batch of articles per transaction,
each article in a savepoint of its own."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from db import models as m
from db.engine import transaction
from db.repository import (
    delete_article_mentions,
    identity_lock,
    load_html,
    mark_extracted,
    pending_article_ids,
)
from db.rounds import Outcome, record_round, remerge_round
from ingest.extract import extract_rounds
from ingest.parse import ParseError, parse
from ingest.version import EXTRACTOR_VERSION
from scheduler.alert_rule import AlertPolicy

log = logging.getLogger(__name__)
# Articles recorded in one transaction: its commit, the identity lock and what the transaction
# remembers (investor ids, company name blocks) are shared by the batch (bench/bench_crawl.py).
BATCH_ARTICLES = 32


@dataclass
class IngestReport:
    articles: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    rounds_by_source: Counter[str] = field(default_factory=Counter)

    @property
    def rounds_new(self) -> int:
        return self.outcomes[Outcome.CREATED.value]

    @property
    def rounds_updated(self) -> int:
        return self.outcomes[Outcome.UPDATED.value]

    def add(self, other: IngestReport) -> None:
        self.articles += other.articles
        self.outcomes.update(other.outcomes)
        self.errors.update(other.errors)
        self.rounds_by_source.update(other.rounds_by_source)


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored article whose page is at hand (the crawl's writer has it; replay loads it)."""

    article_id: int
    html: bytes
    url: str
    published_at: datetime | None
    source: str


_A, _S = m.Article.__table__, m.Source.__table__
_STORED = (
    select(_A.c.url, _A.c.published_at, _S.c.name)
    .join(_S, _S.c.id == _A.c.source_id)
    .where(_A.c.id == bindparam("article_id"))
)


def load_stored(session: Session, article_id: int) -> Stored:
    row = session.execute(_STORED, {"article_id": article_id}).one()
    return Stored(article_id, load_html(session, article_id), row.url, row.published_at, row.name)


def ingest_article(
    session: Session,
    page: Stored,
    now: datetime,
    policy: AlertPolicy | None,
    report: IngestReport,
    selectors: Mapping[str, str] | None = None,
) -> int:
    """Extract one stored page's rounds (replacing what it said before); the number of rounds.
    `selectors` maps a source name to the CSS selector of its article body (the sources file)."""
    article_id = page.article_id
    touched = set(delete_article_mentions(session, article_id))
    selector = (selectors or {}).get(page.source)
    try:
        article = parse(page.html, page.url, published_hint=page.published_at, body_selector=selector)
    except ParseError as exc:
        report.errors["parse"] += 1
        mark_extracted(session, article_id, EXTRACTOR_VERSION, now, rounds_found=0, error=f"parse: {exc}")
        return 0
    rounds = extract_rounds(article)
    fallback = (article.published_at or now).date()
    kept = set()
    for r in rounds:
        round_id, outcome = record_round(session, article_id, r, fallback, now, policy)
        kept.add(round_id)
        report.outcomes[outcome.value] += 1
    for round_id in touched - kept:
        remerge_round(session, round_id, now, policy)
    report.rounds_by_source[page.source] += len(rounds)
    mark_extracted(
        session,
        article_id,
        EXTRACTOR_VERSION,
        now,
        rounds_found=len(rounds),
        title=article.title,
        published_at=article.published_at,
        language=article.lang,
    )
    return len(rounds)


def ingest_one(
    factory: sessionmaker[Session],
    article_id: int,
    now: datetime,
    policy: AlertPolicy | None,
    report: IngestReport,
    *,
    page: Stored | None = None,
    selectors: Mapping[str, str] | None = None,
) -> int:
    """One article in its own transaction. A page that breaks extraction is logged, counted and
    marked with its error, so that a batch goes on."""
    report.articles += 1
    try:
        with transaction(factory) as session:
            return ingest_article(
                session, page or load_stored(session, article_id), now, policy, report, selectors
            )
    except SQLAlchemyError as exc:
        # The store refused (busy, connection lost, a constraint): the page stays pending, so the
        # next ingest retries it instead of marking it as broken.
        log.warning("article %s left pending: database error: %s", article_id, exc)
        report.errors["database"] += 1
        return 0
    except Exception as exc:  # a bug on one page must not stop the night's batch
        log.exception("extraction failed for article %s", article_id)
        report.errors[type(exc).__name__] += 1
        with transaction(factory) as session:
            mark_extracted(
                session,
                article_id,
                EXTRACTOR_VERSION,
                now,
                rounds_found=0,
                error=f"{type(exc).__name__}: {exc}",
            )
        return 0


def ingest_batch(
    factory: sessionmaker[Session],
    pages: Sequence[Stored | int],
    now: datetime,
    policy: AlertPolicy | None,
    report: IngestReport,
    *,
    selectors: Mapping[str, str] | None = None,
) -> dict[int, int]:
    """ingest_one for several pages (rounds found per article id), each a page at hand or the id of
    a stored one (loaded in the transaction), in one transaction with a savepoint per article: an
    article that fails is rolled back alone and counted as ingest_one counts it, while the commit
    and the identity lock are paid once. When the transaction itself fails (the commit refused, the
    connection lost), each page goes again in a transaction of its own."""
    batch = IngestReport()
    try:
        with transaction(factory) as session:
            # Before the first savepoint: pysqlite begins a transaction only at a write, and a
            # SAVEPOINT opened outside one would commit the batch page by page; on PostgreSQL the
            # lock taken here is not released by an article's rollback to its savepoint.
            identity_lock(session)
            found = {_id(p): _in_savepoint(session, p, now, policy, batch, selectors) for p in pages}
    except SQLAlchemyError as exc:
        log.warning("a batch of %d articles failed (%s); ingesting them one by one", len(pages), exc)
        return {_id(p): _alone(factory, p, now, policy, report, selectors) for p in pages}
    report.add(batch)
    return found


def _id(page: Stored | int) -> int:
    return page.article_id if isinstance(page, Stored) else page


def _alone(
    factory: sessionmaker[Session],
    page: Stored | int,
    now: datetime,
    policy: AlertPolicy | None,
    report: IngestReport,
    selectors: Mapping[str, str] | None,
) -> int:
    stored = page if isinstance(page, Stored) else None
    return ingest_one(factory, _id(page), now, policy, report, page=stored, selectors=selectors)


def _in_savepoint(
    session: Session,
    page: Stored | int,
    now: datetime,
    policy: AlertPolicy | None,
    report: IngestReport,
    selectors: Mapping[str, str] | None,
) -> int:
    """One article of a batch; what it counts reaches `report` only when its savepoint holds."""
    report.articles += 1
    mine, article_id = IngestReport(), _id(page)
    try:
        with session.begin_nested():
            stored = page if isinstance(page, Stored) else load_stored(session, page)
            found = ingest_article(session, stored, now, policy, mine, selectors)
    except SQLAlchemyError as exc:
        log.warning("article %s left pending: database error: %s", article_id, exc)
        report.errors["database"] += 1
        return 0
    except Exception as exc:  # a bug on one page must not cost the batch
        log.exception("extraction failed for article %s", article_id)
        report.errors[type(exc).__name__] += 1
        error = f"{type(exc).__name__}: {exc}"
        mark_extracted(session, article_id, EXTRACTOR_VERSION, now, rounds_found=0, error=error)
        return 0
    report.add(mine)
    return found


def ingest_pending(
    factory: sessionmaker[Session],
    now: datetime,
    policy: AlertPolicy | None,
    *,
    limit: int | None = None,
    selectors: Mapping[str, str] | None = None,
) -> IngestReport:
    """Extract every stored article not yet extracted by this extractor version, in batches of
    BATCH_ARTICLES (ingest_batch): an interrupted run loses at most the batch at hand.

    A page that breaks extraction is logged, counted and marked with its error; the batch goes on.
    """
    report = IngestReport()
    with factory() as session:
        ids = pending_article_ids(session, EXTRACTOR_VERSION, limit)
    for chunk in _chunks(ids, BATCH_ARTICLES):
        ingest_batch(factory, chunk, now, policy, report, selectors=selectors)
    return report


def _chunks(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
