"""Find the article object in a page's JSON-LD (schema.org NewsArticle & co., in @graph or lists)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "techarticle", "liveblogposting", "socialmediaposting",
        "report", "scholarlyarticle", "posting",
    }
)  # fmt: skip
_MAX_DEPTH = 6
_MAX_NODES = 500
_MAX_SCRIPT = 2_000_000


@dataclass(frozen=True, slots=True)
class LinkedData:
    """The fields of the first article-typed object that parsing needs; None where absent."""

    headline: str | None = None
    published: str | None = None
    language: str | None = None
    publisher: str | None = None


def read_linked_data(scripts: Iterable[str]) -> LinkedData:
    """The article facts from the texts of `<script type="application/ld+json">` elements.

    >>> read_linked_data(['{"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"], "headline": "X"}]}'])
    LinkedData(headline='X', published=None, language=None, publisher=None)
    """
    for script in scripts:
        for node in _nodes(_load(script)):
            if _is_article(node):
                return LinkedData(
                    headline=_text(node.get("headline")) or _text(node.get("name")),
                    published=_text(node.get("datePublished")) or _text(node.get("dateCreated")),
                    language=_text(node.get("inLanguage")),
                    publisher=_name(node.get("publisher")),
                )
    return LinkedData()


def _load(script: str) -> Any:
    text = script.strip()
    if not text or len(text) > _MAX_SCRIPT or not _may_hold_article(text):
        return None
    # CMSs wrap JSON-LD in HTML comments or CDATA markers and leave trailing semicolons.
    for prefix in ("<!--", "//<![CDATA[", "<![CDATA["):
        text = text.removeprefix(prefix).lstrip()
    for suffix in ("-->", "//]]>", "]]>", ";"):
        text = text.removesuffix(suffix).rstrip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _may_hold_article(text: str) -> bool:
    """Every article type's name contains one of these words: other scripts need no JSON parsing."""
    lowered = text.lower()
    return "article" in lowered or "posting" in lowered or "report" in lowered


def _nodes(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Objects in document order, following lists and @graph, to a bounded depth and count."""
    stack: list[tuple[Any, int]] = [(value, depth)]
    seen = 0
    while stack and seen < _MAX_NODES:
        item, level = stack.pop()
        seen += 1
        if isinstance(item, list) and level < _MAX_DEPTH:
            stack.extend((child, level + 1) for child in reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict) and level < _MAX_DEPTH:
                stack.append((graph, level + 1))


def _is_article(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].lower() in ARTICLE_TYPES for k in kinds)


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)
