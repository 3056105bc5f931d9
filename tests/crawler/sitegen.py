"""Generate small news sites (feed, news sitemap, sitemap index, article pages) for crawler tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

from tests.crawler.localsite import Page

BASE_DAY = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)


def article_html(title: str, n: int, filler: int = 0) -> bytes:
    body = f"<p>Paragraph {n} of a test page written for the fundwatch crawler tests.</p>" + "x" * filler
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}"></head><body><article><h1>{title}</h1>{body}'
        f"</article></body></html>"
    ).encode()


def rss(base: str, items: list[tuple[str, str, datetime]], leading: bytes = b"") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}?utm_source=rss&amp;utm_medium=feed</link>"
        f"<pubDate>{d.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        for p, t, d in items
    )
    return (
        leading
        + (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>'
            f"<link>{base}/</link>{entries}</channel></rss>"
        ).encode()
    )


def news_sitemap(base: str, items: list[tuple[str, str, datetime]]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}{p}</loc><news:news><news:publication><news:name>Test</news:name>"
        f"<news:language>en</news:language></news:publication>"
        f"<news:publication_date>{d.isoformat()}</news:publication_date><news:title>{t}</news:title>"
        f"</news:news></url>"
        for p, t, d in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def sitemap_index(children: list[tuple[str, datetime]]) -> bytes:
    items = "".join(
        f"<sitemap><loc>{u}</loc><lastmod>{d.isoformat()}</lastmod></sitemap>" for u, d in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def with_etag(page: Page):  # type: ignore[no-untyped-def]
    """A handler answering 304 when the request carries the page's current ETag."""
    etag = '"' + hashlib.sha1(page.body).hexdigest()[:16] + '"'

    def handler(req: BaseHTTPRequestHandler) -> Page:
        if req.headers.get("If-None-Match") == etag:
            return Page(b"", 304, {"ETag": etag})
        return Page(page.body, page.status, {**page.headers, "ETag": etag})

    return handler


def items(prefix: str, n: int, start: int = 0) -> list[tuple[str, str, datetime]]:
    return [
        (f"/{prefix}/story-{i}.html", f"{prefix} story {i}", BASE_DAY - timedelta(hours=i))
        for i in range(start, start + n)
    ]


XML = {"Content-Type": "application/xml; charset=utf-8"}
