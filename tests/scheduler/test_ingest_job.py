"""The ingest job passes a source's `selectors.body` (sources file) to the parser."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.engine import transaction
from db.repository import ensure_source, store_page
from fundwatch.store import Store
from ingest.types import RawPage
from scheduler.ingest_job import ingest_pending

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
