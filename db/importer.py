"""Import a funding table into the store through the bulk dedup path; the caller owns the transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db import models as m
from db.bulk import BatchReport, record_rows
from db.dialect import insert_ignore
from db.repository import ensure_source
from ingest.imports import BadRow, ColumnMapping, ImportRow, read_rows, with_file_context

BATCH = 5000


@dataclass
class ImportReport:
    file: str
    rows_read: int = 0
    rows_imported: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)
    rounds_created: int = 0
    rounds_updated: int = 0
    companies_created: int = 0

    def add(self, batch: BatchReport) -> None:
        self.rows_imported += batch.rows
        self.rounds_created += batch.rounds_created
        self.rounds_updated += batch.rounds_updated
        self.companies_created += batch.companies_created


def import_file(
    session: Session, path: Path, mapping: ColumnMapping, fmt: str, now: datetime, batch: int = BATCH
) -> ImportReport:
    """Import every good row of `path` (bad rows are reported, with their line, and skipped).
    A file is known by its content: importing it again updates its rows' mentions, adds nothing."""
    data = path.read_bytes()
    file_id = _import_file_row(session, path.name, hashlib.sha256(data).hexdigest(), fmt, now)
    report = ImportReport(path.name)
    pending: list[ImportRow] = []
    for item in read_rows(data, mapping):
        report.rows_read += 1
        if isinstance(item, BadRow):
            report.bad_rows.append(item)
            continue
        pending.append(with_file_context(item, path.name))
        if len(pending) >= batch:
            report.add(record_rows(session, file_id, pending, now))
            pending = []
    report.add(record_rows(session, file_id, pending, now))
    counts = {"rows_read": report.rows_read, "rows_imported": report.rows_imported}
    counts["rows_skipped"] = len(report.bad_rows)
    session.execute(update(m.ImportFile).where(m.ImportFile.id == file_id).values(**counts, imported_at=now))
    return report


def _import_file_row(session: Session, name: str, sha: str, fmt: str, now: datetime) -> int:
    source_id = ensure_source(session, f"import:{fmt}", now)
    values = {"sha256": sha, "name": name, "source_id": source_id, "format": fmt, "imported_at": now}
    insert_ignore(session, m.ImportFile.__table__, values, ["sha256"])
    return session.execute(select(m.ImportFile.id).where(m.ImportFile.sha256 == sha)).scalar_one()
