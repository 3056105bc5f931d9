"""Listings: feeds (incl. real ones from ../shared), news sitemaps, sitemap indexes, refused documents."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from crawler.discovery import DiscoveryError, DocKind, parse_datetime, parse_listing
from tests.crawler.sitegen import BASE_DAY, items, news_sitemap, rss, sitemap_index
from tests.shared_data import require_shared


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "entries", "repaired"),
    [
        pytest.param("techcrunch__feedburner-rss-2011-11-02.xml", 20, True, id="techcrunch-blank-line-first"),
        pytest.param("blog.pmarca.com__feedburner-atom-2008-08.xml", 40, False, id="atom"),
        pytest.param("brainspl.at__rss-2008-07.xml", 10, False, id="rss"),
        pytest.param("fiveyearstoolate__rss-2009-01.xml", None, False, id="wordpress-rss"),
    ],
)
def test_real_feeds_parse(name: str, entries: int | None, repaired: bool) -> None:
    listing = parse_listing(require_shared("corpus", "feeds", name).read_bytes())
    assert listing.kind is DocKind.FEED and listing.repaired is repaired
    assert len(listing.entries) == entries if entries else listing.entries
    assert all(e.url.startswith("http") and e.published for e in listing.entries)


@pytest.mark.shared
def test_feedburner_original_link_is_preferred() -> None:
    data = require_shared("corpus", "feeds", "techcrunch__feedburner-rss-2011-11-02.xml").read_bytes()
    urls = [e.url for e in parse_listing(data).entries]
    assert all(u.startswith("http://techcrunch.com/2011/") for u in urls)


def test_news_sitemap_gives_title_and_publication_date() -> None:
    listing = parse_listing(news_sitemap("https://n.example", items("a", 2)))
    assert listing.kind is DocKind.URLSET
    assert [(e.url, e.title, e.published, e.news) for e in listing.entries][0] == (
        "https://n.example/a/story-0.html",
        "a story 0",
        BASE_DAY,
        True,
    )


def test_gzipped_sitemap_index() -> None:
    body = gzip.compress(sitemap_index([("https://n.example/s1.xml", BASE_DAY)]))
    listing = parse_listing(body)
    assert listing.kind is DocKind.SITEMAP_INDEX and listing.entries[0].url == "https://n.example/s1.xml"


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        pytest.param(
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel>&a;</channel></rss>',
            "xml_entities",
            id="entity-declaration",
        ),
        pytest.param(
            b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><urlset>&x;</urlset>',
            "xml_entities",
            id="external-entity",
        ),
        pytest.param(b"<html><body>hello</body></html>", "bad_feed", id="html-page"),
        pytest.param(
            gzip.compress(b"<urlset>" + b" " * 5000 + b"</urlset>"), "too_large", id="gzip-over-limit"
        ),
    ],
)
def test_refused_documents(body: bytes, kind: str) -> None:
    with pytest.raises(DiscoveryError) as info:
        parse_listing(body, max_size=1000)
    assert info.value.kind == kind


def test_feed_with_tracking_links_keeps_them_for_canonicalisation() -> None:
    listing = parse_listing(rss("https://n.example", items("a", 1)), max_size=10_000)
    assert "utm_source=rss" in listing.entries[0].url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC), id="date-only"),
        pytest.param("2026-11-20T08:00:00Z", datetime(2026, 11, 20, 8, tzinfo=UTC), id="zulu"),
        pytest.param("2026-11-20T16:00:00+08:00", datetime(2026, 11, 20, 8, tzinfo=UTC), id="offset"),
        pytest.param("last tuesday", None, id="unreadable"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_datetime(text: str, expected: datetime | None) -> None:
    assert parse_datetime(text) == expected
