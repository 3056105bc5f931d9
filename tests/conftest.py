"""Store fixtures: every db test runs on SQLite and, when FUNDWATCH_TEST_POSTGRES_URL is set, on PostgreSQL.

Each PostgreSQL test gets a schema of its own (dropped afterwards), so parallel test runs and
other users of the `test` database never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text

from fundwatch.store import Store, open_store

# Property tests check outputs, not speed: on a loaded machine (CI beside other jobs) Hypothesis's own
# timing checks would fail them for being slow, which says nothing about the code.
settings.register_profile(
    "fundwatch", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("fundwatch")

PG_URL = os.environ.get("FUNDWATCH_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh, private schema."""
    if not PG_URL:
        pytest.skip("FUNDWATCH_TEST_POSTGRES_URL is not set")
    schema = f"fwtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    try:
        yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fundwatch.db'}"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    try:
        yield s
    finally:
        s.engine.dispose()
