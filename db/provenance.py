"""Where a stored round comes from: every mention with its origin, its own figures and evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from db import models as m


@dataclass(frozen=True, slots=True)
class MentionProvenance:
    outlet: str
    url: str | None  # the article's URL; None for an imported row
    import_file: str | None
    import_line: int | None
    company_name: str
    round_code: str
    round_label: str | None
    amount: Decimal | None
    currency: str | None
    amount_text: str | None
    amount_usd: Decimal | None
    announced_on: date | None
    background: bool
    evidence: str


def round_provenance(session: Session, round_id: int) -> list[MentionProvenance]:
    """The mentions of a round, first seen first: who said what, in their own figures."""
    return rounds_provenance(session, [round_id]).get(round_id, [])


def rounds_provenance(session: Session, round_ids: Sequence[int]) -> dict[int, list[MentionProvenance]]:
    """`round_provenance` for many rounds in one query per 500 rounds."""
    out: dict[int, list[MentionProvenance]] = defaultdict(list)
    for i in range(0, len(round_ids), 500):
        for row in session.execute(_query(round_ids[i : i + 500])):
            out[row[0].round_id].append(_provenance(row))
    return out


def _query(round_ids: Sequence[int]) -> Select[Any]:
    """One outer join per origin (article or imported file); the outlet is whichever source is present."""
    M, A, F = m.RoundMention, m.Article, m.ImportFile
    article_source = m.Source.__table__.alias("article_source")
    file_source = m.Source.__table__.alias("file_source")
    return (
        select(
            M,
            A.url,
            F.name.label("file"),
            article_source.c.name.label("a_outlet"),
            file_source.c.name.label("f_outlet"),
        )
        .outerjoin(A, A.id == M.article_id)
        .outerjoin(article_source, article_source.c.id == A.source_id)
        .outerjoin(F, F.id == M.import_file_id)
        .outerjoin(file_source, file_source.c.id == F.source_id)
        .where(M.round_id.in_(round_ids))
        .order_by(M.created_at, M.id)
    )


def _provenance(row: Row[Any]) -> MentionProvenance:
    x: m.RoundMention = row[0]
    return MentionProvenance(
        outlet=row.a_outlet or row.f_outlet,
        url=row.url,
        import_file=row.file,
        import_line=x.import_line,
        company_name=x.company_name,
        round_code=x.round_code,
        round_label=x.round_label,
        amount=x.amount,
        currency=x.currency,
        amount_text=x.amount_text,
        amount_usd=x.amount_usd,
        announced_on=x.announced_on,
        background=x.background,
        evidence=x.evidence,
    )
