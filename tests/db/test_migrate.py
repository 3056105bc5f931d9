"""The schema: migrations reach the models exactly, and upgrading twice changes nothing."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from db.migrate import current_revision, head_revision, upgrade
from db.models import Base
from fundwatch.store import Store


def test_upgrade_is_idempotent(store: Store) -> None:
    assert current_revision(store.engine) == head_revision()
    assert upgrade(store.engine) is False


def test_migrations_match_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ; add a migration: {diff}"
