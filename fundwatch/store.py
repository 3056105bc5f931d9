"""Open the configured store for a command, upgrading its schema first (commands are the edges)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from fundwatch.settings import load_aliases
from ingest.aliases import AliasBook


@dataclass(frozen=True)
class Store:
    engine: Engine
    sessions: sessionmaker[Session]


def open_store(url: str, *, migrate: bool = True, aliases: AliasBook | None = None) -> Store:
    """Connect (failing fast with a clear error when unreachable) and bring the schema to head.
    Its sessions carry the alias book (`aliases`, else FUNDWATCH_ALIASES_FILE's) for ingest."""
    book = load_aliases(os.environ) if aliases is None else aliases
    engine = make_engine(url)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    if migrate:
        upgrade(engine)
    return Store(engine, make_sessionmaker(engine, aliases=book))
