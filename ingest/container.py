"""Choose the element that holds an article's body: a selector, a known content container, or <body>."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from cssselect import ExpressionError, HTMLTranslator, SelectorError
from lxml import etree
from lxml.etree import _Element

from ingest.body_text import FURNITURE_TAGS

# Class names of body containers in common CMSs (WordPress, Arc, Drupal, news themes), checked by substring.
CONTENT_CLASSES = (
    "entry-content", "post-content", "article-content", "article-body", "articlebody", "article__body",
    "article__content", "article-text", "story-body", "story-content", "post-body", "content-body",
    "body__container", "news-content", "article_content", "post_content", "entry_content", "rich-text",
    "news_txt", "index_cententWrap", "article-main", "article-detail",
)  # fmt: skip
# Whole class tokens that name a body container but are too short to match as substrings.
CONTENT_TOKENS = frozenset(
    {"entry", "body-copy", "bodycopy", "post-entry", "articletext", "article", "story"}
)
# ids of body containers, looked for on the container tags only (the parser keeps no id table: see parse.py).
CONTENT_IDS = frozenset(
    {"article-body", "articleBody", "article-content", "story-body", "content-body", "main-content"}
)
# Weight per kind of candidate: an explicit articleBody beats a class name, which beats a bare <article>.
_ITEMPROP, _CLASS, _ARTICLE, _ID = 1.3, 1.1, 1.0, 0.9
_NESTED_SHARE = 0.8
# A named body container wins over a generic <main>/<article> (which may wrap a teaser river) unless it
# holds less than this share of the generic one's text.
_NAMED_SHARE = 0.3
_COUSIN_LEVELS = 2
# In a feed fragment (no <head>) a container must hold this share of the text to be the body.
_FRAGMENT_SHARE = 0.5
# Tags worth a look as containers; a Python pass over them is ~4x cheaper than the equivalent XPath.
_CONTAINER_TAGS = ("div", "section", "article", "main")
_GENERIC_TAGS = ("article", "main")
_NON_PROSE = etree.XPath(
    "descendant::a//text() | descendant::script//text() | descendant::style//text()",
    smart_strings=False,
    regexp=False,
)
_TEXT_LENGTH = etree.XPath("string-length()", regexp=False)
_CLASSES_OF = {
    tag: etree.XPath(f"descendant-or-self::{tag}/@class", smart_strings=False, regexp=False)
    for tag in _CONTAINER_TAGS
}
_CONTENT_CLASS = re.compile("|".join(re.escape(name.lower()) for name in CONTENT_CLASSES))


@lru_cache(maxsize=8192)
def names_content(names: str) -> bool:
    """Whether a class attribute names a CMS body container (cached: pages repeat their class strings).

    >>> [names_content(n) for n in ("entry-content clearfix", "c-entry", "sidebar", "Story-Body")]
    [True, False, False, True]
    """
    if not _may_name_content(names):
        return False
    lowered = names.lower()
    return bool(_CONTENT_CLASS.search(lowered)) or not CONTENT_TOKENS.isdisjoint(lowered.split())


def _may_name_content(names: str) -> bool:
    """Substring prefilter (on the names as written) that every content class passes."""
    return any(part in names for part in ("nt", "ody", "rticle", "ext", "txt", "tory"))


class Candidate:
    """A possible body container. Its prose length (`_prose_length`) is computed on first use: all its text
    (`bound`, one cheap XPath) is an upper bound, which often settles the choice without it."""

    __slots__ = ("_length", "bound", "element", "weight")

    def __init__(self, element: _Element, weight: float) -> None:
        self.element = element
        self.weight = weight
        self.bound = int(_TEXT_LENGTH(element))
        self._length: int | None = None

    @property
    def length(self) -> int:
        if self._length is None:
            self._length = _prose_length(self.element, self.bound)
        return self._length

    @property
    def score(self) -> float:
        return self.length * self.weight

    @property
    def bound_score(self) -> float:
        return self.bound * self.weight


def choose_containers(root: _Element, body_selector: str | None = None) -> list[_Element]:
    """The elements whose text is the article body, in document order.

    `body_selector` (CSS) wins when it matches; otherwise a named container (articleBody, a CMS content
    class) unless it is tiny next to a generic <article>/<main>, then the tightest candidate that keeps
    most of the text; sibling containers of the same class (a body split by ads) all count; else <body>.
    Furniture tags inside the candidates are removed in place first (see below), as `prune` would.
    """
    if body_selector:
        chosen = _select(root, body_selector)
        if chosen:
            return chosen
    found = _candidate_elements(root)
    _strip_furniture_in(found, root)
    candidates = [Candidate(element, weight) for element, weight in found]
    best_named = _best([candidate for candidate in candidates if candidate.weight > _ARTICLE])
    if best_named is not None and best_named.length >= _NAMED_SHARE * max(c.bound for c in candidates):
        best = best_named  # whichever candidate scores best, the named one holds enough of its text
    else:
        best = _best(candidates)
        if best is None:
            return [_body(root)]
        if best_named is not None and best_named.length >= _NAMED_SHARE * best.length:
            best = best_named
    chosen = _siblings_of_same_class(_tightest(best, candidates).element)
    body = _body(root)
    if next(root.iterchildren("head"), None) is None and not _holds_article(chosen, body):
        return [body]  # a feed fragment is the article; a container in it is an embedded widget
    return chosen


def _select(root: _Element, selector: str) -> list[_Element]:
    try:
        matches = root.xpath(HTMLTranslator().css_to_xpath(selector))
    except (SelectorError, ExpressionError, etree.XPathError, ValueError):
        return []
    if not isinstance(matches, list):
        return []
    matches = [element for element in matches if isinstance(element, _Element)]
    return [element for element in matches if not any(_is_inside(element, other) for other in matches)]


def _candidate_elements(root: _Element) -> list[tuple[_Element, float]]:
    """Weighted possible containers, ties going to the later element (ids last), as max() sees them.

    One pass over the container tags reading two attributes each: a Python call per element is what
    costs here (an XPath predicate per element costs more still), so the weight is decided inline.
    """
    found: list[tuple[_Element, float]] = []
    by_id: dict[str, _Element] = {}  # the first element of each content id, as an id table would give it
    for element in root.iter(_CONTAINER_TAGS):
        ident = element.get(b"id")
        if ident in CONTENT_IDS and ident not in by_id:
            by_id[ident] = element
        names = element.get(b"class")  # bytes names: lxml would encode a str name on every call
        if element.get(b"itemprop") == "articleBody":
            weight = _ITEMPROP
        elif names and names_content(names):
            weight = _CLASS
        elif element.tag in _GENERIC_TAGS:
            weight = _ARTICLE
        else:
            continue
        found.append((element, weight))
    found += [(element, _ID) for element in by_id.values()]
    return list({id(element): (element, weight) for element, weight in reversed(found)}.values())


def _strip_furniture_in(found: list[tuple[_Element, float]], root: _Element) -> None:
    """Remove the furniture (<nav>, <aside>, <footer> …) inside the candidates, as `prune` would from the
    chosen one, so that their lengths count only text that can reach the article: a teaser river in an
    <aside> no longer makes its <main> look like the longest story (nor costs the measuring).

    One strip per candidate that is the nearest one around some furniture. A candidate inside removed
    furniture (odd or broken markup: an <aside> never closed) is still in `found`, and lxml keeps an element
    that is referenced alive with its subtree: it is measured, and may win, on its own text.
    """
    furniture = list(root.iter(*FURNITURE_TAGS))
    if not furniture:
        return
    candidate_ids = {id(element) for element, _ in found}  # lxml hands out one proxy per live element
    holders: dict[int, _Element] = {}
    for element in furniture:
        holder = next((up for up in element.iterancestors(*_CONTAINER_TAGS) if id(up) in candidate_ids), None)
        if holder is not None:
            holders[id(holder)] = holder
    for holder in holders.values():
        etree.strip_elements(holder, *FURNITURE_TAGS, with_tail=False)


def _best(candidates: list[Candidate]) -> Candidate | None:
    """`max(candidates with prose, key=score)`, the first of equal scores as max() takes it.

    Prose lengths are computed in decreasing order of their bounds while a bound can still reach the best
    score so far; every candidate that could equal it is then known, and most others never need theirs
    (a page's teaser <article>s, whose text is all links).
    """
    best_score = -1.0
    for candidate in sorted(candidates, key=lambda candidate: candidate.bound_score, reverse=True):
        if candidate.bound_score < best_score:
            break
        if candidate.length and candidate.score > best_score:
            best_score = candidate.score
    if best_score < 0:
        return None  # no candidate holds prose
    return next(c for c in candidates if c._length and c.score == best_score)  # noqa: SLF001


def _prose_length(element: _Element, total: int | None = None) -> int:
    """Characters of text outside links and scripts (menus and teaser lists are mostly links); `total` is
    the element's whole text length when the caller has it already."""
    total = int(_TEXT_LENGTH(element)) if total is None else total
    return max(total - sum(map(len, _NON_PROSE(element))), 0)


def _tightest(best: Candidate, candidates: list[Candidate]) -> Candidate:
    """Descend to a candidate inside `best` that still holds most of its text (drops wrappers' extras)."""
    while True:
        floor = _NESTED_SHARE * best.length  # > 0: candidates without prose never qualify
        inner = [
            candidate
            for candidate in candidates
            if candidate is not best
            and candidate.bound >= floor
            and _is_inside(candidate.element, best.element)
            and candidate.length >= floor
        ]
        if not inner:
            return best
        best = max(inner, key=lambda candidate: candidate.score)


def _holds_article(chosen: list[_Element], body: _Element) -> bool:
    """Whether `chosen` holds at least half of the fragment's text."""
    return sum(map(_prose_length, chosen)) >= _FRAGMENT_SHARE * _prose_length(body)


def _is_inside(element: _Element, ancestor: _Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _siblings_of_same_class(element: _Element) -> list[_Element]:
    """`element` and its siblings or cousins with the identical class (one body split into chunks by ads)."""
    name = element.get("class")
    scope = next(islice(element.iterancestors(), _COUSIN_LEVELS - 1, None), None)
    if scope is None or not name:
        return [element]
    classes = _CLASSES_OF.get(element.tag)
    if classes is not None and classes(scope).count(name) == 1:
        return [element]  # the usual case, decided from plain strings without element objects
    parts = [other for other in scope.iter(element.tag) if other.get("class") == name]
    return [part for part in parts if not any(_is_inside(part, other) for other in parts)]


def _body(root: _Element) -> _Element:
    # A child of <html> as libxml2 builds it (iterchildren costs half of find's ElementPath); else deeper.
    body = next(root.iterchildren("body"), None)
    if body is None:
        body = next(root.iter("body"), None)
    return body if body is not None else root
