"""Extensions that observe a crawl: per-source statistics in the store, and a live progress line."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from crawler.health import NO_METADATA, RunSignals, unhealthy_reasons
from crawler.options import CrawlOptions, shared_store
from db.crawl_state import CrawlCounts, crawl_stat, put_crawl_stat, put_feed_validators, recent_crawl_stats
from db.engine import transaction
from db.repository import ensure_source

log = logging.getLogger(__name__)
FLUSH_EVERY_S = 5.0
PREFIX = "fundwatch/"


def counters(stats: dict[str, Any]) -> dict[str, int]:
    return {k[len(PREFIX) :]: v for k, v in stats.items() if k.startswith(PREFIX) and isinstance(v, int)}


class CrawlStatsRecorder:
    """Write crawl_stats for this source and run: at the start, every few seconds, and at the end."""

    def __init__(self, crawler: Crawler, options: CrawlOptions) -> None:
        self.crawler = crawler
        self.options = options
        self.store = shared_store(options.database_url)
        self.baseline = CrawlCounts()
        self.started_at = datetime.now(UTC)
        self.source_id = 0
        self.loop = task.LoopingCall(self.flush)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStatsRecorder:
        if not hasattr(crawler.spidercls, "source"):
            raise NotConfigured("not a fundwatch source spider")
        ext = cls(crawler, CrawlOptions.from_settings(crawler.settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        source = spider.source  # type: ignore[attr-defined]
        self.options = spider.options  # type: ignore[attr-defined]
        with transaction(self.store.sessions) as session:
            self.source_id = ensure_source(
                session, source.name, self.started_at, source.language, source.homepage
            )
            # A run key reused after a crash continues that run's counts instead of losing them.
            self.baseline = crawl_stat(session, self.options.run_key, self.source_id) or CrawlCounts()
        self.flush()
        self.loop.start(FLUSH_EVERY_S, now=False)

    def counts(self, healthy: bool | None = None, extra: dict[str, int] | None = None) -> CrawlCounts:
        c = counters(self.crawler.stats.get_stats())
        errors = dict(self.baseline.errors)
        for key, n in c.items():
            if key.startswith("errors/"):
                errors[key[7:]] = errors.get(key[7:], 0) + n
        if c.get("pages_without_metadata"):
            errors[NO_METADATA] = errors.get(NO_METADATA, 0) + c["pages_without_metadata"]
        for key, n in (extra or {}).items():
            errors[key] = n
        b = self.baseline
        return CrawlCounts(
            feeds_fetched=b.feeds_fetched + c.get("listings_fetched", 0),
            articles_new=b.articles_new + c.get("articles_new", 0),
            pages_stored=b.pages_stored + c.get("pages_stored", 0),
            errors=errors,
            healthy=healthy,
            rounds_found=b.rounds_found + c.get("rounds_found", 0),
        )

    def flush(self, finished_at: datetime | None = None, counts: CrawlCounts | None = None) -> None:
        counts = counts or self.counts()
        with transaction(self.store.sessions) as session:
            put_crawl_stat(
                session, self.options.run_key, self.source_id, counts, self.started_at, finished_at
            )
        log.info(
            "%s: %d listings, %d pages stored (%d new), %d errors",
            self.crawler.spidercls.name,
            counts.feeds_fetched,
            counts.pages_stored,
            counts.articles_new,
            sum(v for k, v in counts.errors.items() if k != NO_METADATA),
        )

    def signals_now(self, counts: CrawlCounts) -> RunSignals:
        c = counters(self.crawler.stats.get_stats())
        article_errors = sum(v for k, v in c.items() if k.startswith("errors/")) - c.get("listings_failed", 0)
        return RunSignals(
            listings_fetched=c.get("listings_fetched", 0),
            listings_not_modified=c.get("listings_not_modified", 0),
            listings_failed=c.get("listings_failed", 0),
            entries=c.get("entries", 0),
            pages_stored=c.get("pages_stored", 0),
            article_errors=max(0, article_errors),
            errors=counts.errors,
        )

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        now = datetime.now(UTC)
        with self.store.sessions() as session:
            recent = recent_crawl_stats(session, self.source_id, before=self.started_at)
        counts = self.counts()
        reasons = unhealthy_reasons(self.signals_now(counts), recent)
        if reason != "finished":
            reasons.append(f"closed_{reason}")
        for r in reasons:
            log.warning("%s looks unhealthy: %s", spider.name, r)
        counts = self.counts(healthy=not reasons, extra={f"health_{r}": 1 for r in reasons})
        if reason == "finished":
            self.save_validators(spider, now)
        self.flush(now, counts)

    def save_validators(self, spider: Spider, now: datetime) -> None:
        completed = spider.tracker.completed()  # type: ignore[attr-defined]
        with transaction(self.store.sessions) as session:
            for url, validators in completed.items():
                put_feed_validators(session, url, validators, now)


class ProgressLine:
    """A live one-line summary per source on an interactive terminal (rich); off otherwise."""

    _progress: Any = None
    _open = 0

    def __init__(self, crawler: Crawler) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        if ProgressLine._progress is None:
            ProgressLine._progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=False
            )
            ProgressLine._progress.start()
        self.crawler = crawler
        self.task_id = self._progress.add_task(crawler.spidercls.name, total=None)
        self.loop = task.LoopingCall(self.update)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLine:
        mode = crawler.settings.get("FUNDWATCH_PROGRESS", "auto")
        if mode == "off" or (mode == "auto" and not sys.stderr.isatty()):
            raise NotConfigured("not an interactive terminal")
        ext = cls(crawler)
        crawler.signals.connect(ext.opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.closed, signal=signals.spider_closed)
        return ext

    def opened(self, spider: Spider) -> None:
        ProgressLine._open += 1
        self.loop.start(0.5)

    def update(self, done: bool = False) -> None:
        c = counters(self.crawler.stats.get_stats())
        errors = sum(v for k, v in c.items() if k.startswith("errors/"))
        text = (
            f"{self.crawler.spidercls.name}: {c.get('listings_fetched', 0)} listings, "
            f"{c.get('pages_stored', 0)} pages stored ({c.get('articles_new', 0)} new), {errors} errors"
            + (" — done" if done else "")
        )
        self._progress.update(self.task_id, description=text)

    def closed(self, spider: Spider, reason: str) -> None:
        if self.loop.running:
            self.loop.stop()
        self.update(done=True)
        self._progress.stop_task(self.task_id)
        ProgressLine._open -= 1
        if ProgressLine._open == 0:
            self._progress.stop()
