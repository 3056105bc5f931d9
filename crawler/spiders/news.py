"""One configuration-driven spider for every source: listings (feeds, sitemaps) -> new article pages."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any, ClassVar
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.discovery import DiscoveryError, DocKind, Entry, parse_listing
from crawler.errors import error_kind, is_permanent
from crawler.options import CrawlOptions, shared_store
from crawler.sources import SourceConfig
from crawler.tracker import ListingTracker
from crawler.urls import canonical_url, is_allowed
from db.crawl_state import Validators, feed_validators
from db.repository import known_urls
from ingest.types import RawPage

log = logging.getLogger(__name__)
CHARSET = re.compile(rb"charset=([\w.:-]+)", re.I)
METADATA_MARKERS = (b"application/ld+json", b"og:title", b"<article")


class NewsSpider(scrapy.Spider):
    """Fetch a source's feeds and sitemaps every run, then each listed article not yet stored."""

    name = "news"
    source: ClassVar[SourceConfig]

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        options = CrawlOptions.from_settings(crawler.settings)
        if "since" in kwargs:  # `scrapy crawl NAME -a since=… -a max_pages=… -a refetch=1`
            options = replace(options, since=date.fromisoformat(kwargs["since"]))
        if "max_pages" in kwargs:
            options = replace(options, max_pages=int(kwargs["max_pages"]) or None)
        if "refetch" in kwargs:
            options = replace(options, refetch=kwargs["refetch"] not in ("", "0", "false"))
        spider.options = options
        spider.allowed_domains = list(cls.source.allowed_domains)
        spider.tracker = ListingTracker()
        spider.scheduled: set[str] = set()
        crawler.signals.connect(spider.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        return spider

    def request_scheduled(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """Scrapy drops a redirect off the allowed domains as it is scheduled, with no errback: count it."""
        url = request.meta.get("fw_url")
        if url is not None and not is_allowed(request.url, self.source.allowed_domains):
            log.warning("%s: article %s redirected off-site to %s (dropped)", self.name, url, request.url)
            self.count("errors/offsite")
            self.tracker.done(url)

    def request_dropped(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """A duplicate (e.g. two listed URLs redirecting to one page): the page is fetched once."""
        url = request.meta.get("fw_url")
        if url is not None:
            self.tracker.done(url)

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"fundwatch/{key}", n)

    def _validators(self, urls: list[str]) -> dict[str, Validators]:
        if self.options.refetch or not urls:
            return {}
        with shared_store(self.options.database_url).sessions() as session:
            return feed_validators(session, urls)

    def listing_request(self, url: str, validators: Validators | None) -> scrapy.Request:
        meta = {
            "fw_listing": url,
            "fw_validators": validators,
            "handle_httpstatus_list": [304],
            "download_maxsize": self.options.max_feed_bytes,
        }
        return scrapy.Request(
            url, self.parse_listing, errback=self.listing_failed, meta=meta, dont_filter=True, priority=10
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        urls = list(self.source.feeds + self.source.sitemaps)
        validators = self._validators(urls)
        for url in urls:
            yield self.listing_request(url, validators.get(url))

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        listing = response.meta["fw_listing"]
        self.count("listings_fetched")
        if response.status == 304:
            self.count("listings_not_modified")
            return
        try:
            parsed = parse_listing(response.body, self.options.max_feed_bytes)
        except DiscoveryError as exc:
            log.warning("%s: unusable listing %s: %s", self.name, listing, exc)
            self.count(f"errors/{exc.kind}")
            return
        if parsed.repaired:
            log.info("%s: %s had junk before its XML declaration (repaired)", self.name, listing)
            self.count("errors/repaired_xml")
        self.count("entries", len(parsed.entries))
        if parsed.kind is DocKind.SITEMAP_INDEX:
            yield from self.follow_sitemaps(response, parsed.entries)
            return
        self.tracker.opened(listing, _validators_of(response))
        yield from self.article_requests(listing, response.url, parsed.entries)

    def follow_sitemaps(self, response: Response, entries: tuple[Entry, ...]) -> Iterator[scrapy.Request]:
        follow = self.source.sitemap_follow
        children = [e for e in entries if follow is None or re.search(follow, e.url)]
        cutoff = self.options.since_dt
        children = [e for e in children if not (cutoff and e.published and e.published < cutoff)]
        children.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
        urls = [urljoin(response.url, e.url) for e in children[: self.source.max_sitemaps]]
        validators = self._validators(urls)
        for url in urls:
            yield self.listing_request(url, validators.get(url))

    def _candidates(self, base_url: str, entries: tuple[Entry, ...]) -> list[tuple[str, Entry]]:
        cutoff = self.options.since_dt
        found: dict[str, Entry] = {}
        for e in entries:
            url = canonical_url(urljoin(base_url, e.url), self.source.drop_params)
            if not is_allowed(url, self.source.allowed_domains):
                self.count("skipped/offsite")
            elif not self.source.matches_article(url):
                self.count("skipped/not_article")
            elif cutoff and e.published and e.published < cutoff:
                self.count("skipped/before_since")
            elif url not in self.scheduled:
                found.setdefault(url, e)
        newest_first = sorted(found.items(), key=lambda p: p[1].published or _EPOCH, reverse=True)
        return newest_first

    def article_requests(
        self, listing: str, base_url: str, entries: tuple[Entry, ...]
    ) -> Iterator[scrapy.Request]:
        candidates = self._candidates(base_url, entries)
        known: set[str] = set()
        if not self.options.refetch and candidates:
            with shared_store(self.options.database_url).sessions() as session:
                known = known_urls(session, [u for u, _ in candidates])
        for url, entry in candidates:
            if url in known:
                self.count("skipped/known")
                continue
            if self.options.max_pages and len(self.scheduled) >= self.options.max_pages:
                self.count("skipped/max_pages")
                self.tracker.truncated(listing)
                continue
            self.scheduled.add(url)
            self.tracker.scheduled(listing, url)
            meta = {"fw_url": url, "fw_title": entry.title, "fw_published": entry.published}
            yield scrapy.Request(url, self.parse_article, errback=self.article_failed, meta=meta)

    def parse_article(self, response: Response) -> Iterator[RawPage]:
        url = response.meta["fw_url"]
        ctype = response.headers.get(b"Content-Type") or b""
        if ctype and b"html" not in ctype.lower():
            self.count("errors/not_html")
            self.tracker.done(url)
            return
        body = response.body
        if not any(marker in body for marker in METADATA_MARKERS):
            self.count("pages_without_metadata")
        charset = CHARSET.search(ctype)
        yield RawPage(
            url=url,
            html=body,
            fetched_at=datetime.now(UTC),
            source=self.name,
            status=response.status,
            encoding=charset.group(1).decode("ascii") if charset else None,
            title_hint=response.meta["fw_title"],
            published_hint=response.meta["fw_published"],
        )

    def article_failed(self, failure: Failure) -> None:
        kind = error_kind(failure)
        url = failure.request.meta["fw_url"]  # type: ignore[attr-defined]
        log.warning("%s: article %s failed: %s (%s)", self.name, url, kind, failure.getErrorMessage())
        self.count(f"errors/{kind}")
        (self.tracker.done if is_permanent(kind) else self.tracker.failed)(url)

    def listing_failed(self, failure: Failure) -> None:
        kind = error_kind(failure)
        url = failure.request.meta["fw_listing"]  # type: ignore[attr-defined]
        log.warning("%s: listing %s failed: %s (%s)", self.name, url, kind, failure.getErrorMessage())
        self.count(f"errors/{kind}")
        self.count("listings_failed")


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _validators_of(response: Response) -> Validators | None:
    etag = response.headers.get(b"ETag")
    modified = response.headers.get(b"Last-Modified")
    if not etag and not modified:
        return None
    return Validators(
        etag.decode("latin-1") if etag else None, modified.decode("latin-1") if modified else None
    )
