"""Name what went wrong with a request, for the per-source 'errors by kind' statistics."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.middlewares import PrivateAddressError

_BY_TYPE: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str], ...] = (
    (PrivateAddressError, "private_address"),
    ((DownloadTimeoutError, net.TimeoutError, net.TCPTimedOutError), "timeout"),
    (ResponseDataLossError, "truncated"),
    (DownloadCancelledError, "too_large"),
    ((DownloadConnectionRefusedError, net.ConnectionRefusedError), "connection_refused"),
    ((DownloadFailedError, ResponseFailed, ResponseNeverReceived, net.ConnectionLost), "connection"),
)
_IGNORED = (
    ("robots.txt", "robots"),
    ("offsite", "offsite"),
    ("maxsize", "too_large"),
    ("decompression", "too_large"),
)


def error_kind(failure: Failure | BaseException) -> str:
    """A short stable name for a failed request: http_404, timeout, robots, offsite, too_large, …"""
    exc = failure.value if isinstance(failure, Failure) else failure
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, (CannotResolveHostError, net.DNSLookupError)):
        return "private_address" if "non-public" in str(exc) else "dns"
    for types, kind in _BY_TYPE:
        if isinstance(exc, types):
            return kind
    if isinstance(exc, IgnoreRequest):
        text = str(exc).lower()
        return next((kind for needle, kind in _IGNORED if needle in text), "ignored")
    return type(exc).__name__.lower()


def is_permanent(kind: str) -> bool:
    """Failures that another run would only repeat (the listing can still be marked as handled)."""
    return kind in ("http_404", "http_410", "robots", "offsite", "private_address", "too_large", "not_html")
