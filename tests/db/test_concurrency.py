"""Two ingest processes at once: no duplicate rounds, no lost mentions (PostgreSQL and SQLite)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace

from sqlalchemy import func, select

from db import models as m
from db.engine import transaction
from db.rounds import record_round
from fundwatch.store import Store
from ingest.types import RoundCode
from tests.db.concurrent_writer import COMPANIES, names
from tests.db.factories import T0, article, round_of
from tests.shared_data import REPO_ROOT


def test_two_processes_record_the_same_rounds(store: Store, store_url: str) -> None:
    # the companies exist already, so that nothing but the identity lock orders the two writers
    with transaction(store.sessions) as s:
        aid = article(s, "https://earlier.example/seeds", "earlier")
        for name, aliases in names(0):
            record_round(
                s,
                aid,
                replace(round_of(name, RoundCode.SEED, 1_000_000), company_aliases=aliases),
                T0.date(),
                T0,
                None,
            )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    start_at = time.time() + 2.0  # both start writing at the same moment
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.db.concurrent_writer", store_url, str(w), str(start_at)],
            env=env,
            cwd=REPO_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in (0, 1)
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    with store.sessions() as s:
        rounds = s.execute(select(m.Round.source_count, func.count()).group_by(m.Round.source_count)).all()
        mentions = s.execute(select(func.count()).select_from(m.RoundMention)).scalar_one()
        companies = s.execute(select(func.count()).select_from(m.Company)).scalar_one()
    assert (companies, mentions) == (COMPANIES, 3 * COMPANIES)
    assert sorted(tuple(r) for r in rounds) == [(1, COMPANIES), (2, COMPANIES)]
