"""The ingest job passes a source's `selectors.body` (sources file) to the parser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from db import models as m
from db.engine import transaction
from db.repository import ensure_source, identity_lock, pending_article_ids, store_page
from fundwatch.store import Store
from ingest.extract import extract_rounds
from ingest.types import RawPage
from ingest.version import EXTRACTOR_VERSION
from scheduler.alert_rule import AlertPolicy
from scheduler.ingest_job import IngestReport, Stored, ingest_article, ingest_batch, ingest_pending

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
FILLER = "<p>Readers asked how the city plans its new tram lines and what the work will cost.</p>" * 6
# The round is stated outside <article>, in a container only the source's selector names (a layout
# the generic choice gets wrong); words written for this test.
PAGE = (
    '<html><head><meta charset="utf-8"><title>Weekly notes</title>'
    '<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head><body>'
    f"<article><h1>Weekly notes</h1>{FILLER}</article>"
    '<div class="x-copy"><p>Quillmarsh Robotics has raised $25 million in a Series B round led by '
    "Ashgrove Partners.</p></div></body></html>"
).encode()


@pytest.mark.parametrize(
    ("selectors", "rounds"),
    [
        pytest.param(None, 0, id="generic-choice-misses-it"),
        pytest.param({"demo": "div.x-copy"}, 1, id="source-selector-finds-it"),
        pytest.param({"other": "div.x-copy"}, 0, id="another-source-selector-is-not-used"),
    ],
)
def test_body_selector_of_the_article_source_is_used(
    store: Store, selectors: dict[str, str] | None, rounds: int
) -> None:
    with transaction(store.sessions) as session:
        source_id = ensure_source(session, "demo", NOW)
        store_page(session, RawPage("https://news.example/notes", PAGE, NOW, "demo", 200), source_id)
    report = ingest_pending(store.sessions, NOW, None, selectors=selectors)
    assert report.articles == 1
    assert report.rounds_by_source["demo"] == rounds


def test_a_database_error_leaves_the_page_pending(store: Store) -> None:
    """A store that refuses a write (here: a table renamed away) must not mark the page as broken:
    it stays pending and the next ingest extracts it."""
    from sqlalchemy import text

    from db.repository import pending_article_ids
    from ingest.version import EXTRACTOR_VERSION

    page = (
        b"<html><head><title>Quillmarsh raises</title></head><body><article><p>Quillmarsh Robotics has "
        b"raised $25 million in a Series B round led by Ashgrove Partners.</p></article></body></html>"
    )
    with transaction(store.sessions) as session:
        sid = ensure_source(session, "demo", NOW)
        article_id = store_page(session, RawPage("https://news.test/q", page, NOW, "demo"), sid).article_id
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE round_mentions RENAME TO round_mentions_away"))
    report = ingest_pending(store.sessions, NOW, None)
    assert report.errors["database"] == 1
    with store.sessions() as session:
        assert pending_article_ids(session, EXTRACTOR_VERSION) == [article_id]
    with store.engine.begin() as conn:
        conn.execute(text("ALTER TABLE round_mentions_away RENAME TO round_mentions"))
    again = ingest_pending(store.sessions, NOW, None)
    assert again.errors == {} and again.rounds_new == 1


def _page(company: str, investor: str = "Ashgrove Partners") -> bytes:
    return (
        f"<html><head><title>{company} raises</title></head><body><article><p>{company} has raised "
        f"$25 million in a Series B round led by {investor}.</p></article></body></html>"
    ).encode()


def _stored(store: Store, *companies: str) -> list[Stored]:
    with transaction(store.sessions) as session:
        sid = ensure_source(session, "demo", NOW)
        return [
            Stored(
                store_page(session, RawPage(f"https://news.test/{i}", html, NOW, "demo"), sid).article_id,
                html,
                f"https://news.test/{i}",
                None,
                "demo",
            )
            for i, html in enumerate(_page(c) for c in companies)
        ]


def _companies(store: Store) -> list[str]:
    with store.sessions() as session:
        return sorted(session.execute(select(m.Company.name)).scalars())


def test_an_article_the_store_refuses_is_rolled_back_alone_in_its_batch(store: Store) -> None:
    """The middle page names an article id that does not exist: its mention breaks a foreign key
    after its company and round were written. Those go with its savepoint; the others are kept."""
    good = _stored(store, "Quillmarsh Robotics", "Brindle Analytics")
    orphan = Stored(999_999, _page("Zephyr Looms"), "https://news.test/gone", None, "demo")
    report = IngestReport()
    found = ingest_batch(store.sessions, [good[0], orphan, good[1]], NOW, AlertPolicy(), report)
    assert found == {good[0].article_id: 1, 999_999: 0, good[1].article_id: 1}
    assert (report.articles, report.rounds_new, report.errors) == (3, 2, {"database": 1})
    assert _companies(store) == ["Brindle Analytics", "Quillmarsh Robotics"]
    with store.sessions() as session:
        assert pending_article_ids(session, EXTRACTOR_VERSION) == []


def test_a_page_that_breaks_extraction_is_marked_and_the_batch_goes_on(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scheduler.ingest_job as job

    pages = _stored(store, "Quillmarsh Robotics", "Brindle Analytics")

    def extract(article):  # type: ignore[no-untyped-def]
        if "Quillmarsh" in article.text:
            raise RuntimeError("a bug")
        return extract_rounds(article)

    monkeypatch.setattr(job, "extract_rounds", extract)
    report = IngestReport()
    ingest_batch(store.sessions, [p.article_id for p in pages], NOW, None, report)
    assert (report.articles, report.rounds_new, report.errors) == (2, 1, {"RuntimeError": 1})
    assert _companies(store) == ["Brindle Analytics"]
    with store.sessions() as session:
        errors = dict(session.execute(select(m.Article.id, m.Article.extract_error)).all())
    assert errors == {pages[0].article_id: "RuntimeError: a bug", pages[1].article_id: None}


def test_the_savepoints_of_a_batch_nest_in_its_transaction(store: Store) -> None:
    """pysqlite opens a transaction only at a write: a SAVEPOINT sent before one would start it, and
    its RELEASE would commit the articles one by one. Rolled back, the batch must leave nothing."""
    pages = _stored(store, "Quillmarsh Robotics", "Brindle Analytics")
    with store.sessions() as session:
        session.begin()
        identity_lock(session)  # what ingest_batch does first
        for page in pages:
            with session.begin_nested():
                ingest_article(session, page, NOW, None, IngestReport())
        session.rollback()
    assert _companies(store) == []
    with store.sessions() as session:
        assert len(pending_article_ids(session, EXTRACTOR_VERSION)) == 2
