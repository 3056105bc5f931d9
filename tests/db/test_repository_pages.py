"""Stored pages: one row per canonical URL, compressed HTML kept for replay, refetches detected."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from db import models as m
from db.engine import transaction
from db.repository import ensure_source, known_urls, load_html, pending_article_ids, store_page
from fundwatch.store import Store
from ingest.types import RawPage


def page(url: str, html: bytes, now: datetime) -> RawPage:
    return RawPage(url=url, html=html, fetched_at=now, source="t", published_hint=now - timedelta(hours=1))


def test_store_page_is_idempotent_and_detects_changes(store: Store, now: datetime) -> None:
    with transaction(store.sessions) as s:
        sid = ensure_source(s, "t", now)
        assert ensure_source(s, "t", now) == sid
        first = store_page(s, page("https://x.test/a", b"<p>one</p>", now), sid)
        again = store_page(s, page("https://x.test/a", b"<p>one</p>", now), sid)
        changed = store_page(s, page("https://x.test/a", b"<p>two</p>", now), sid)
    assert (first.created, again.created, again.changed, changed.changed) == (True, False, False, True)
    assert first.article_id == again.article_id == changed.article_id
    with store.sessions() as s:
        assert s.execute(select(func.count()).select_from(m.Article)).scalar_one() == 1
        assert load_html(s, first.article_id) == b"<p>two</p>"
        assert known_urls(s, ["https://x.test/a", "https://x.test/b"]) == {"https://x.test/a"}
        assert pending_article_ids(s, 1) == [first.article_id]
        stored = s.get(m.Article, first.article_id)
        assert stored is not None and stored.fetched_at.tzinfo == UTC
