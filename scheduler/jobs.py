"""What each scheduled job does, step by step, recorded in job_runs; the integration point with crawl,
ingest and aggregates (imported lazily: the scheduler starts even when a stage is broken)."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from db.engine import transaction
from db.job_runs import finish_run, start_run
from fundwatch.settings import Settings
from scheduler.channels import Channel

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Step = Callable[["Runtime", str], dict[str, Any]]

# The pipeline of each job id, in order. The nightly crawl feeds ingest, aggregates and alerts.
PIPELINES: dict[str, tuple[str, ...]] = {
    "nightly-crawl": ("crawl", "ingest", "refresh", "alerts"),
    "refresh-aggregates": ("refresh",),
    "dispatch-alerts": ("alerts",),
    "source-health": ("health",),
}


@dataclass
class Runtime:
    """What the jobs need, installed once by the scheduler service (APScheduler stores only job ids)."""

    settings: Settings
    sessions: sessionmaker[Session]
    clock: Clock
    stop: threading.Event = field(default_factory=threading.Event)
    steps: Mapping[str, Step] = field(default_factory=dict)
    channels: Mapping[str, Channel] | None = None
    busy: dict[str, threading.Lock] = field(default_factory=dict)

    def step(self, name: str) -> Step:
        return self.steps.get(name) or DEFAULT_STEPS[name]


_runtime: Runtime | None = None


def install(runtime: Runtime | None) -> None:
    global _runtime
    _runtime = runtime


def crawl_step(rt: Runtime, run_key: str) -> dict[str, Any]:
    from crawler.process import run_crawl

    result = run_crawl(rt.settings, run_key=run_key, timeout_s=rt.settings.crawl_timeout_s)
    counts: dict[str, Any] = {
        "timed_out": result.timed_out,
        "exit_code": result.exit_code,
        "pages_stored": result.pages_stored,
        "articles_new": result.articles_new,
    }
    if result.timed_out:
        raise TimeoutError(f"the crawl was killed after {rt.settings.crawl_timeout_s}s")
    return counts


def ingest_step(rt: Runtime, run_key: str) -> dict[str, Any]:
    from crawler.sources import body_selectors
    from db.crawl_state import add_rounds_found
    from scheduler.ingest_job import ingest_pending

    selectors = body_selectors(rt.settings.sources_file)
    report = ingest_pending(rt.sessions, rt.clock(), rt.settings.alert_policy, selectors=selectors)
    with transaction(rt.sessions) as session:
        add_rounds_found(session, run_key, report.rounds_by_source)
    return {
        "articles": report.articles,
        "rounds_new": report.rounds_new,
        "rounds_updated": report.rounds_updated,
        "errors": sum(report.errors.values()),
    }


def refresh_step(rt: Runtime, run_key: str) -> dict[str, Any]:
    from db.aggregates import refresh

    with transaction(rt.sessions) as session:
        report = refresh(session, rt.clock(), full=False)
    return {"rounds_changed": report.rounds_changed, "full": report.full}


def alerts_step(rt: Runtime, run_key: str) -> dict[str, Any]:
    from scheduler.alerts import dispatch_pending

    return dispatch_pending(rt.sessions, rt.clock(), rt.settings, rt.channels).counts()


def health_step(rt: Runtime, run_key: str) -> dict[str, Any]:
    from db.health import source_health

    with rt.sessions() as session:
        report = source_health(session, rt.clock())
    sick = [h for h in report if not h.healthy]
    for h in sick:
        log.warning("source %s is unhealthy: %s", h.source, h.problem)
    return {"sources": len(report), "unhealthy": len(sick), "problems": {h.source: h.problem for h in sick}}


DEFAULT_STEPS: dict[str, Step] = {
    "crawl": crawl_step,
    "ingest": ingest_step,
    "refresh": refresh_step,
    "alerts": alerts_step,
    "health": health_step,
}


def _record(rt: Runtime, job_id: str, run_key: str) -> tuple[str, dict[str, Any], str | None]:
    counts: dict[str, Any] = {}
    errors: list[str] = []
    for i, name in enumerate(PIPELINES[job_id]):
        if i and rt.stop.is_set():
            return "stopped", counts, f"stopped before {name}"
        try:
            counts[name] = rt.step(name)(rt, run_key)
        except Exception as exc:  # one broken step is recorded; the later steps still run
            log.exception("job %s: step %s failed", job_id, name)
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
    return ("failed" if errors else "ok"), counts, "; ".join(errors) or None


def run_job(job_id: str) -> str:
    """The one function APScheduler calls (by reference, with the job id): run and record a pipeline."""
    rt = _runtime
    if rt is None:
        raise RuntimeError("scheduler.jobs.run_job called outside the scheduler service")
    lock = rt.busy.setdefault(job_id, threading.Lock())
    if not lock.acquire(blocking=False):
        log.warning("job %s is still running; this run is skipped", job_id)
        return "skipped"
    try:
        started = rt.clock()
        run_key = f"{job_id}:{started:%Y%m%dT%H%M%SZ}:{uuid.uuid4().hex[:8]}"
        with transaction(rt.sessions) as session:
            start_run(session, job_id, run_key, started)
        status, counts, error = _record(rt, job_id, run_key)
        with transaction(rt.sessions) as session:
            finish_run(session, run_key, rt.clock(), status, counts, error)
        log.info("job %s %s: %s", job_id, status, counts)
        return status
    finally:
        lock.release()
