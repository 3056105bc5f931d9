"""Job runs: one row per run of a scheduled job (status, duration, counts, error); and the job store's next run times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select, text, update
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import insert_ignore

APSCHEDULER_TABLE = "apscheduler_jobs"


@dataclass(frozen=True, slots=True)
class JobRunRow:
    job_id: str
    run_key: str
    started_at: datetime
    finished_at: datetime | None
    status: str
    counts: dict[str, Any]
    error: str | None

    @property
    def duration_s(self) -> float | None:
        return (self.finished_at - self.started_at).total_seconds() if self.finished_at else None


def start_run(session: Session, job_id: str, run_key: str, now: datetime) -> bool:
    """Record a run as started; False when this run key was already recorded (a replayed run)."""
    values = {"job_id": job_id, "run_key": run_key, "started_at": now, "status": "running", "counts": {}}
    return insert_ignore(session, m.JobRun.__table__, values, ["run_key"])


def finish_run(
    session: Session, run_key: str, now: datetime, status: str, counts: dict[str, Any], error: str | None
) -> None:
    session.execute(
        update(m.JobRun)
        .where(m.JobRun.run_key == run_key)
        .values(finished_at=now, status=status, counts=counts, error=error[:4000] if error else None)
    )


def mark_interrupted(session: Session, now: datetime) -> list[str]:
    """Runs left `running` by a scheduler that died; called by the one scheduler that holds the lock.
    Returns their job ids."""
    rows = session.execute(select(m.JobRun.job_id).where(m.JobRun.status == "running")).scalars().all()
    session.execute(
        update(m.JobRun)
        .where(m.JobRun.status == "running")
        .values(status="interrupted", finished_at=now, error="the scheduler stopped during this run")
    )
    return list(rows)


def recent_runs(session: Session, limit: int = 20, job_id: str | None = None) -> list[JobRunRow]:
    q = select(m.JobRun).order_by(m.JobRun.started_at.desc(), m.JobRun.id.desc()).limit(limit)
    if job_id:
        q = q.where(m.JobRun.job_id == job_id)
    return [
        JobRunRow(r.job_id, r.run_key, r.started_at, r.finished_at, r.status, dict(r.counts or {}), r.error)
        for r in session.execute(q).scalars()
    ]


def next_run_times(session: Session) -> dict[str, datetime | None]:
    """Each job in APScheduler's job store with its next run time (None: paused); {} before the
    scheduler first ran. Read without unpickling the jobs."""
    if not inspect(session.connection()).has_table(APSCHEDULER_TABLE):
        return {}
    rows = session.execute(text(f"SELECT id, next_run_time FROM {APSCHEDULER_TABLE} ORDER BY id"))
    return {
        r.id: None if r.next_run_time is None else datetime.fromtimestamp(r.next_run_time, UTC) for r in rows
    }
