"""`fundwatch alerts`: send the due alerts of the outbox now, or list the outbox."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime

import click

from db.outbox import OutboxRow, list_outbox
from fundwatch.settings import Settings
from fundwatch.store import open_store
from scheduler.alerts import DispatchReport, dispatch_pending
from scheduler.channels import build_channels
from scheduler.channels.console import ConsoleChannel


def _row_json(r: OutboxRow) -> dict[str, object]:
    return {
        "id": r.id,
        "round_id": r.round_id,
        "channel": r.channel,
        "idempotency_key": r.idempotency_key,
        "status": r.status,
        "attempts": r.attempts,
        "last_error": r.last_error,
        "created_at": r.created_at.isoformat(),
        "next_attempt_at": r.next_attempt_at.isoformat(),
        "sent_at": r.sent_at.isoformat() if r.sent_at else None,
    }


def _print_outbox(rows: list[OutboxRow]) -> None:
    if not rows:
        click.echo("the outbox is empty")
        return
    click.echo(f"{'key':<36} {'status':<8} {'tries':>5}  {'created':<16}  next / sent")
    for r in rows:
        when = r.sent_at if r.sent_at else r.next_attempt_at
        error = f"  ({r.last_error})" if r.last_error and r.status != "sent" else ""
        click.echo(
            f"{r.idempotency_key:<36} {r.status:<8} {r.attempts:>5}  {r.created_at:%Y-%m-%d %H:%M}  "
            f"{when:%Y-%m-%d %H:%M}{error}"
        )


def _print_report(report: DispatchReport) -> None:
    for s in report.sent:
        click.echo(f"sent  {s.channel:<8} {s.message.idempotency_key}: {s.message.title}")
    for f in report.failed:
        click.echo(
            f"FAIL  {f.channel:<8} {f.idempotency_key}: {f.error} (try {f.attempts}, next {f.retry_at:%H:%M})"
        )
    for reason, n in sorted(report.skipped.items()):
        click.echo(f"skipped {n}: {reason}")
    click.echo(f"{len(report.sent)} sent, {len(report.failed)} failed")


@click.command("alerts")
@click.option("--list", "list_only", is_flag=True, help="Show the outbox instead of sending.")
@click.option("--unsent", is_flag=True, help="With --list: only alerts not yet sent.")
@click.option("--limit", type=click.IntRange(1), default=100, show_default=True, help="Rows to list.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per outbox row or sent alert).")
def alerts(list_only: bool, unsent: bool, limit: int, as_json: bool) -> None:
    """Send the alerts that are due (to FUNDWATCH_ALERT_CHANNELS) and print what was sent."""
    settings = Settings.from_env()
    store = open_store(settings.database_url)
    if list_only:
        with store.sessions() as session:
            rows = list_outbox(session, unsent_only=unsent, limit=limit)
        if as_json:
            click.echo(json.dumps([_row_json(r) for r in rows], indent=2))
        else:
            _print_outbox(rows)
        return
    channels = build_channels(settings)
    if as_json and "console" in channels:  # keep stdout pure JSON
        channels["console"] = ConsoleChannel(sys.stderr)
    report = dispatch_pending(store.sessions, datetime.now(UTC), settings, channels)
    if as_json:
        click.echo(
            json.dumps(report.counts() | {"sent_keys": [s.message.idempotency_key for s in report.sent]})
        )
    else:
        _print_report(report)
    if report.failed:
        raise SystemExit(1)


def register(cli: click.Group) -> None:
    cli.add_command(alerts)
