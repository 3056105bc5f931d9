"""Turn a body container into plain text: drop page furniture, then one paragraph per line."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# Never text: code, embeds and controls.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "math", "canvas", "object", "embed",
    "button", "select", "textarea", "input", "video", "audio", "picture", "source",
)  # fmt: skip
# Page furniture: site navigation and asides name other stories (and other funding rounds).
FURNITURE_TAGS = ("nav", "aside", "footer", "dialog", "menu")
PAGE_ONLY_TAGS = ("header",)
# class/id words of sidebars, teaser rivers and widgets; a word must start a class token or follow - or _.
FURNITURE_WORDS = (
    "sidebar", "side-bar", "related", "recommend", "more-stories", "morestories", "more-from", "more-news",
    "trending", "popular", "most-read", "mostread", "newsletter", "subscribe", "signup", "sign-up",
    "comment", "share", "sharing", "social", "breadcrumb", "menu", "nav", "promo", "advert", "sponsor",
    "outbrain", "taboola", "recirc", "read-more", "readmore", "also-read", "you-may", "widget", "banner",
    "cookie", "paywall", "toolbar", "skip-link", "footer", "masthead", "site-header", "tag-list", "tags",
)  # fmt: skip
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(map(re.escape, FURNITURE_WORDS)) + r"|ads?(?:$|[\s_-]))"
)
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


def prune(container: HtmlElement, *, is_page: bool) -> None:
    """Remove, in place, everything inside `container` that is not article text.

    `is_page` says the container is the whole page (<body>), whose <header> is site chrome.
    """
    tags = FURNITURE_TAGS + PAGE_ONLY_TAGS if is_page else FURNITURE_TAGS
    etree.strip_elements(container, *JUNK_TAGS, with_tail=False)
    doomed = [element for element in container.iter(*tags)]
    doomed += [form for form in container.iter("form") if next(form.iter("p"), None) is None]
    total = len(container.text_content())
    doomed += [
        element for element in _marked(container) if len(element.text_content()) < _WRAPPER_SHARE * total
    ]
    for element in doomed:
        _drop(element)


def _marked(container: HtmlElement) -> list[HtmlElement]:
    """Descendants whose class/id names furniture, or that are hidden."""
    marked = []
    for element in container.iterdescendants():
        names = element.get("class"), element.get("id")
        if (
            (names[0] and _FURNITURE.search(names[0].lower()))
            or (names[1] and _FURNITURE.search(names[1].lower()))
            or element.get("hidden") is not None
            or element.get("aria-hidden") == "true"
            or (style := element.get("style"))
            and _HIDDEN_STYLE.search(style)
        ):
            marked.append(element)
    return marked


def _drop(element: HtmlElement) -> None:
    """Remove `element` but keep its tail text, which belongs to the parent (no-op if already gone)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def render_text(container: HtmlElement) -> str:
    """The container's text, one block (paragraph, heading, list item …) per line, whitespace collapsed."""
    for element in container.iter(*BLOCK_TAGS):
        element.tail = _BREAK + element.tail if element.tail else _BREAK
        if element.tag != "br" and element.tag != "hr":
            element.text = _BREAK + element.text if element.text else _BREAK
    for cell in container.iter(*CELL_TAGS):
        cell.tail = " " + cell.tail if cell.tail else " "
    raw = container.text_content()
    lines = (" ".join(part.split()) for part in raw.split(_BREAK))
    return "\n".join(line for line in lines if line)
