"""Two `fundwatch ingest` jobs at once over the same stored pages (batches of articles, a savepoint
each): no duplicate company or round, no lost or doubled mention, on PostgreSQL and SQLite alike."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from db import models as m
from db.engine import transaction
from db.repository import ensure_source, pending_article_ids, store_page
from fundwatch.store import Store
from ingest.types import RawPage
from ingest.version import EXTRACTOR_VERSION
from tests.shared_data import REPO_ROOT

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
# Made-up company names; each round is reported by two outlets, one adding a legal suffix.
WORDS = ["Quillmarsh", "Ashgrove", "Brindle", "Corvale", "Dunmore", "Elderwick", "Fernhollow", "Galewood", "Hartsmere", "Ivybridge", "Juniper", "Kestrel", "Larkspur", "Merrow", "Northfen", "Oakhurst", "Pellow", "Quarry", "Rookwood", "Sablecrest"]  # fmt: skip


def page(name: str) -> bytes:
    return (
        '<html><head><meta charset="utf-8"><title>Funding news</title>'
        '<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head><body><article>'
        f"<p>{name}, a robotics startup, has raised $10 million in a Series A round led by Example Capital.</p>"
        "<p>The company plans to hire engineers and open an office next year.</p></article></body></html>"
    ).encode()


def test_two_ingest_jobs_over_the_same_pages(store: Store, store_url: str) -> None:
    with transaction(store.sessions) as s:
        for outlet, suffix in (("outlet-a", ""), ("outlet-b", " Inc.")):
            source_id = ensure_source(s, outlet, NOW)
            for w in WORDS:
                url = f"https://{outlet}.example/{w.lower()}"
                store_page(s, RawPage(url, page(f"{w} Robotics{suffix}"), NOW, outlet, 200), source_id)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    start_at = time.time() + 2.0  # both jobs start at the same moment, over the same pending pages
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.db.concurrent_ingest", store_url, str(start_at)],
            env=env,
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=180) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert all(out.startswith(f"{2 * len(WORDS)} {{}}") for out, _ in outputs), outputs  # no errors
    with store.sessions() as s:
        companies = s.execute(select(func.count()).select_from(m.Company)).scalar_one()
        sources = s.execute(select(m.Round.source_count, func.count()).group_by(m.Round.source_count)).all()
        mentions = s.execute(select(func.count()).select_from(m.RoundMention)).scalar_one()
        pending = pending_article_ids(s, EXTRACTOR_VERSION)
    assert companies == len(WORDS)
    assert [tuple(r) for r in sources] == [(2, len(WORDS))]  # one round each, reported by both outlets
    assert mentions == 2 * len(WORDS)  # each article's mention once, though both jobs read every article
    assert pending == []
