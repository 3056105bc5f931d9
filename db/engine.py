"""Engines and sessions for the store named by a URL; SQLite gets WAL and a busy timeout."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000


class StoreError(RuntimeError):
    """The store cannot be used: bad URL, unreachable server, unwritable file."""


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    # WAL lets readers (the CLI, a dashboard) run while a crawl writes; busy_timeout makes a
    # second writer wait for the lock instead of failing at once.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` (sqlite:///path or postgresql+psycopg://...)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"bad database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            parent = Path(parsed.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"cannot create SQLite database {parsed.database!r}: no directory {parent}")
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    raise StoreError(
        f"unsupported database {parsed.get_backend_name()!r}: use sqlite:/// or postgresql+psycopg://"
    )


def make_sessionmaker(engine: Engine, aliases: object | None = None) -> sessionmaker[Session]:
    """Sessions for `engine`; `aliases` (an ingest.aliases.AliasBook) rides in session.info for the
    identity decisions of db.repository and db.bulk."""
    info = {} if aliases is None else {"aliases": aliases}
    return sessionmaker(engine, expire_on_commit=False, info=info)


_MEMO = "fundwatch.transaction_memo"


def transaction_memo(session: Session) -> dict[str, Any]:
    """A dict that lives as long as the session's current transaction: what it has already locked
    or looked up (investor ids), so that recording many rounds in it does not ask twice. Any
    rollback, a savepoint's included, drops it, since rows and locks it names may be gone."""
    session.connection()  # begins the transaction the memo belongs to
    txn = session.get_transaction()
    held = session.info.get(_MEMO)
    if held is None or held[0] is not txn:
        held = session.info[_MEMO] = (txn, {})
    return held[1]  # type: ignore[no-any-return]


@event.listens_for(Session, "after_soft_rollback")
def _forget_memo(session: Session, _previous: object) -> None:
    session.info.pop(_MEMO, None)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error. Used only at the edges."""
    with factory() as session, session.begin():
        yield session
