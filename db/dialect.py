"""Everything that differs between SQLite and PostgreSQL: upserts and locks live here and only here."""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, func, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert(session: Session, table: Table) -> Any:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"unsupported dialect {name}")


def insert_ignore(session: Session, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> bool:
    """INSERT … ON CONFLICT (keys) DO NOTHING; True when a row was inserted.

    RETURNING tells, not rowcount: psycopg reports -1 for an INSERT that SQLAlchemy runs with its own
    implicit RETURNING of the primary key."""
    stmt = _insert(session, table).values(**values).on_conflict_do_nothing(index_elements=list(keys))
    stmt = stmt.returning(*table.primary_key.columns)
    return session.execute(stmt).first() is not None


def upsert(
    session: Session,
    table: Table,
    values: Mapping[str, Any],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET the `update` columns to the new values."""
    stmt = _insert(session, table).values(**values)
    stmt = stmt.on_conflict_do_update(index_elements=list(keys), set_={c: stmt.excluded[c] for c in update})
    session.execute(stmt)


def upsert_many(
    session: Session,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """Batched upsert: one statement executed with many parameter sets (fast on both dialects)."""
    if not rows:
        return
    stmt = _insert(session, table)
    if update:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys), set_={c: stmt.excluded[c] for c in update}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    session.execute(stmt, list(rows))


def lock_key(session: Session, namespace: str, key: str) -> None:
    """Serialise writers of one key until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock. SQLite has a single writer per database, so
    taking the write lock early (a no-op write) is enough to order two ingest processes.
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        h = zlib.crc32(f"{namespace}:{key}".encode()) - 2**31
        session.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :h)"),
            {"ns": zlib.crc32(namespace.encode()) % 2**31, "h": h},
        )
    elif name == "sqlite":
        session.execute(text("UPDATE refresh_state SET name = name WHERE 0"))


def month_of(session: Session, column: Any) -> Any:
    """SQL for the 'YYYY-MM' of a DATE column (SQLite keeps dates as ISO text)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)
