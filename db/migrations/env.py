"""Alembic environment: runs on the connection handed over by db.migrate (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from db.models import Base

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    # APScheduler creates and owns its job table; autogenerate must not try to drop it.
    include_name=lambda name, type_, _parent: not (type_ == "table" and name == "apscheduler_jobs"),
)
with context.begin_transaction():
    context.run_migrations()
