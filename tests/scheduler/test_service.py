"""The scheduler service in-process with short intervals: lock, recorded runs, clean stop, missed runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import select

from db import models as m
from db.dialect import acquire_service_lock
from db.engine import transaction
from db.job_runs import JobRunRow, recent_runs, start_run
from fundwatch.settings import Settings
from fundwatch.store import Store
from scheduler.jobs import Runtime
from scheduler.service import NIGHTLY, SchedulerService
from scheduler.service_lock import LockHeldError

LEASE = timedelta(seconds=30)


def settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"FUNDWATCH_ALERTS_JSONL": str(tmp_path / "alerts.jsonl"), **env})


def runs(store: Store, job_id: str = NIGHTLY) -> list[JobRunRow]:
    with store.sessions() as session:
        return recent_runs(session, 100, job_id)


def wait_for(cond: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.05)


def counting_steps(calls: list[str]) -> dict[str, Callable[[Runtime, str], dict[str, Any]]]:
    def step(name: str) -> Callable[[Runtime, str], dict[str, Any]]:
        def run(rt: Runtime, run_key: str) -> dict[str, Any]:
            calls.append(name)
            return {"ran": 1}

        return run

    return {n: step(n) for n in ("crawl", "ingest", "refresh", "alerts", "health")}


@pytest.fixture
def services() -> Iterator[list[SchedulerService]]:
    started: list[SchedulerService] = []
    yield started
    for s in started:
        if s.lock is not None:
            s.stop()


def start(services: list[SchedulerService], store: Store, cfg: Settings, **kw: Any) -> SchedulerService:
    svc = SchedulerService(store, cfg, blocking=False, **kw)
    services.append(svc)
    svc.start()
    return svc


def test_runs_are_recorded_with_status_duration_and_counts(
    store: Store, tmp_path: Path, services: list
) -> None:
    calls: list[str] = []
    triggers = {NIGHTLY: IntervalTrigger(seconds=0.3)}
    svc = start(services, store, settings(tmp_path), triggers=triggers, steps=counting_steps(calls))
    wait_for(lambda: any(r.status == "ok" for r in runs(store)))
    svc.stop()
    done = [r for r in runs(store) if r.status == "ok"]
    assert calls[:4] == ["crawl", "ingest", "refresh", "alerts"]
    assert done[0].counts == {
        "crawl": {"ran": 1},
        "ingest": {"ran": 1},
        "refresh": {"ran": 1},
        "alerts": {"ran": 1},
    }
    assert done[0].duration_s is not None and done[0].duration_s >= 0
    assert len({r.run_key for r in runs(store)}) == len(runs(store))


def test_a_second_scheduler_exits_with_a_clear_message(store: Store, tmp_path: Path, services: list) -> None:
    start(services, store, settings(tmp_path), triggers={}, steps={})
    second = SchedulerService(store, settings(tmp_path), blocking=False, triggers={}, steps={})
    with pytest.raises(LockHeldError, match="another fundwatch scheduler is running"):
        second.start()


def test_the_second_scheduler_can_wait_for_the_first(store: Store, tmp_path: Path, services: list) -> None:
    first = start(services, store, settings(tmp_path), triggers={}, steps={})
    second = SchedulerService(store, settings(tmp_path), blocking=False, triggers={}, steps={})
    services.append(second)
    waiter = threading.Thread(target=lambda: second.start(wait_for_lock=True, poll_s=0.1))
    waiter.start()
    time.sleep(0.3)
    assert second.lock is None
    first.stop()
    waiter.join(timeout=10)
    assert second.lock is not None


def test_an_expired_sqlite_lease_is_taken_over(tmp_path: Path, now: datetime) -> None:
    from fundwatch.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'lease.db'}")
    assert acquire_service_lock(store.engine, "scheduler", "a", now, LEASE) is not None
    assert acquire_service_lock(store.engine, "scheduler", "b", now + LEASE / 2, LEASE) is None
    lease_b = acquire_service_lock(store.engine, "scheduler", "b", now + LEASE * 2, LEASE)
    assert lease_b is not None
    with store.sessions() as session:
        assert session.execute(select(m.ServiceLock.holder)).scalar_one() == "b"
    store.engine.dispose()


def test_stop_lets_the_current_step_finish_and_skips_the_rest(
    store: Store, tmp_path: Path, services: list
) -> None:
    entered, release = threading.Event(), threading.Event()
    calls: list[str] = []
    steps = counting_steps(calls)

    def slow_crawl(rt: Runtime, run_key: str) -> dict[str, Any]:
        entered.set()
        release.wait(30)
        return {"pages": 3}

    steps["crawl"] = slow_crawl
    # A start date already past when the service comes up would move the first run an hour on
    # (IntervalTrigger), so leave a margin that holds on a loaded machine.
    trig = {NIGHTLY: IntervalTrigger(hours=1, start_date=datetime.now(UTC) + timedelta(seconds=2))}
    svc = start(services, store, settings(tmp_path), triggers=trig, steps=steps)
    assert entered.wait(30)
    stopper = threading.Thread(target=svc.stop)
    stopper.start()
    time.sleep(0.2)
    release.set()
    stopper.join(10)
    [run] = runs(store)
    assert (run.status, run.counts, calls) == ("stopped", {"crawl": {"pages": 3}}, [])
    assert run.error == "stopped before ingest"


def test_a_nightly_run_missed_while_stopped_runs_once_on_restart(
    store: Store, tmp_path: Path, services: list
) -> None:
    calls: list[str] = []
    # Margins wide enough for a loaded machine: the first service must be down before the run is due.
    fire_at = datetime.now(UTC) + timedelta(seconds=3)
    trig = {NIGHTLY: IntervalTrigger(minutes=30, start_date=fire_at)}
    first = start(services, store, settings(tmp_path), triggers=trig, steps=counting_steps(calls))
    first.stop()
    assert datetime.now(UTC) < fire_at and runs(store) == [], "the first service ran the job before stopping"
    time.sleep(max(0.0, (fire_at - datetime.now(UTC)).total_seconds()) + 0.5)
    start(services, store, settings(tmp_path), triggers=trig, steps=counting_steps(calls))
    wait_for(lambda: len(runs(store)) == 1 and runs(store)[0].status == "ok", timeout=30)
    time.sleep(0.5)
    assert len(runs(store)) == 1 and calls.count("crawl") == 1


def test_a_run_missed_beyond_the_grace_time_is_skipped(store: Store, tmp_path: Path, services: list) -> None:
    calls: list[str] = []
    cfg = settings(tmp_path, FUNDWATCH_CRAWL_MISFIRE_GRACE="1")
    fire_at = datetime.now(UTC) + timedelta(seconds=2)
    trig = {NIGHTLY: IntervalTrigger(minutes=30, start_date=fire_at)}
    start(services, store, cfg, triggers=trig, steps=counting_steps(calls)).stop()
    assert datetime.now(UTC) < fire_at, "the first service must be down before the run is due"
    time.sleep((fire_at - datetime.now(UTC)).total_seconds() + 1.5)  # past due by more than the 1 s grace
    start(services, store, cfg, triggers=trig, steps=counting_steps(calls))
    time.sleep(0.7)
    assert runs(store) == [] and calls == []


def test_an_interrupted_nightly_run_is_closed_and_run_again(
    store: Store, tmp_path: Path, services: list, now: datetime
) -> None:
    with transaction(store.sessions) as session:
        start_run(session, NIGHTLY, "nightly-crawl:dead", now)
    calls: list[str] = []
    trig = {NIGHTLY: IntervalTrigger(hours=24, start_date=datetime.now(UTC) + timedelta(hours=1))}
    start(services, store, settings(tmp_path), triggers=trig, steps=counting_steps(calls))
    wait_for(lambda: any(r.status == "ok" for r in runs(store)))
    statuses = {r.run_key: r.status for r in runs(store)}
    assert statuses.pop("nightly-crawl:dead") == "interrupted"
    assert list(statuses.values()) == ["ok"] and calls.count("crawl") == 1


def test_a_held_lock_renews_and_blocks_others_until_released(store: Store, now: datetime) -> None:
    lease = acquire_service_lock(store.engine, "scheduler", "a", now, LEASE)
    assert lease is not None and lease.renew(now + LEASE / 2, LEASE)
    assert acquire_service_lock(store.engine, "scheduler", "b", now + LEASE / 2, LEASE) is None
    lease.release()
    other = acquire_service_lock(store.engine, "scheduler", "b", now + LEASE / 2, LEASE)
    assert other is not None
    other.release()
