"""`fundwatch crawl`: fetch new articles from the configured sources and print per-source stats."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import click

from crawler.process import CrawlResult, run_crawl
from crawler.sources import body_selectors
from db.crawl_state import add_rounds_found
from db.engine import transaction
from fundwatch.cli.cmd_ingest import report_lines
from fundwatch.settings import Settings
from fundwatch.store import open_store
from scheduler.ingest_job import ingest_pending


def format_result(result: CrawlResult) -> list[str]:
    """One line per source: listings fetched, new articles, pages stored, errors by kind, health."""
    lines = [f"{'source':<20} {'feeds':>5} {'new':>5} {'stored':>6} {'rounds':>6}  health     errors"]
    for s in result.sources:
        health = {True: "ok", False: "UNHEALTHY", None: "?"}[s.healthy]
        errors = ", ".join(f"{k}={v}" for k, v in sorted(s.errors.items())) or "-"
        lines.append(
            f"{s.source:<20} {s.feeds_fetched:>5} {s.articles_new:>5} {s.pages_stored:>6} {s.rounds_found:>6}"
            f"  {health:<10} {errors}"
        )
    state = "timed out" if result.timed_out else ("ok" if result.ok else f"exit status {result.exit_code}")
    lines.append(
        f"run {result.run_key}: {result.articles_new} new articles, {result.pages_stored} pages stored; {state}"
    )
    return lines


def _ingest_after(settings: Settings, result: CrawlResult) -> CrawlResult:
    """Extract what the crawl's writer left (a page stored as the crawl was stopped, or --no-ingest
    earlier) and credit the rounds found to this run's per-source stats."""
    store = open_store(settings.database_url)
    selectors = body_selectors(settings.sources_file)
    report = ingest_pending(store.sessions, datetime.now(UTC), settings.alert_policy, selectors=selectors)
    with transaction(store.sessions) as session:
        add_rounds_found(session, result.run_key, report.rounds_by_source)
    for line in report_lines(report):
        click.echo(line)
    found = report.rounds_by_source
    return replace(
        result,
        sources=tuple(
            replace(s, rounds_found=s.rounds_found + found.get(s.source, 0)) for s in result.sources
        ),
    )


@click.command("crawl")
@click.option(
    "--source", "sources", multiple=True, metavar="NAME", help="Crawl only this source (repeatable)."
)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Skip articles listed as older than DATE.")
@click.option("--max-pages", type=click.IntRange(min=1), help="At most N article pages per source.")
@click.option("--refetch", is_flag=True, help="Fetch articles already stored, and feeds unconditionally.")
@click.option("--timeout", "timeout_s", type=click.IntRange(min=1), help="Stop the crawl after N seconds.")
@click.option("--no-ingest", is_flag=True, help="Only store pages; leave extraction to `fundwatch ingest`.")
def crawl(
    sources: tuple[str, ...],
    since: datetime | None,
    max_pages: int | None,
    refetch: bool,
    timeout_s: int | None,
    no_ingest: bool,
) -> None:
    """Fetch new articles from the sources file (FUNDWATCH_SOURCES_FILE), store their pages, and
    extract their rounds (unless --no-ingest); per-source statistics are stored and printed."""
    settings = Settings.from_env()
    run_key = f"cli-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"
    since_day: date | None = since.date() if since else None
    result = run_crawl(
        settings,
        sources=sources or None,
        since=since_day,
        max_pages=max_pages,
        refetch=refetch,
        run_key=run_key,
        timeout_s=timeout_s,
        extract=not no_ingest,
    )
    if not no_ingest:
        result = _ingest_after(settings, result)
    for line in format_result(result):
        click.echo(line)
    if result.exit_code == 2:
        raise click.exceptions.Exit(2)


def register(cli: click.Group) -> None:
    cli.add_command(crawl)
