"""`fundwatch refresh`: bring the aggregate tables up to date (incrementally, or `--full`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click

from db.aggregates import refresh
from db.engine import transaction
from fundwatch.settings import Settings
from fundwatch.store import open_store


@click.command("refresh")
@click.option("--full", is_flag=True, help="Rebuild every aggregate instead of only what changed.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def refresh_cmd(full: bool, as_json: bool) -> None:
    """Update the aggregates (by month, investor, company) from the stored news rounds.

    By default only rounds changed since the last refresh are looked at; the result is the same
    as `--full`, which rebuilds everything.
    """
    store = open_store(Settings.from_env().database_url)
    with transaction(store.sessions) as session:
        report = refresh(session, datetime.now(UTC), full=full)
    if as_json:
        fields = {f: getattr(report, f) for f in report.__slots__}  # type: ignore[attr-defined]
        fields["watermark"] = report.watermark.isoformat() if report.watermark else None
        click.echo(json.dumps(fields))
        return
    kind = "full" if report.full else "incremental"
    click.echo(
        f"{kind} refresh: {report.rounds_changed} rounds; recomputed {report.months} months, "
        f"{report.companies} companies, {report.investors} investors"
    )


def register(cli: click.Group) -> None:
    cli.add_command(refresh_cmd)
