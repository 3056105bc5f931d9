"""Canonical URLs (the seen-state key) and which hosts count as private."""

from __future__ import annotations

import pytest

from crawler.middlewares import retry_after_seconds
from crawler.urls import canonical_url, is_allowed, is_private_host


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://a.example/x?utm_source=rss&utm_medium=feed", "https://a.example/x", id="utm"),
        pytest.param(
            "https://a.example/x?id=7&fbclid=abc#comments", "https://a.example/x?id=7", id="fbclid-fragment"
        ),
        pytest.param(
            "https://A.Example/x?b=2&a=1", "https://a.example/x?a=1&b=2", id="host-case-query-order"
        ),
        pytest.param("https://a.example", "https://a.example/", id="empty-path"),
        pytest.param("https://36kr.com/p/123?f=rss", "https://36kr.com/p/123?f=rss", id="f-kept-by-default"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_source_specific_tracking_params() -> None:
    assert canonical_url("https://36kr.com/p/123?f=rss", ("f",)) == "https://36kr.com/p/123"


@pytest.mark.parametrize(
    ("host", "private"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("10.1.2.3", True),
        ("192.168.0.5", True),
        ("169.254.169.254", True),
        ("[::1]", True),
        ("8.8.8.8", False),
        ("techcrunch.com", False),
    ],
)
def test_is_private_host(host: str, private: bool) -> None:
    assert is_private_host(host) is private


def test_allowed_domains_include_subdomains_only() -> None:
    assert is_allowed("https://www.geekwire.com/2026/x", ("geekwire.com",))
    assert not is_allowed("https://geekwire.com.evil.example/x", ("geekwire.com",))


@pytest.mark.parametrize(("value", "seconds"), [(b"7", 7.0), (None, None), (b"soon", None)])
def test_retry_after_seconds(value: bytes | None, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds
