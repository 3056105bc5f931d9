"""Source health from crawl stats: never crawled, stale, unhealthy, empty, fine."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from db import models as m
from db.engine import transaction
from db.health import source_health
from db.repository import ensure_source
from fundwatch.store import Store


def crawl(store: Store, source: str, when: datetime, *, pages: int = 5, healthy: bool | None = True) -> None:
    with transaction(store.sessions) as session:
        sid = ensure_source(session, source, when)
        session.add(m.CrawlStat(run_key=f"run-{when.isoformat()}", source_id=sid, started_at=when, finished_at=when,
                                feeds_fetched=1 if pages else 0, pages_stored=pages, errors={"http_500": 2} if
                                healthy is False else {}, healthy=healthy))  # fmt: skip


@pytest.mark.parametrize(
    ("history", "problem"),
    [
        pytest.param([], "never crawled", id="never"),
        pytest.param([(3, 5, True)], "no crawl since", id="stale"),
        pytest.param([(0, 5, False)], "last crawl unhealthy: http_500", id="unhealthy"),
        pytest.param([(0, 0, None), (1, 0, None), (2, 0, None)], "nothing fetched in the last 3 crawls", id="empty"),
        pytest.param([(0, 0, None), (1, 4, True)], None, id="one-empty-night-is-fine"),
    ],
)  # fmt: skip
def test_source_health(store: Store, now: datetime, history: list, problem: str | None) -> None:
    with transaction(store.sessions) as session:
        ensure_source(session, "news", now)
    for days_ago, pages, healthy in history:
        crawl(store, "news", now - timedelta(days=days_ago), pages=pages, healthy=healthy)
    with store.sessions() as session:
        [h] = source_health(session, now)
    assert (h.problem or None) == problem or (problem and h.problem and h.problem.startswith(problem))
