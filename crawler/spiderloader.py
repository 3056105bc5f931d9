"""Scrapy's spider loader for fundwatch: one spider per source in the sources file (`scrapy crawl NAME`)."""

from __future__ import annotations

from pathlib import Path

from scrapy import Request, Spider
from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from crawler.sources import SourceConfig, load_sources
from crawler.urls import is_allowed

DEFAULT_SPIDER = "crawler.spiders.news.NewsSpider"


def spider_for(source: SourceConfig, base: str = DEFAULT_SPIDER) -> type[Spider]:
    """A NewsSpider subclass bound to one source (named after it)."""
    parent = load_object(base)
    return type(f"{parent.__name__}_{source.name}", (parent,), {"name": source.name, "source": source})


class SourceSpiderLoader:
    """Spiders from FUNDWATCH_SOURCES_FILE rather than from Python modules."""

    def __init__(self, sources: list[SourceConfig]) -> None:
        self._sources = {s.name: s for s in sources}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SourceSpiderLoader:
        return cls(load_sources(Path(settings.get("FUNDWATCH_SOURCES_FILE"))))

    def load(self, spider_name: str) -> type[Spider]:
        source = self._sources.get(spider_name)
        if source is None:
            raise KeyError(f"Spider not found: {spider_name}")
        return spider_for(source)

    def list(self) -> list[str]:
        return [name for name, s in self._sources.items() if s.enabled]

    def find_by_request(self, request: Request) -> list[str]:
        return [name for name, s in self._sources.items() if is_allowed(request.url, s.allowed_domains)]
