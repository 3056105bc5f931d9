"""Is a source healthy? Checks over one run's counters against the source's recent runs (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from db.crawl_state import CrawlCounts

NO_METADATA = "no_metadata"


@dataclass(frozen=True, slots=True)
class RunSignals:
    """The counters of one source's run that health is judged on."""

    listings_fetched: int
    listings_not_modified: int
    listings_failed: int
    entries: int
    pages_stored: int
    article_errors: int
    errors: Mapping[str, int]


def _no_metadata_ratio(runs: Sequence[CrawlCounts]) -> float | None:
    pages = sum(r.pages_stored for r in runs)
    return None if pages == 0 else sum(r.errors.get(NO_METADATA, 0) for r in runs) / pages


def unhealthy_reasons(run: RunSignals, recent: Sequence[CrawlCounts]) -> list[str]:
    """Why this run looks broken (empty when healthy).

    - every listing failed (blocked, moved, DNS gone);
    - the listings answered but listed no articles at all (a feed emptied or changed format);
    - every article request failed (a block or a bot wall);
    - most pages stored now lack the metadata (JSON-LD, og: tags, <article>) that recent runs had,
      which is what a layout change looks like before extraction starts failing.
    """
    reasons = []
    if run.listings_fetched == 0 and run.listings_failed > 0:
        reasons.append("listings_failed")
    elif run.entries == 0 and run.listings_fetched > run.listings_not_modified:
        reasons.append("no_articles")
    if run.pages_stored == 0 and run.article_errors > 0:
        reasons.append("articles_failing")
    now = _no_metadata_ratio([CrawlCounts(pages_stored=run.pages_stored, errors=run.errors)])
    before = _no_metadata_ratio(recent)
    if run.pages_stored >= 3 and now is not None and now > 0.5 and (before is None or before < 0.2):
        reasons.append("pages_stopped_parsing" if before is not None else "pages_without_metadata")
    return reasons
