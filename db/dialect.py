"""Everything that differs between SQLite and PostgreSQL: upserts and locks live here and only here."""

from __future__ import annotations

import functools
import zlib
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from db.models import ServiceLock

_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def _dialect(session: Session) -> str:
    name = session.get_bind().dialect.name
    if name not in _INSERTS:
        raise NotImplementedError(f"unsupported dialect {name}")
    return name


def _insert(session: Session, table: Table) -> Any:
    return _INSERTS[_dialect(session)](table)


@functools.cache
def _upsert_statement(
    dialect: str, table: Table, keys: tuple[str, ...], update: tuple[str, ...] | None, returning: bool
) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE (`update` columns) or DO NOTHING (`update` None), built
    once per table and shape: the values come as execution parameters, so that SQLAlchemy neither
    rebuilds the statement nor recomputes its cache key per row (most of a row's cost here)."""
    stmt: Any = _INSERTS[dialect](table)
    if update:
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys), set_={c: stmt.excluded[c] for c in update}
        )
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    return stmt.returning(*table.primary_key.columns) if returning else stmt


def _statement(
    session: Session, table: Table, keys: Sequence[str], update: Sequence[str] | None, returning: bool
) -> Any:
    return _upsert_statement(
        _dialect(session), table, tuple(keys), tuple(update) if update else None, returning
    )


def insert_ignore(session: Session, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> bool:
    """INSERT … ON CONFLICT (keys) DO NOTHING; True when a row was inserted."""
    return insert_ignore_id(session, table, values, keys) is not None


def insert_ignore_id(session: Session, table: Table, values: Mapping[str, Any], keys: Sequence[str]) -> Any:
    """INSERT … ON CONFLICT (keys) DO NOTHING; the new row's primary key, or None when the key was taken.

    RETURNING tells, not rowcount: psycopg reports -1 for an INSERT that SQLAlchemy runs with its own
    implicit RETURNING of the primary key."""
    return session.execute(_statement(session, table, keys, None, True), dict(values)).scalar()


def upsert(
    session: Session,
    table: Table,
    values: Mapping[str, Any],
    keys: Sequence[str],
    update: Sequence[str],
) -> None:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET the `update` columns to the new values."""
    session.execute(_statement(session, table, keys, update, False), dict(values))


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
    session.execute(_statement(session, table, keys, update, False), list(rows))


_ADVISORY_XACT_LOCK = text("SELECT pg_advisory_xact_lock(:ns, :h)")
_SQLITE_WRITE_LOCK = text("UPDATE refresh_state SET name = name WHERE 0")


def lock_key(session: Session, namespace: str, key: str) -> None:
    """Serialise writers of one key until the transaction ends.

    PostgreSQL: a transaction-scoped advisory lock. SQLite has a single writer per database, so
    taking the write lock early (a no-op write) is enough to order two ingest processes.
    """
    name = session.get_bind().dialect.name
    if name == "postgresql":
        h = zlib.crc32(f"{namespace}:{key}".encode()) - 2**31
        session.execute(_ADVISORY_XACT_LOCK, {"ns": zlib.crc32(namespace.encode()) % 2**31, "h": h})
    elif name == "sqlite":
        session.execute(_SQLITE_WRITE_LOCK)


def month_of(session: Session, column: Any) -> Any:
    """SQL for the 'YYYY-MM' of a DATE column (SQLite keeps dates as ISO text)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)


class ServiceLease:
    """One process's hold on a named service lock (one scheduler at a time).

    PostgreSQL: a session-level advisory lock on a connection kept open for the purpose; it goes
    with the process, even on SIGKILL. SQLite: a row in service_locks whose lease the holder renews;
    a holder that stops renewing loses the lock when the lease runs out. Both keep the row, so
    `fundwatch jobs` can say who holds the lock.
    """

    def __init__(self, engine: Engine, name: str, holder: str, conn: Connection | None) -> None:
        self.engine, self.name, self.holder, self._conn = engine, name, holder, conn

    def renew(self, now: datetime, lease: timedelta) -> bool:
        """Extend the lease; False when the lock was lost (connection gone, lease taken over)."""
        if self._conn is not None:
            try:
                self._conn.execute(text("SELECT 1"))
                self._conn.commit()
            except SQLAlchemyError:
                return False
        return _write_lease(self.engine, self.name, self.holder, now, lease, takeover=self._conn is not None)

    def release(self) -> None:
        table = ServiceLock.__table__
        with Session(self.engine) as session, session.begin():
            session.execute(table.delete().where(table.c.name == self.name, table.c.holder == self.holder))
        if self._conn is not None:
            try:
                self._conn.execute(
                    text(f"SELECT pg_advisory_unlock(:ns, {_ADVISORY_KEY})"), _advisory_keys(self.name)
                )
            finally:
                self._conn.close()


# Advisory locks are per database; the schema joins the key so that two fundwatch stores in two
# schemas of one database do not block each other.
_ADVISORY_KEY = "hashtext(current_schema() || ':' || :name)"


def _advisory_keys(name: str) -> dict[str, object]:
    return {"ns": zlib.crc32(b"fundwatch-service") % 2**31, "name": name}


def _write_lease(
    engine: Engine, name: str, holder: str, now: datetime, lease: timedelta, *, takeover: bool
) -> bool:
    """Take or renew the lease row; without `takeover` only an expired lease or our own is taken."""
    table = ServiceLock.__table__
    values = {"name": name, "holder": holder, "lease_until": now + lease, "heartbeat_at": now}
    with Session(engine) as session, session.begin():
        stmt = _insert(session, table).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=["name"],
            set_={c: stmt.excluded[c] for c in ("holder", "lease_until", "heartbeat_at")},
            where=None if takeover else (table.c.lease_until < now) | (table.c.holder == holder),
        )
        # RETURNING, not rowcount: psycopg reports -1 for an INSERT run with an implicit RETURNING.
        return session.execute(stmt.returning(table.c.name)).first() is not None


def acquire_service_lock(
    engine: Engine, name: str, holder: str, now: datetime, lease: timedelta
) -> ServiceLease | None:
    """Take the lock `name` for `holder`, or None when another process holds it."""
    if engine.dialect.name != "postgresql":
        if _write_lease(engine, name, holder, now, lease, takeover=False):
            return ServiceLease(engine, name, holder, None)
        return None
    conn = engine.connect()
    got = conn.execute(
        text(f"SELECT pg_try_advisory_lock(:ns, {_ADVISORY_KEY})"), _advisory_keys(name)
    ).scalar()
    conn.commit()
    if not got:
        conn.close()
        return None
    _write_lease(engine, name, holder, now, lease, takeover=True)
    return ServiceLease(engine, name, holder, conn)


def lock_holder(engine: Engine, name: str) -> tuple[str, datetime, datetime] | None:
    """(holder, last heartbeat, lease end) of the lock row, if any."""
    table = ServiceLock.__table__
    with Session(engine) as session:
        row = session.execute(
            select(table.c.holder, table.c.heartbeat_at, table.c.lease_until).where(table.c.name == name)
        ).one_or_none()
    return None if row is None else (row.holder, row.heartbeat_at, row.lease_until)
