"""A real `fundwatch schedule` process for crash tests: every second a fake crawl adds two big rounds
(up to HARNESS_ROUNDS); alerts go out through the configured channels every 0.2 s.

Run as `python -m tests.scheduler.harness` with FUNDWATCH_* in the environment.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select

from db import models as m
from fundwatch.settings import Settings
from fundwatch.store import open_store
from scheduler.jobs import Runtime
from scheduler.service import NIGHTLY, run_service
from tests.scheduler.rounds_fixture import add_round


def fake_crawl(rt: Runtime, run_key: str) -> dict[str, Any]:
    with rt.sessions() as session:
        have = session.execute(select(func.count()).select_from(m.Round)).scalar_one()
    wanted = int(os.environ["HARNESS_ROUNDS"])
    now = rt.clock()
    for i in range(have, min(have + 2, wanted)):
        add_round(rt.sessions, now, rt.settings.alert_policy, company=f"Company {i}", amount_m=200 + i,
                  url=f"https://news.example/{i}")  # fmt: skip
    time.sleep(0.3)  # long enough to be killed in the middle of a run now and then
    return {"rounds": min(have + 2, wanted) - have}


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    settings = Settings.from_env()
    store = open_store(settings.database_url)
    noop = {"ingest": lambda rt, k: {}, "refresh": lambda rt, k: {}}
    triggers = {
        NIGHTLY: IntervalTrigger(seconds=1),
        "dispatch-alerts": IntervalTrigger(seconds=0.2),
    }
    run_service(store, settings, wait_for_lock=True, poll_s=0.2, triggers=triggers,
                steps={"crawl": fake_crawl, **noop})  # fmt: skip


if __name__ == "__main__":
    main()
