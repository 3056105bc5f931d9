"""Choose the element that holds an article's body: a selector, a known content container, or <body>."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from cssselect import SelectorError
from lxml import etree
from lxml.html import HtmlElement

# Class names of body containers in common CMSs (WordPress, Arc, Drupal, news themes), checked by substring.
CONTENT_CLASSES = (
    "entry-content", "post-content", "article-content", "article-body", "articlebody", "article__body",
    "article__content", "article-text", "story-body", "story-content", "post-body", "content-body",
    "body__container", "news-content", "article_content", "post_content", "entry_content", "rich-text",
    "news_txt", "index_cententWrap", "article-main", "article-detail",
)  # fmt: skip
CONTENT_IDS = ("article-body", "articleBody", "article-content", "story-body", "content-body", "main-content")
# Weight per kind of candidate: an explicit articleBody beats a class name, which beats a bare <article>.
_ITEMPROP, _CLASS, _ARTICLE, _ID = 1.3, 1.1, 1.0, 0.9
_NESTED_SHARE = 0.8
# A named body container wins over a generic <main>/<article> (which may wrap a teaser river) unless it
# holds less than this share of the generic one's text.
_NAMED_SHARE = 0.3
_COUSIN_LEVELS = 2
_CANDIDATES = etree.XPath(
    "descendant::article | descendant::main | descendant::*[@itemprop='articleBody']"
    " | descendant::div[@class][contains(@class, 'content') or contains(@class, 'body')"
    " or contains(@class, 'rich-text') or contains(@class, 'article') or contains(@class, 'news_txt')"
    " or contains(@class, 'cententWrap')]"
    " | descendant::section[@class][contains(@class, 'content') or contains(@class, 'body')]"
)
_CONTENT_CLASS = re.compile("|".join(re.escape(name) for name in CONTENT_CLASSES), re.I)


@dataclass(frozen=True, slots=True)
class Candidate:
    element: HtmlElement
    weight: float
    length: int

    @property
    def score(self) -> float:
        return self.length * self.weight


def choose_containers(root: HtmlElement, body_selector: str | None = None) -> list[HtmlElement]:
    """The elements whose text is the article body, in document order.

    `body_selector` (CSS) wins when it matches; otherwise a named container (articleBody, a CMS content
    class) unless it is tiny next to a generic <article>/<main>, then the tightest candidate that keeps
    most of the text; sibling containers of the same class (a body split by ads) all count; else <body>.
    """
    if body_selector:
        chosen = _select(root, body_selector)
        if chosen:
            return chosen
    candidates = _candidates(root)
    if not candidates:
        return [_body(root)]
    best = max(candidates, key=lambda candidate: candidate.score)
    named = [candidate for candidate in candidates if candidate.weight > _ARTICLE]
    if named:
        best_named = max(named, key=lambda candidate: candidate.score)
        if best_named.length >= _NAMED_SHARE * best.length:
            best = best_named
    best = _tightest(best, candidates)
    return _siblings_of_same_class(best.element)


def _select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        matches = root.cssselect(selector)
    except (SelectorError, etree.XPathError, ValueError):
        return []
    return [element for element in matches if not any(_is_inside(element, other) for other in matches)]


def _candidates(root: HtmlElement) -> list[Candidate]:
    found: list[Candidate] = []
    for element in _CANDIDATES(root):
        weight = _weight(element)
        if weight:
            found.append(Candidate(element, weight, _prose_length(element)))
    for name in CONTENT_IDS:
        element = _by_id(root, name)
        if element is not None:
            found.append(Candidate(element, _ID, _prose_length(element)))
    return [candidate for candidate in found if candidate.length]


def _weight(element: HtmlElement) -> float:
    if element.get("itemprop") == "articleBody":
        return _ITEMPROP
    if _CONTENT_CLASS.search(element.get("class") or ""):
        return _CLASS
    return _ARTICLE if element.tag in ("article", "main") else 0.0


def _by_id(root: HtmlElement, name: str) -> HtmlElement | None:
    try:
        found = root.xpath("id($name)", name=name)
    except etree.XPathError:
        return None
    return found[0] if found else None


def _prose_length(element: HtmlElement) -> int:
    """Characters of text outside links and scripts: menus and teaser lists are mostly links."""
    total = len(element.text_content())
    for inner in element.iter("a", "script", "style"):
        total -= len(inner.text_content())
    return max(total, 0)


def _tightest(best: Candidate, candidates: list[Candidate]) -> Candidate:
    """Descend to a candidate inside `best` that still holds most of its text (drops wrappers' extras)."""
    while True:
        inner = [
            candidate
            for candidate in candidates
            if candidate is not best
            and candidate.length >= _NESTED_SHARE * best.length
            and _is_inside(candidate.element, best.element)
        ]
        if not inner:
            return best
        best = max(inner, key=lambda candidate: candidate.score)


def _is_inside(element: HtmlElement, ancestor: HtmlElement) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _siblings_of_same_class(element: HtmlElement) -> list[HtmlElement]:
    """`element` and its siblings or cousins with the identical class (one body split into chunks by ads)."""
    name = element.get("class")
    scope = next(islice(element.iterancestors(), _COUSIN_LEVELS - 1, None), None)
    if scope is None or not name:
        return [element]
    parts = [other for other in scope.iter(element.tag) if other.get("class") == name]
    return [part for part in parts if not any(_is_inside(part, other) for other in parts)]


def _body(root: HtmlElement) -> HtmlElement:
    body = next(root.iter("body"), None)
    return body if body is not None else root
