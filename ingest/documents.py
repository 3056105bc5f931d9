"""Turn the inputs of `fundwatch extract` (files, JSON Lines records) into Articles (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from ingest.charset import to_unicode
from ingest.parse import looks_binary, parse
from ingest.types import Article


class BadDocument(ValueError):
    """An input record that cannot be turned into an article; the message says why."""


def looks_like_html(data: bytes) -> bool:
    """HTML when the first non-blank bytes open a tag.

    >>> looks_like_html(b"  <!doctype html><p>x"), looks_like_html(b"Acme raised $5M")
    (True, False)
    """
    return data.lstrip()[:1] == b"<"


def published_from(value: Any) -> datetime | None:
    """`"YYYY-MM-DD"` (or a full ISO timestamp) as a UTC datetime; None when absent."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadDocument(f'"published" must be a string like "2024-03-05", not {type(value).__name__}')
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), datetime.min.time(), UTC)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadDocument(f'"published" is not a date: {value!r} (expected YYYY-MM-DD)') from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def text_article(text: str, url: str, published: datetime | None) -> Article:
    """A plain-text document: all of it is body text (a headline line stays part of the text)."""
    return Article(url=url, title="", text=text.strip(), published_at=published)


def article_from_bytes(data: bytes, url: str, published: datetime | None) -> Article:
    """A saved page (parsed as HTML) or a text file (UTF-8, or the encoding charset detection finds)."""
    if looks_like_html(data):
        return parse(data, url, published_hint=published)
    if looks_binary(data):
        raise BadDocument("binary data, not an HTML page or a text file")
    return text_article(to_unicode(data), url, published)


def article_from_record(record: Mapping[str, Any]) -> Article:
    """One `--jsonl` record: {"id", "text"} or {"id", "html", "url"}, optional "published"."""
    published = published_from(record.get("published"))
    html, text = record.get("html"), record.get("text")
    if html is not None:
        if not isinstance(html, str):
            raise BadDocument('"html" must be a string')
        url = record.get("url") or ""
        if not isinstance(url, str):
            raise BadDocument('"url" must be a string')
        return parse(html, url, published_hint=published)
    if text is not None:
        if not isinstance(text, str):
            raise BadDocument('"text" must be a string')
        return text_article(text, str(record.get("url") or ""), published)
    raise BadDocument('a record needs "text", or "html" with "url"')
