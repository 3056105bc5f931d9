"""Read a round's mentions with what orders them (article URL and date, or imported file and line)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, bindparam, select

from db import models as m
from ingest.dedupe import MentionFacts
from ingest.types import DatePrecision, RoundCode

M, A, F = m.RoundMention, m.Article, m.ImportFile

# What merge_mentions and the investor sync need; evidence and names only where alerts need them.
FACT_COLUMNS = (
    M.id,
    M.round_id,
    M.round_code,
    M.round_label,
    M.amount,
    M.currency,
    M.amount_text,
    M.amount_usd,
    M.valuation,
    M.valuation_currency,
    M.announced_on,
    M.announced_precision,
    M.status,
    M.background,
    M.confidence,
    M.lead_investors,
    M.other_investors,
    A.url,
    A.published_at,
    F.sha256,
    M.import_line,
)
ALERT_COLUMNS = (M.company_name, M.evidence)


def mention_rows(round_ids: Sequence[int], *, for_alerts: bool = False) -> Select[Any]:
    """The mentions of these rounds, first stored first (merge_mentions reorders by report)."""
    cols = (*FACT_COLUMNS, *ALERT_COLUMNS) if for_alerts else FACT_COLUMNS
    return (
        select(*cols)
        .outerjoin(A, A.id == M.article_id)
        .outerjoin(F, F.id == M.import_file_id)
        .where(M.round_id.in_(round_ids))
        .order_by(M.created_at, M.id)
    )


def _of_one_round(for_alerts: bool) -> Select[Any]:
    """mention_rows for one round, on the tables (no ORM layer), the round id a parameter."""
    mt, at, ft = M.__table__, A.__table__, F.__table__
    attrs = (*FACT_COLUMNS, *ALERT_COLUMNS) if for_alerts else FACT_COLUMNS
    cols = [a.property.columns[0] for a in attrs]
    return (
        select(*cols)
        .outerjoin(at, at.c.id == mt.c.article_id)
        .outerjoin(ft, ft.c.id == mt.c.import_file_id)
        .where(mt.c.round_id == bindparam("round_id"))
        .order_by(mt.c.created_at, mt.c.id)
    )


# Built once: the record path reads one round's mentions per round it records.
ROUND_MENTIONS = {False: _of_one_round(False), True: _of_one_round(True)}


def origin_of(row: Any) -> str:
    """The report's own name: its URL, or the imported file (by content hash) and line."""
    if row.url is not None:
        return str(row.url)
    return f"import:{row.sha256}:{row.import_line or 0:010d}"


def mention_facts(x: Any) -> MentionFacts:
    return MentionFacts(
        RoundCode(x.round_code),
        x.round_label,
        x.amount,
        x.currency,
        x.amount_usd,
        x.valuation,
        x.valuation_currency,
        x.announced_on,
        x.announced_precision == DatePrecision.DAY.value,
        x.status,
        x.background,
        x.confidence,
        amount_text=x.amount_text,
        published_on=x.published_at.date() if x.published_at else None,
        origin=origin_of(x),
    )
