"""The ingest job: stored pages -> parse -> extract -> rounds, one short transaction per article."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from db import models as m
from db.engine import transaction
from db.repository import delete_article_mentions, load_html, mark_extracted, pending_article_ids
from db.rounds import Outcome, record_round, remerge_round
from ingest.extract import extract_rounds
from ingest.parse import ParseError, parse
from ingest.version import EXTRACTOR_VERSION
from scheduler.alert_rule import AlertPolicy

log = logging.getLogger(__name__)


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


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored article whose page is at hand (the crawl's writer has it; replay loads it)."""

    article_id: int
    html: bytes
    url: str
    published_at: datetime | None
    source: str


def load_stored(session: Session, article_id: int) -> Stored:
    row = session.execute(
        select(m.Article.url, m.Article.published_at, m.Source.name)
        .join(m.Source, m.Source.id == m.Article.source_id)
        .where(m.Article.id == article_id)
    ).one()
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


def ingest_pending(
    factory: sessionmaker[Session],
    now: datetime,
    policy: AlertPolicy | None,
    *,
    limit: int | None = None,
    selectors: Mapping[str, str] | None = None,
) -> IngestReport:
    """Extract every stored article not yet extracted by this extractor version, one transaction each.

    A page that breaks extraction is logged, counted and marked with its error; the batch goes on.
    """
    report = IngestReport()
    with factory() as session:
        ids = pending_article_ids(session, EXTRACTOR_VERSION, limit)
    for article_id in ids:
        ingest_one(factory, article_id, now, policy, report, selectors=selectors)
    return report
