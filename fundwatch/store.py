"""Open the configured store for a command, upgrading its schema first (commands are the edges)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade


@dataclass(frozen=True)
class Store:
    engine: Engine
    sessions: sessionmaker[Session]


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Connect (failing fast with a clear error when unreachable) and bring the schema to head."""
    engine = make_engine(url)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    if migrate:
        upgrade(engine)
    return Store(engine, make_sessionmaker(engine))
