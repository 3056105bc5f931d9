"""`fundwatch db upgrade`: create or migrate the store's schema (idempotent)."""

from __future__ import annotations

import click

from db.engine import make_engine
from db.migrate import current_revision, head_revision, upgrade
from fundwatch.settings import Settings


@click.group("db")
def db_group() -> None:
    """Manage the store's schema."""


@db_group.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the schema to the newest revision (safe to run any time)."""
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    applied = upgrade(engine)
    state = "upgraded to" if applied else "already at"
    click.echo(
        f"{engine.url.render_as_string(hide_password=True)}: {state} revision {current_revision(engine)}"
    )


@db_group.command("status")
def db_status() -> None:
    """Show the schema revision of the store and the newest one this fundwatch knows."""
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    click.echo(f"current: {current_revision(engine) or 'empty'}; head: {head_revision()}")


def register(cli: click.Group) -> None:
    cli.add_command(db_group)
