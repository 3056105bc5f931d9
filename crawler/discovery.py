"""Article URLs listed by a feed (RSS/Atom) or a sitemap (plain, news, index): pure parsing, no I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from time import struct_time

import feedparser
from lxml import etree
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip

GZIP_MAGIC = b"\x1f\x8b"
# An internal DTD subset that declares entities is how "billion laughs" and external-entity attacks
# start; no real feed or sitemap needs one, so such a document is refused before any parser sees it.
ENTITY_DECL = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I | re.S)
SITEMAP_ROOT = re.compile(rb"<(?:[\w-]+:)?(urlset|sitemapindex)[\s>]")


class DocKind(StrEnum):
    FEED = "feed"
    URLSET = "urlset"
    SITEMAP_INDEX = "sitemapindex"


class DiscoveryError(ValueError):
    """A feed or sitemap that cannot be used; `kind` names the error for the crawl statistics."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True, slots=True)
class Entry:
    """One listed URL with what the listing says about it (used as hints when the page is stored)."""

    url: str
    title: str | None = None
    published: datetime | None = None
    news: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    kind: DocKind
    entries: tuple[Entry, ...]
    repaired: bool = False  # leading junk before the XML declaration was removed


def parse_datetime(text: str | None) -> datetime | None:
    """An ISO 8601 / W3C datetime as UTC (a date alone is midnight UTC); None when unreadable.

    >>> parse_datetime("2026-11-26T09:30:00+08:00")
    datetime.datetime(2026, 11, 26, 1, 30, tzinfo=datetime.timezone.utc)
    """
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _struct_to_utc(value: struct_time | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def _prepare(body: bytes, max_size: int) -> tuple[bytes, bool]:
    if body[:2] == GZIP_MAGIC:
        try:
            body = gunzip(body, max_size=max_size)
        except _DecompressionMaxSizeExceeded as exc:
            raise DiscoveryError("too_large", str(exc)) from None
        except (OSError, EOFError) as exc:
            raise DiscoveryError("bad_gzip", str(exc)) from None
    stripped = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if ENTITY_DECL.search(stripped, 0, 65536):
        raise DiscoveryError("xml_entities", "document declares XML entities (refused)")
    return stripped, stripped != body and body[:3] != b"\xef\xbb\xbf"


def parse_listing(body: bytes, max_size: int = 50 * 1024 * 1024) -> Listing:
    """Parse a feed or sitemap document, whichever it is."""
    data, repaired = _prepare(body, max_size)
    root = SITEMAP_ROOT.search(data, 0, 4096)
    if root is None:
        return Listing(DocKind.FEED, parse_feed(data), repaired)
    kind = DocKind.SITEMAP_INDEX if root.group(1) == b"sitemapindex" else DocKind.URLSET
    return Listing(kind, parse_sitemap(data), repaired)


def parse_feed(data: bytes) -> tuple[Entry, ...]:
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        why = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise DiscoveryError("bad_feed", f"not a feed: {why}")
    entries = []
    for e in parsed.entries:
        link = e.get("feedburner_origlink") or e.get("link")
        if link:
            published = _struct_to_utc(e.get("published_parsed") or e.get("updated_parsed"))
            entries.append(Entry(link.strip(), (e.get("title") or "").strip() or None, published))
    return tuple(entries)


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(data: bytes) -> tuple[Entry, ...]:
    """The <url> (or <sitemap>) entries of a sitemap, with news:publication_date and news:title."""
    try:
        root = etree.fromstring(data, parser=_PARSER)
    except etree.XMLSyntaxError as exc:
        raise DiscoveryError("bad_sitemap", f"sitemap is not XML: {exc}") from None
    if root is None:
        raise DiscoveryError("bad_sitemap", "sitemap is empty")
    entries = []
    for item in root:
        fields: dict[str, str] = {}
        for child in item:
            name = _local(child.tag)
            if name == "news":
                fields.update({f"news_{_local(c.tag)}": (c.text or "").strip() for c in child})
                fields["news"] = "1"
            else:
                fields[name] = (child.text or "").strip()
        if fields.get("loc"):
            published = parse_datetime(fields.get("news_publication_date") or fields.get("lastmod"))
            title = fields.get("news_title") or None
            entries.append(Entry(fields["loc"], title, published, news="news" in fields))
    return tuple(entries)
