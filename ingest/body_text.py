"""Turn a body container into plain text: drop page furniture, then one paragraph per line."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.etree import _Element

from ingest.html_text import text_of

# Never text: code, embeds and controls.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed",
    "button", "select", "textarea", "input", "video", "audio", "picture", "source",
)  # fmt: skip
# Page furniture: site navigation and asides name other stories (and other funding rounds).
FURNITURE_TAGS = ("nav", "aside", "footer", "dialog", "menu")
PAGE_ONLY_TAGS = ("header",)
# class/id prefixes of sidebars, teaser rivers and widgets, matched at the start of a class token or of a
# part of one split at "-"/"_" ("article-sidebar", "relatedPosts", "c-newsletter_signup").
FURNITURE_PREFIXES = (
    "sidebar", "related", "recommend", "morestories", "morefrom", "trending", "popular", "mostread",
    "newsletter", "subscribe", "signup", "comment", "share", "sharing", "social", "breadcrumb", "menu", "nav",
    "promo", "advert", "sponsor", "outbrain", "taboola", "recirc", "readmore", "alsoread", "youmay", "widget",
    "banner", "cookie", "paywall", "toolbar", "skiplink", "footer", "masthead", "tags", "taglist",
)  # fmt: skip
FURNITURE_TOKENS = frozenset({"ad", "ads", "more", "side", "aside", "hidden"})
_SEPARATORS = str.maketrans("_ \t\n", "----")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
# Furniture guard: a "sidebar"-classed element holding most of the body is a layout wrapper, not furniture.
_WRAPPER_SHARE = 0.5
BLOCK_TAGS = (
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
    "pre", "table", "tr", "caption", "figure", "figcaption", "section", "article", "main", "header",
    "address", "hr", "br", "center", "details", "summary", "form", "fieldset",
)  # fmt: skip
CELL_TAGS = ("td", "th")
_BREAK = "\ue000"  # private-use character: marks block boundaries until lines are split
# Characters libxml2 may leave in text (from "&#8;" or raw bytes) that lxml refuses when text is set.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def prune(container: _Element, *, is_page: bool) -> None:
    """Remove, in place, everything inside `container` that is not article text.

    `is_page` says the container is the whole page (<body>), whose <header> is site chrome.
    """
    tags = FURNITURE_TAGS + PAGE_ONLY_TAGS if is_page else FURNITURE_TAGS
    etree.strip_elements(container, *JUNK_TAGS, with_tail=False)
    doomed = [element for element in container.iter(*tags)]
    doomed += [form for form in container.iter("form") if next(form.iter("p"), None) is None]
    total = len(text_of(container))
    doomed += [element for element in _marked(container) if len(text_of(element)) < _WRAPPER_SHARE * total]
    for element in doomed:
        _drop(element)


def _marked(container: _Element) -> list[_Element]:
    """Descendants whose class/id names furniture, or that are hidden."""
    return [element for element in container.iterdescendants() if _is_furniture_or_hidden(element)]


def _is_furniture_or_hidden(element: _Element) -> bool:
    names, identifier = element.get("class"), element.get("id")
    if (names and is_furniture_name(names)) or (identifier and is_furniture_name(identifier)):
        return True
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    return bool(style and "none" in style and _HIDDEN_STYLE.search(style))


@lru_cache(maxsize=8192)
def is_furniture_name(names: str) -> bool:
    """Whether a class or id value marks page furniture.

    >>> [is_furniture_name(n) for n in ("related-posts", "c-newsletter_signup", "article-body", "ads")]
    [True, True, False, True]
    """
    parts = names.lower().translate(_SEPARATORS).split("-")
    return any(part.startswith(FURNITURE_PREFIXES) or part in FURNITURE_TOKENS for part in parts if part)


def _drop(element: _Element) -> None:
    """Remove `element` but keep its tail text, which belongs to the parent (no-op if already gone)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            _set_tail(previous, (previous.tail or "") + element.tail)
        else:
            _set_text(parent, (parent.text or "") + element.tail)
    parent.remove(element)


def render_text(container: _Element) -> str:
    """The container's text, one block (paragraph, heading, list item …) per line, whitespace collapsed."""
    for element in container.iter(*BLOCK_TAGS):
        _set_tail(element, _BREAK + element.tail if element.tail else _BREAK)
        if element.tag != "br" and element.tag != "hr":
            _set_text(element, _BREAK + element.text if element.text else _BREAK)
    for cell in container.iter(*CELL_TAGS):
        _set_tail(cell, " " + cell.tail if cell.tail else " ")
    raw = text_of(container)
    lines = (" ".join(part.split()) for part in raw.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _set_text(element: _Element, value: str) -> None:
    try:
        element.text = value
    except ValueError:  # libxml2 keeps characters lxml refuses to set, e.g. from "&#8;"
        element.text = _XML_ILLEGAL.sub("", value)


def _set_tail(element: _Element, value: str) -> None:
    try:
        element.tail = value
    except ValueError:
        element.tail = _XML_ILLEGAL.sub("", value)
