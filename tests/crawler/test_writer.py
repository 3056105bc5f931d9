"""The crawl's writer: a batch of pages stored in one transaction, then extracted; one bad page is isolated."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from crawler.options import shared_store
from crawler.writer import Batch, write_batch
from db import models as m
from db.engine import transaction
from db.repository import ensure_source
from fundwatch.store import Store
from ingest.types import RawPage

FETCHED = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def page(n: int, html: bytes | str | None = None) -> RawPage:
    """A page stating one round, in words written for this test."""
    body = (
        f"<p>Tallyfern{n} Labs, which builds billing tools for clinics, has raised $1{n} million in a "
        f"Series A round led by Moorgate Ventures.</p><p>The company will hire engineers.</p>"
    )
    default = (
        f'<html><head><meta charset="utf-8"><title>Tallyfern{n} Labs raises money</title>'
        f'<meta property="article:published_time" content="2026-11-2{n}T08:00:00Z"></head>'
        f"<body><article><h1>Tallyfern{n} Labs raises money</h1>{body}</article></body></html>"
    ).encode()
    return RawPage(
        url=f"https://news.example/a/{n}",
        html=default if html is None else html,
        fetched_at=FETCHED,
        source="demo",
        status=200,
    )


@pytest.fixture
def source_id(store: Store) -> Iterator[int]:
    with transaction(store.sessions) as session:
        sid = ensure_source(session, "demo", FETCHED)
    yield sid
    shared_store(store.engine.url.render_as_string(hide_password=False)).engine.dispose()


def batch(store: Store, source_id: int, pages: list[RawPage], extract: bool = True) -> Batch:
    url = store.engine.url.render_as_string(hide_password=False)
    return Batch(url, source_id, "demo", None, extract, tuple(pages))


def counts(store: Store) -> tuple[int, int, int]:
    with store.sessions() as s:
        articles = s.execute(select(func.count()).select_from(m.Article)).scalar_one()
        extracted = s.execute(
            select(func.count()).select_from(m.Article).where(m.Article.extractor_version.is_not(None))
        ).scalar_one()
        rounds = s.execute(select(func.count()).select_from(m.Round)).scalar_one()
    return articles, extracted, rounds


def test_a_batch_is_stored_and_extracted_and_a_replay_adds_nothing(store: Store, source_id: int) -> None:
    pages = [page(n) for n in range(1, 4)]
    first = write_batch(batch(store, source_id, pages))
    assert [(r.stored, r.created, r.rounds) for r in first] == [(True, True, 1)] * 3
    assert counts(store) == (3, 3, 3)
    again = write_batch(batch(store, source_id, pages))
    assert [(r.stored, r.created, r.rounds) for r in again] == [(True, False, 0)] * 3
    assert counts(store) == (3, 3, 3)


def test_one_bad_page_does_not_cost_the_others(store: Store, source_id: int) -> None:
    bad = page(2, html="not bytes")  # type: ignore[arg-type]  # what a bug upstream could hand over
    results = write_batch(batch(store, source_id, [page(1), bad, page(3)]))
    assert [r.stored for r in results] == [True, False, True]
    assert results[1].error and "TypeError" in results[1].error
    assert counts(store) == (2, 2, 2)


def test_without_extraction_pages_are_left_for_ingest(store: Store, source_id: int) -> None:
    results = write_batch(batch(store, source_id, [page(1), page(2)], extract=False))
    assert [(r.stored, r.rounds) for r in results] == [(True, 0), (True, 0)]
    assert counts(store) == (2, 0, 0)


def test_a_changed_page_is_replaced_and_extracted_again(store: Store, source_id: int) -> None:
    write_batch(batch(store, source_id, [page(1), page(2)]))
    changed = page(2, html=page(2).html.replace(b"$12 million", b"$14 million"))
    results = write_batch(batch(store, source_id, [page(1), changed]))
    assert [(r.stored, r.created, r.rounds) for r in results] == [(True, False, 0), (True, False, 1)]
    with store.sessions() as s:
        amounts = set(s.execute(select(m.Round.amount)).scalars())
    assert amounts == {11_000_000, 14_000_000}
