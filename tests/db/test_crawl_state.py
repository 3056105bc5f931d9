"""Feed validators and crawl stats in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

from db.crawl_state import (
    CrawlCounts,
    Validators,
    crawl_stat,
    feed_validators,
    mark_run_failed,
    put_crawl_stat,
    put_feed_validators,
    recent_crawl_stats,
    run_crawl_stats,
)
from db.engine import transaction
from db.repository import ensure_source
from fundwatch.store import Store


def test_feed_validators_upsert(store: Store, now: datetime) -> None:
    with transaction(store.sessions) as s:
        put_feed_validators(s, "https://a/feed", Validators('"e1"', None), now)
        put_feed_validators(s, "https://a/feed", Validators('"e2"', "Tue, 24 Nov 2026 10:00:00 GMT"), now)
        put_feed_validators(s, "https://b/feed", Validators(None, None), now)
    with store.sessions() as s:
        got = feed_validators(s, ["https://a/feed", "https://b/feed", "https://c/feed"])
    assert got == {"https://a/feed": Validators('"e2"', "Tue, 24 Nov 2026 10:00:00 GMT")}


def test_crawl_stats_per_run_and_history(store: Store, now: datetime) -> None:
    with transaction(store.sessions) as s:
        sid = ensure_source(s, "demo", now)
        put_crawl_stat(
            s, "r1", sid, CrawlCounts(1, 5, 5, {"http_404": 1}, True), now - timedelta(days=1), now
        )
        put_crawl_stat(s, "r2", sid, CrawlCounts(1, 0, 0), now, None)
        put_crawl_stat(s, "r2", sid, CrawlCounts(2, 3, 3, {}, None), now, None)  # a flush overwrites
    with transaction(store.sessions) as s:
        assert crawl_stat(s, "r2", sid) == CrawlCounts(2, 3, 3, {}, None)
        assert [c.articles_new for c in recent_crawl_stats(s, sid, before=now)] == [5]
        assert mark_run_failed(s, "r2", "timeout", now) == 1
    with store.sessions() as s:
        (run,) = run_crawl_stats(s, "r2")
    assert run.source == "demo" and run.finished_at == now
    assert run.counts.errors == {"timeout": 1} and run.counts.healthy is False
