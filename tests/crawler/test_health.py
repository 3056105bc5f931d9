"""When a source is flagged unhealthy (cases: a block, an emptied feed, a layout change)."""

from __future__ import annotations

import pytest

from crawler.health import RunSignals, unhealthy_reasons
from db.crawl_state import CrawlCounts

GOOD_HISTORY = [CrawlCounts(pages_stored=20, errors={"no_metadata": 1})] * 3


def run(**kw: object) -> RunSignals:
    base = dict(
        listings_fetched=1,
        listings_not_modified=0,
        listings_failed=0,
        entries=20,
        pages_stored=10,
        article_errors=0,
        errors={},
    )
    base.update(kw)
    return RunSignals(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("signals", "history", "reasons"),
    [
        pytest.param(run(), GOOD_HISTORY, [], id="normal"),
        pytest.param(
            run(entries=0, pages_stored=0, listings_not_modified=1), GOOD_HISTORY, [], id="not-modified"
        ),
        pytest.param(run(entries=0, pages_stored=0), GOOD_HISTORY, ["no_articles"], id="feed-emptied"),
        pytest.param(
            run(listings_fetched=0, listings_failed=1, entries=0, pages_stored=0),
            [],
            ["listings_failed"],
            id="feed-blocked",
        ),
        pytest.param(
            run(pages_stored=0, article_errors=5), GOOD_HISTORY, ["articles_failing"], id="pages-blocked"
        ),
        pytest.param(
            run(errors={"no_metadata": 9}), GOOD_HISTORY, ["pages_stopped_parsing"], id="layout-change"
        ),
        pytest.param(run(errors={"no_metadata": 9}), [], ["pages_without_metadata"], id="never-had-metadata"),
        pytest.param(run(entries=20, pages_stored=0), GOOD_HISTORY, [], id="all-known-already"),
    ],
)
def test_unhealthy_reasons(signals: RunSignals, history: list[CrawlCounts], reasons: list[str]) -> None:
    assert unhealthy_reasons(signals, history) == reasons
