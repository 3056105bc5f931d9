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


def test_0004_merges_investors_whose_keys_now_fold(store_url: str) -> None:
    """SoftBank and SoftBank Group were two investors before investor keys folded tail words."""
    from alembic import command
    from sqlalchemy import text

    from db.engine import make_engine
    from db.migrate import _config

    engine = make_engine(store_url)
    cfg = _config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
        conn.execute(
            text(
                "INSERT INTO investors (id, key, name) VALUES "
                "(1, 'softbankgroup', 'SoftBank Group'), (2, 'softbank', 'SoftBank'), (3, 'sequoia', 'Sequoia')"
            )
        )
        conn.execute(
            text("INSERT INTO companies (id, key, name, created_at) VALUES (1, 'acme', 'Acme', '2026-01-01')")
        )
        for rid in (1, 2):
            conn.execute(
                text(
                    "INSERT INTO rounds (id, company_id, round_code, anchor_on, anchor_key, announced_on, status,"
                    " background, confidence, source_count, first_seen_at, updated_at) VALUES"
                    f" ({rid}, 1, 'series_{'ab'[rid - 1]}', '2026-01-01', '', '2026-01-01', 'announced', false, 1, 1,"
                    " '2026-01-01', '2026-01-01')"
                )
            )
        conn.execute(
            text(
                "INSERT INTO round_investors (round_id, investor_id, is_lead) VALUES "
                "(1, 1, false), (1, 2, true), (2, 1, false), (2, 3, true)"
            )
        )
    upgrade(engine)
    with engine.connect() as conn:
        investors = conn.execute(text("SELECT id, key FROM investors ORDER BY id")).all()
        links = conn.execute(
            text("SELECT round_id, investor_id, is_lead FROM round_investors ORDER BY 1, 2")
        ).all()
    engine.dispose()
    assert [tuple(r) for r in investors] == [(1, "softbank"), (3, "sequoia")]
    assert [tuple(r) for r in links] == [(1, 1, True), (2, 1, False), (2, 3, True)]
