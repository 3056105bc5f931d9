"""The sources file: which outlets to crawl, as plain data (TOML) loaded into frozen dataclasses."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import ExpressionError, HTMLTranslator, SelectorError

from fundwatch.settings import SettingsError

NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")


class SourcesError(SettingsError):
    """The sources file cannot be used; the message names the file and the bad entry."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """One outlet: where its article URLs are listed and which hosts the crawl may visit."""

    name: str
    language: str | None = None
    homepage: str | None = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    article_pattern: str | None = None
    sitemap_follow: str | None = None
    max_sitemaps: int = 3
    selectors: tuple[tuple[str, str], ...] = ()
    drop_params: tuple[str, ...] = ()
    enabled: bool = True

    def matches_article(self, url: str) -> bool:
        return self.article_pattern is None or re.search(self.article_pattern, url) is not None


KNOWN_KEYS = tuple(f.name for f in fields(SourceConfig))
# Only the body: title and date come from JSON-LD and <meta>, which every bundled source has.
SELECTOR_KEYS = ("body",)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _check_url(where: str, key: str, url: Any) -> str:
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not _host(url):
        raise SourcesError(f"{where}: {key} entry {url!r} is not an http(s) URL")
    return url


def _check_regex(where: str, key: str, value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SourcesError(f"{where}: {key} must be a string (a regular expression)")
    try:
        re.compile(value)
    except re.error as exc:
        raise SourcesError(f"{where}: {key} {value!r} is not a valid regular expression: {exc}") from None
    return value


def _list(where: str, raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SourcesError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _selectors(where: str, raw: Any) -> tuple[tuple[str, str], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise SourcesError(f"{where}: selectors must be a table of CSS selectors")
    unknown = sorted(set(raw) - set(SELECTOR_KEYS))
    if unknown:
        raise SourcesError(f"{where}: unknown selector {unknown[0]!r} (known: {', '.join(SELECTOR_KEYS)})")
    for key, css in raw.items():
        try:
            HTMLTranslator().css_to_xpath(css)
        except (SelectorError, ExpressionError) as exc:
            raise SourcesError(
                f"{where}: selectors.{key} {css!r} is not a valid CSS selector: {exc}"
            ) from None
    return tuple(sorted(raw.items()))


def _source(where: str, raw: Any) -> SourceConfig:
    if not isinstance(raw, dict):
        raise SourcesError(f"{where}: each [[source]] must be a table")
    unknown = sorted(set(raw) - set(KNOWN_KEYS))
    if unknown:
        raise SourcesError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(KNOWN_KEYS)})")
    name = raw.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise SourcesError(f"{where}: name {name!r} must be lower-case letters, digits, '-' or '_'")
    where = f"{where} ({name!r})"
    feeds = tuple(_check_url(where, "feeds", u) for u in _list(where, raw, "feeds"))
    sitemaps = tuple(_check_url(where, "sitemaps", u) for u in _list(where, raw, "sitemaps"))
    if not feeds and not sitemaps:
        raise SourcesError(f"{where}: needs at least one of feeds or sitemaps")
    domains = _list(where, raw, "allowed_domains") or tuple(dict.fromkeys(_host(u) for u in feeds + sitemaps))
    max_sitemaps = raw.get("max_sitemaps", 3)
    if not isinstance(max_sitemaps, int) or isinstance(max_sitemaps, bool) or max_sitemaps < 1:
        raise SourcesError(f"{where}: max_sitemaps must be a positive whole number")
    for key in ("language", "homepage"):
        if not isinstance(raw.get(key, ""), str):
            raise SourcesError(f"{where}: {key} must be a string")
    if not isinstance(raw.get("enabled", True), bool):
        raise SourcesError(f"{where}: enabled must be true or false")
    return SourceConfig(
        name=name,
        language=raw.get("language"),
        homepage=raw.get("homepage"),
        feeds=feeds,
        sitemaps=sitemaps,
        allowed_domains=tuple(d.lower() for d in domains),
        article_pattern=_check_regex(where, "article_pattern", raw.get("article_pattern")),
        sitemap_follow=_check_regex(where, "sitemap_follow", raw.get("sitemap_follow")),
        max_sitemaps=max_sitemaps,
        selectors=_selectors(where, raw.get("selectors")),
        drop_params=_list(where, raw, "drop_params"),
        enabled=raw.get("enabled", True),
    )


def load_sources(path: Path | str) -> list[SourceConfig]:
    """Every source in a sources file, in file order; SourcesError (one line) for a malformed file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(f"{path}: cannot read the sources file: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - {"source"})
    if unknown:
        raise SourcesError(f"{path}: unknown top-level key {unknown[0]!r} (expected [[source]] tables)")
    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list):
        raise SourcesError(f"{path}: 'source' must be an array of tables ([[source]])")
    sources = [_source(f"{path}: source #{i + 1}", raw) for i, raw in enumerate(raw_sources)]
    seen: set[str] = set()
    for s in sources:
        if s.name in seen:
            raise SourcesError(f"{path}: source name {s.name!r} appears twice")
        seen.add(s.name)
    return sources


def body_selectors(path: Path | str) -> dict[str, str]:
    """Source name -> CSS selector of its article body, for the sources that set `selectors.body`
    (what ingest passes to ingest.parse.parse)."""
    return {s.name: dict(s.selectors)["body"] for s in load_sources(path) if "body" in dict(s.selectors)}
