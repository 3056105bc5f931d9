"""Downloader middlewares: no private addresses, conditional feed requests, retries with backoff."""

from __future__ import annotations

import asyncio
import logging
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.resolver import CachingThreadedResolver
from twisted.internet.error import DNSLookupError

from crawler.urls import host_of, is_private_host

log = logging.getLogger(__name__)


class PrivateAddressError(IgnoreRequest):
    """The request (or a redirect) points at a loopback or private address."""


class PrivateAddressGuard:
    """Refuse URLs whose host is a private or loopback address literal (redirects pass here again)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressGuard:
        if crawler.settings.getbool("FUNDWATCH_ALLOW_PRIVATE"):
            raise NotConfigured("FUNDWATCH_ALLOW_PRIVATE is set")
        return cls()

    def process_request(self, request: Request) -> None:
        if is_private_host(host_of(request.url)):
            raise PrivateAddressError(f"refused private address {host_of(request.url)!r}")


class PublicOnlyResolver(CachingThreadedResolver):
    """The default resolver, except that names resolving to non-public addresses fail to resolve."""

    allow_private = False

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> PublicOnlyResolver:  # type: ignore[override]
        resolver = super().from_crawler(crawler, reactor)
        resolver.allow_private = crawler.settings.getbool("FUNDWATCH_ALLOW_PRIVATE")
        return resolver

    def getHostByName(self, name: str, timeout: Any = ()) -> Any:  # noqa: N802 (Twisted's name)
        d = super().getHostByName(name, timeout)
        if not self.allow_private:
            d.addCallback(self._check, name)
        return d

    @staticmethod
    def _check(address: str, name: str) -> str:
        if is_private_host(address):
            raise DNSLookupError(f"{name} resolves to non-public address {address}")
        return address


class ConditionalRequests:
    """Send the stored validators with feed and sitemap requests (meta 'fw_validators')."""

    def process_request(self, request: Request) -> None:
        validators = request.meta.get("fw_validators")
        if validators is None:
            return
        if validators.etag:
            request.headers.setdefault(b"If-None-Match", validators.etag.encode())
        if validators.last_modified:
            request.headers.setdefault(b"If-Modified-Since", validators.last_modified.encode())


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date); None when absent.

    >>> retry_after_seconds(b"7")
    7.0
    """
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, waiting before each one: Retry-After when the server gives it (up to a cap,
    beyond which the request is given up), else exponential backoff."""

    def __init__(self, settings: Any, backoff_s: float, retry_after_max_s: float) -> None:
        super().__init__(settings)
        self.backoff_s = backoff_s
        self.retry_after_max_s = retry_after_max_s

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:  # type: ignore[override]
        s = crawler.settings
        mw = cls(
            s, s.getfloat("FUNDWATCH_RETRY_BACKOFF_S", 2.0), s.getfloat("FUNDWATCH_RETRY_AFTER_MAX_S", 120)
        )
        mw.crawler = crawler
        return mw

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if request.meta.get("dont_retry") or response.status not in self.retry_http_codes:
            return response
        tries = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is not None and wait > self.retry_after_max_s:
            log.info("giving up %s: Retry-After %.0fs exceeds the cap", request.url, wait)
            return response
        if tries >= self.max_retry_times:
            return response
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=f"{response.status}",
            max_retry_times=self.max_retry_times,
        )
        if retry is None:
            return response
        self.crawler.stats.inc_value(f"fundwatch/errors/retry_{response.status}")
        await asyncio.sleep(wait if wait is not None else self.backoff_s * 2**tries)
        return retry
