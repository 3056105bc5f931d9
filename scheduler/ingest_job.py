"""The ingest job: stored pages -> parse -> extract -> rounds, one short transaction per article."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
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


def ingest_article(
    session: Session, article_id: int, now: datetime, policy: AlertPolicy | None, report: IngestReport
) -> None:
    row = session.execute(
        select(m.Article.url, m.Article.published_at, m.Source.name)
        .join(m.Source, m.Source.id == m.Article.source_id)
        .where(m.Article.id == article_id)
    ).one()
    touched = set(delete_article_mentions(session, article_id))
    try:
        article = parse(load_html(session, article_id), row.url, published_hint=row.published_at)
    except ParseError as exc:
        report.errors["parse"] += 1
        mark_extracted(session, article_id, EXTRACTOR_VERSION, now, rounds_found=0, error=f"parse: {exc}")
        return
    rounds = extract_rounds(article)
    fallback = (article.published_at or now).date()
    kept = set()
    for r in rounds:
        round_id, outcome = record_round(session, article_id, r, fallback, now, policy)
        kept.add(round_id)
        report.outcomes[outcome.value] += 1
    for round_id in touched - kept:
        remerge_round(session, round_id, now, policy)
    report.rounds_by_source[row.name] += len(rounds)
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


def ingest_pending(
    factory: sessionmaker[Session], now: datetime, policy: AlertPolicy | None, *, limit: int | None = None
) -> IngestReport:
    """Extract every stored article not yet extracted by this extractor version.

    A page that breaks extraction is logged, counted and marked with its error; the batch goes on.
    """
    report = IngestReport()
    with factory() as session:
        ids = pending_article_ids(session, EXTRACTOR_VERSION, limit)
    for article_id in ids:
        report.articles += 1
        try:
            with transaction(factory) as session:
                ingest_article(session, article_id, now, policy, report)
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
    return report
