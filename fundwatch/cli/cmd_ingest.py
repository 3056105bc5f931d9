"""`fundwatch ingest`: extract rounds from stored pages (new ones, or all of them again with --all)."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from sqlalchemy import update

from crawler.sources import body_selectors
from db import models as m
from db.engine import transaction
from fundwatch.settings import Settings
from fundwatch.store import open_store
from scheduler.ingest_job import IngestReport, ingest_pending


def report_lines(report: IngestReport) -> list[str]:
    lines = [
        f"articles extracted: {report.articles}",
        f"rounds: {report.rounds_new} new, {report.rounds_updated} updated, "
        f"{report.outcomes['unchanged']} unchanged",
    ]
    if report.errors:
        lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(report.errors.items())))
    return lines


@click.command("ingest")
@click.option("--all", "replay_all", is_flag=True, help="Re-extract every stored page, not only new ones.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many pages.")
def ingest_cmd(replay_all: bool, limit: int | None) -> None:
    """Extract funding rounds from stored pages without crawling again.

    Pages stored by a crawl, and pages extracted by an older extractor version, are processed;
    pages are recorded 32 to a transaction, each in a savepoint of its own (a page that fails is
    rolled back alone), so an interrupted run loses at most one batch and can simply be rerun.
    """
    settings = Settings.from_env()
    store = open_store(settings.database_url)
    if replay_all:
        with transaction(store.sessions) as session:
            session.execute(update(m.Article).values(extractor_version=None))
    selectors = body_selectors(settings.sources_file)
    report = ingest_pending(
        store.sessions, datetime.now(UTC), settings.alert_policy, limit=limit, selectors=selectors
    )
    for line in report_lines(report):
        click.echo(line)


def register(cli: click.Group) -> None:
    cli.add_command(ingest_cmd)
