"""A real scheduler process, killed mid-run and restarted, while the webhook receiver is down and then
back: every alert arrives, each key at least once and at most once more per kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from fundwatch.store import Store
from tests.scheduler.receivers import WebhookReceiver, webhook_receiver

REPO = Path(__file__).resolve().parents[2]
ROUNDS = 8


def spawn(store_url: str, hook: str, tmp_path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "FUNDWATCH_DATABASE_URL": store_url,
        "FUNDWATCH_ALERT_CHANNELS": "webhook",
        "FUNDWATCH_WEBHOOK_URL": hook,
        "FUNDWATCH_WEBHOOK_FORMAT": "json",
        "FUNDWATCH_ALERT_BACKOFF": "1",
        "FUNDWATCH_ALERT_BACKOFF_MAX": "1",
        "FUNDWATCH_ALERT_TIMEOUT": "1",
        "FUNDWATCH_LOCK_LEASE": "1",
        "HARNESS_ROUNDS": str(ROUNDS),
    }
    log = (tmp_path / "scheduler.log").open("ab")
    return subprocess.Popen([sys.executable, "-m", "tests.scheduler.harness"], env=env, cwd=tmp_path,
                            stdout=log, stderr=subprocess.STDOUT)  # fmt: skip


def wait_for(cond: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def count(store: Store, table: type[m.Base], *where: object) -> int:
    with store.sessions() as session:
        return session.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


@pytest.mark.slow
def test_every_alert_arrives_once_across_a_kill_and_an_outage(
    store: Store, store_url: str, tmp_path: Path
) -> None:
    rx: WebhookReceiver
    with webhook_receiver() as rx:
        rx.down = True
        first = spawn(store_url, rx.url, tmp_path)
        try:
            wait_for(lambda: count(store, m.Round) >= 4 and rx.refused >= 2, "rounds and refused deliveries")
            rx.down = False
            wait_for(lambda: len(rx.deliveries) >= 1, "the first delivery after the outage")
            first.send_signal(signal.SIGKILL)
            first.wait(10)
            second = spawn(store_url, rx.url, tmp_path)
            wait_for(lambda: count(store, m.Round) == ROUNDS, "all rounds", timeout=150)
            wait_for(
                lambda: count(store, m.AlertOutbox, m.AlertOutbox.status == "sent") == ROUNDS, "all sent", 60
            )
            second.send_signal(signal.SIGTERM)
            assert second.wait(20) == 0
        finally:
            for p in ("first", "second"):
                proc = locals().get(p)
                if proc is not None and proc.poll() is None:
                    proc.kill()
    keys = rx.keys()
    assert len(keys) == ROUNDS, (tmp_path / "scheduler.log").read_text()[-3000:]
    assert sum(keys.values()) - len(keys) <= 1, f"more repeats than kills: {keys}"
    assert count(store, m.JobRun, m.JobRun.status == "running") == 0
