"""The scheduler service: APScheduler 3 with its job store in our database, one instance at a time."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from db.engine import transaction
from db.job_runs import mark_interrupted, next_run_times
from fundwatch.settings import ScheduleSettings, Settings
from fundwatch.store import Store
from scheduler import jobs
from scheduler.channels import build_channels
from scheduler.service_lock import Clock, HeldLock, take_lock, utc_now

log = logging.getLogger(__name__)
NIGHTLY = "nightly-crawl"


def default_triggers(s: ScheduleSettings) -> dict[str, BaseTrigger]:
    tz = s.timezone
    return {
        NIGHTLY: CronTrigger.from_crontab(s.crawl_cron, timezone=tz),
        "refresh-aggregates": CronTrigger.from_crontab(s.refresh_cron, timezone=tz),
        "dispatch-alerts": IntervalTrigger(seconds=s.dispatch_interval_s, timezone=tz),
        "source-health": CronTrigger.from_crontab(s.health_cron, timezone=tz),
    }


class SchedulerService:
    """Start: take the lock, close runs a dead scheduler left open, register the jobs, run them.
    Stop: no new runs; the running ones finish their current step and are recorded."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        triggers: Mapping[str, BaseTrigger] | None = None,
        steps: Mapping[str, jobs.Step] | None = None,
        clock: Clock = utc_now,
        blocking: bool = True,
    ) -> None:
        self.store, self.settings, self.clock, self.blocking = store, settings, clock, blocking
        self.triggers = dict(triggers or default_triggers(settings.schedule))
        self.runtime = jobs.Runtime(settings, store.sessions, clock, steps=dict(steps or {}))
        self.runtime.channels = build_channels(settings)  # a bad channel setting fails here, at start-up
        self.scheduler: BaseScheduler | None = None
        self.lock: HeldLock | None = None
        self._stopper: threading.Thread | None = None

    def _build(self) -> BaseScheduler:
        s = self.settings.schedule
        cls = BlockingScheduler if self.blocking else BackgroundScheduler
        return cls(
            jobstores={"default": SQLAlchemyJobStore(engine=self.store.engine)},
            executors={"default": ThreadPoolExecutor(max_workers=3)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": s.misfire_grace_s},
            timezone=s.timezone,
        )

    def _add_jobs(self, sched: BaseScheduler, resume: bool) -> None:
        now = self.clock()
        with self.store.sessions() as session:
            stored = next_run_times(session)
        for job_id, trigger in self.triggers.items():
            extra: dict[str, Any] = {}
            missed = stored.get(job_id)
            if missed is not None and missed <= now:
                # replace_existing would recompute the next run from now and lose a run missed while
                # the service was down; keep it so that (coalesced, within the grace time) it runs once.
                extra["next_run_time"] = missed
            grace = self.settings.schedule.crawl_misfire_grace_s if job_id == NIGHTLY else None
            sched.add_job(
                "scheduler.jobs:run_job",
                trigger,
                args=[job_id],
                id=job_id,
                name=job_id,
                replace_existing=True,
                **({"misfire_grace_time": grace} if grace else {}),
                **extra,
            )
        if resume:
            log.warning("the last nightly crawl was interrupted; running it again now")
            sched.add_job(
                "scheduler.jobs:run_job",
                DateTrigger(now),
                args=[NIGHTLY],
                id=f"{NIGHTLY}-resume",
                replace_existing=True,
            )

    def start(self, *, wait_for_lock: bool = False, poll_s: float = 5.0) -> None:
        """Run the service (returns at once when not blocking; blocks until stopped otherwise)."""
        lease = timedelta(seconds=self.settings.schedule.lock_lease_s)
        self.lock = take_lock(
            self.store.engine,
            lease,
            self.request_stop,
            wait=wait_for_lock,
            poll_s=poll_s,
            clock=self.clock,
            should_stop=self.runtime.stop.is_set,
        )
        with transaction(self.store.sessions) as session:
            interrupted = mark_interrupted(session, self.clock())
        jobs.install(self.runtime)
        self.scheduler = self._build()
        self._add_jobs(self.scheduler, resume=NIGHTLY in interrupted)
        log.info("scheduler started; jobs: %s", ", ".join(self.triggers))
        try:
            self.scheduler.start()
        finally:
            if self.blocking:
                self._finish()

    def request_stop(self) -> None:
        """Ask for a clean stop (signal handlers, a lost lock): safe from any thread, returns at once."""
        self.runtime.stop.set()
        if self.scheduler is not None and self._stopper is None:
            self._stopper = threading.Thread(target=self._shutdown, name="fundwatch-stop")
            self._stopper.start()

    def _shutdown(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=True)

    def stop(self) -> None:
        """Stop and wait (for a non-blocking service started in-process)."""
        self.request_stop()
        self._finish()

    def _finish(self) -> None:
        if self._stopper is not None:
            self._stopper.join()
        jobs.install(None)
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def run_service(
    store: Store,
    settings: Settings,
    *,
    wait_for_lock: bool = False,
    poll_s: float = 5.0,
    triggers: Mapping[str, BaseTrigger] | None = None,
    steps: Mapping[str, jobs.Step] | None = None,
) -> None:
    """`fundwatch schedule`: run until SIGTERM/SIGINT, then stop after the current step."""
    service = SchedulerService(store, settings, triggers=triggers, steps=steps)

    def on_signal(signum: int, _frame: object) -> None:
        log.warning("received %s; stopping after the current step", signal.Signals(signum).name)
        service.request_stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    service.start(wait_for_lock=wait_for_lock, poll_s=poll_s)
