"""`fundwatch schedule` runs the scheduler service; `fundwatch jobs` shows its jobs and recent runs."""

from __future__ import annotations

import json

import click

from db.dialect import lock_holder
from db.job_runs import JobRunRow, next_run_times, recent_runs
from fundwatch.settings import Settings
from fundwatch.store import open_store
from scheduler.service_lock import LOCK_NAME, LockHeldError


@click.command("schedule")
@click.option(
    "--wait", is_flag=True, help="If another scheduler holds the lock, wait for it instead of exiting."
)
def schedule(wait: bool) -> None:
    """Run the scheduler service: nightly crawl, ingest, aggregate refresh, alerts, source health.

    One scheduler runs per database; stop it with SIGTERM (it finishes the current step first).
    """
    from scheduler.service import run_service

    settings = Settings.from_env()
    store = open_store(settings.database_url)
    try:
        run_service(store, settings, wait_for_lock=wait)
    except LockHeldError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.engine.dispose()


def _run_json(r: JobRunRow) -> dict[str, object]:
    return {
        "job_id": r.job_id,
        "run_key": r.run_key,
        "started_at": r.started_at.isoformat(),
        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
        "duration_s": r.duration_s,
        "status": r.status,
        "counts": r.counts,
        "error": r.error,
    }


def _flat(counts: dict[str, object]) -> str:
    parts = []
    for step, value in counts.items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k}={v}" for k, v in value.items() if not isinstance(v, dict | list))
            parts.append(f"{step}({inner})")
        else:
            parts.append(f"{step}={value}")
    return " ".join(parts)


@click.command("jobs")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Recent runs to show.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def jobs_cmd(limit: int, as_json: bool) -> None:
    """List the scheduled jobs with their next run times, and the most recent runs."""
    settings = Settings.from_env()
    store = open_store(settings.database_url)
    with store.sessions() as session:
        upcoming = next_run_times(session)
        runs = recent_runs(session, limit)
    holder = lock_holder(store.engine, LOCK_NAME)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "scheduler": None
                    if holder is None
                    else {"holder": holder[0], "heartbeat_at": holder[1].isoformat()},
                    "jobs": {k: v.isoformat() if v else None for k, v in upcoming.items()},
                    "runs": [_run_json(r) for r in runs],
                },
                indent=2,
            )
        )
        return
    click.echo(f"scheduler: {'running as ' + holder[0] if holder else 'no lock row (not running?)'}")
    click.echo("jobs:" if upcoming else "jobs: none scheduled yet (start `fundwatch schedule`)")
    for job_id, when in upcoming.items():
        click.echo(f"  {job_id:<22} next {when:%Y-%m-%d %H:%M:%S} UTC" if when else f"  {job_id:<22} paused")
    click.echo("recent runs:" if runs else "recent runs: none")
    for r in runs:
        took = f"{r.duration_s:.1f}s" if r.duration_s is not None else "…"
        line = (
            f"  {r.started_at:%Y-%m-%d %H:%M:%S} {r.job_id:<22} {r.status:<11} {took:>8}  {_flat(r.counts)}"
        )
        click.echo(line + (f"  error: {r.error}" if r.error else ""))


def register(cli: click.Group) -> None:
    cli.add_command(schedule)
    cli.add_command(jobs_cmd)
