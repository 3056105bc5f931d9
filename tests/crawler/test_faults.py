"""Fault cases against a local server: each one a logged, counted outcome, and the crawl goes on.

One crawl subprocess serves every case (one source per fault) to keep the suite fast.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from crawler.process import CrawlResult, SourceResult, run_crawl
from fundwatch.settings import Settings
from tests.crawler.localsite import LocalSite, Page
from tests.crawler.sitegen import XML, article_html, rss

pytestmark = pytest.mark.slow
MAX_PAGE = 200_000
FAULT_ENV = {
    "FUNDWATCH_CRAWL_AUTOTHROTTLE": "off",
    "FUNDWATCH_CRAWL_DELAY": "0",
    "FUNDWATCH_PROGRESS": "off",
    "FUNDWATCH_CRAWL_MAX_PAGE_BYTES": str(MAX_PAGE),
    "FUNDWATCH_CRAWL_DOWNLOAD_TIMEOUT": "1",
    "FUNDWATCH_CRAWL_RETRIES": "1",
    "FUNDWATCH_CRAWL_RETRY_BACKOFF": "0.1",
    "FUNDWATCH_CRAWL_RETRY_AFTER_MAX": "5",
}
BOMB = (
    b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
    + b"".join(
        f"<!ENTITY lol{i} '{('&lol' + str(i - 1) + ';') * 10 if i else '&lol;' * 10}'>".encode()
        for i in range(9)
    )
    + b"]><rss version='2.0'><channel><title>&lol8;</title></channel></rss>"
)


def _once_then(first: Page, then: Page):  # type: ignore[no-untyped-def]
    calls = []

    def handler(_req: object) -> Page:
        calls.append(1)
        return first if len(calls) == 1 else then

    return handler


def fault_routes(base: str) -> dict[str, dict[str, object]]:
    """source name -> {path: response}; each source's feed lists /<name>/a.html."""
    ok = Page(article_html("fine", 1))
    gz_bomb = gzip.compress(b"\0" * (MAX_PAGE * 20))
    cases: dict[str, dict[str, object]] = {
        "f-404": {"a": Page(b"gone", 404)},
        "f-500": {"a": Page(b"oops", 500)},
        "f-429": {"a": _once_then(Page(b"slow down", 429, {"Retry-After": "1"}), ok)},
        "f-timeout": {"a": Page(article_html("late", 1), delay_s=2.5)},
        "f-truncated": {"a": Page(article_html("cut", 1), length=5000)},
        "f-gzipbomb": {"a": Page(gz_bomb, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})},
        "f-huge": {"a": Page(article_html("huge", 1, filler=MAX_PAGE * 2))},
        "f-offsite": {"a": Page(b"", 302, {"Location": base.replace("127.0.0.1", "localhost") + "/x.html"})},
        "f-blankline": {
            "a": ok,
            "feed": Page(rss(base, [("/f-blankline/a.html", "a", _day())], b"\n"), headers=XML),
        },
        "f-entitybomb": {"a": ok, "feed": Page(BOMB, headers=XML)},
        "f-feed403": {"a": ok, "feed": Page(b"no", 403)},
        "f-garbage": {"a": ok, "feed": Page(b"<html><body>not a feed</body></html>")},
    }
    return cases


def _day():  # type: ignore[no-untyped-def]
    from tests.crawler.sitegen import BASE_DAY

    return BASE_DAY


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CrawlResult, LocalSite]]:
    tmp = tmp_path_factory.mktemp("faults")
    with LocalSite() as site:
        sources = []
        for name, routes in fault_routes(site.base).items():
            site.routes[f"/{name}/feed.xml"] = routes.get(
                "feed", Page(rss(site.base, [(f"/{name}/a.html", name, _day())]), headers=XML)
            )
            site.routes[f"/{name}/a.html"] = routes["a"]  # type: ignore[assignment]
            sources.append(
                f'[[source]]\nname = "{name}"\nfeeds = ["{site.url(f"/{name}/feed.xml")}"]\n'
                f'allowed_domains = ["127.0.0.1"]\n'
            )
        path = tmp / "sources.toml"
        path.write_text("\n".join(sources))
        settings = Settings(database_url=f"sqlite:///{tmp / 'fw.db'}", sources_file=path)
        yield run_crawl(settings, run_key="faults", allow_private=True, env=FAULT_ENV, timeout_s=120), site


def _source(result: CrawlResult, name: str) -> SourceResult:
    return next(s for s in result.sources if s.source == name)


@pytest.mark.parametrize(
    ("name", "error", "stored", "healthy"),
    [
        pytest.param("f-404", "http_404", 0, False, id="404"),
        pytest.param("f-500", "http_500", 0, False, id="500-after-retries"),
        pytest.param("f-429", "retry_429", 1, True, id="429-retry-after-then-ok"),
        pytest.param("f-timeout", "timeout", 0, False, id="timeout"),
        pytest.param("f-truncated", "truncated", 0, False, id="truncated-body"),
        pytest.param("f-gzipbomb", "too_large", 0, False, id="gzip-bomb"),
        pytest.param("f-huge", "too_large", 0, False, id="huge-page"),
        pytest.param("f-offsite", "offsite", 0, False, id="redirect-off-site"),
        pytest.param("f-blankline", "repaired_xml", 1, True, id="blank-line-before-xml-declaration"),
        pytest.param("f-entitybomb", "xml_entities", 0, False, id="xml-entity-bomb-refused"),
        pytest.param("f-feed403", "http_403", 0, False, id="feed-forbidden"),
        pytest.param("f-garbage", "bad_feed", 0, False, id="feed-is-not-a-feed"),
    ],
)
def test_fault_is_counted_and_the_crawl_goes_on(
    crawled: tuple[CrawlResult, LocalSite], name: str, error: str, stored: int, healthy: bool
) -> None:
    result, _site = crawled
    assert result.ok, "the crawl process itself must not fail"
    source = _source(result, name)
    assert source.errors.get(error, 0) >= 1, source.errors
    assert source.pages_stored == stored
    assert source.healthy is healthy


def test_retry_after_is_honoured(crawled: tuple[CrawlResult, LocalSite]) -> None:
    _result, site = crawled
    assert site.hits("/f-429/a.html") == 2
    assert site.hits("/f-500/a.html") == 2  # one retry (FUNDWATCH_CRAWL_RETRIES=1)


def test_offsite_redirect_target_is_never_fetched(crawled: tuple[CrawlResult, LocalSite]) -> None:
    _result, site = crawled
    assert site.hits("/x.html") == 0
