"""Turn a body container into plain text: drop page furniture, then one paragraph per line."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.etree import _Element

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
# The tag of elements `prune` condemns: upper case, which no parsed page has (libxml2's HTML parser
# lower-cases tag names).
_DOOMED = "FUNDWATCH-DOOMED"


def prune(container: _Element, *, is_page: bool) -> None:
    """Remove, in place, everything inside `container` that is not article text.

    `is_page` says the container is the whole page (<body>), whose <header> is site chrome.
    Tag removal runs inside lxml first, so the class/id checks and the wrapper guard (which measures text)
    only see what survives it: a teaser river in an <aside> costs nothing. What those checks condemn is
    renamed and removed by one more strip (a Python removal per element costs ~3 µs: lxml walks the
    subtree it detaches); an element's tail text stays, as the strip leaves text nodes where they are.
    """
    furniture = FURNITURE_TAGS + PAGE_ONLY_TAGS if is_page else FURNITURE_TAGS
    forms: list[_Element] = []
    if next(container.iterdescendants("form"), None) is None:
        # No form to judge: one pass strips both groups (each call has a fixed cost; the result is the same).
        etree.strip_elements(container, *JUNK_TAGS, *furniture, with_tail=False)
    else:
        etree.strip_elements(container, *JUNK_TAGS, with_tail=False)
        forms = [form for form in container.iterdescendants("form") if next(form.iter("p"), None) is None]
        etree.strip_elements(container, *furniture, with_tail=False)
    doomed = forms
    if marked := _marked(container):  # the container's text length is only needed to judge these
        limit = _WRAPPER_SHARE * _TEXT_LENGTH(container)
        doomed = forms + [element for element in marked if _TEXT_LENGTH(element) < limit]
    if doomed:
        for element in doomed:
            element.tag = _DOOMED
        etree.strip_elements(container, _DOOMED, with_tail=False)


def _marked(container: _Element) -> dict[_Element, None]:
    """Descendants whose class/id names furniture, or that are hidden (attribute values from one XPath)."""
    marked: dict[_Element, None] = {}
    for value in _FLAGS(container):
        name = value.attrname
        if name == "class" or name == "id":
            if is_furniture_name(str(value)):  # a plain copy: the cache must not keep the tree alive
                marked[value.getparent()] = None
        elif name == "hidden" or (name == "aria-hidden" and value == "true") or _hides(value, name):
            marked[value.getparent()] = None
    return marked


def _hides(value: str, name: str) -> bool:
    return name == "style" and "none" in value and _HIDDEN_STYLE.search(value) is not None


@lru_cache(maxsize=8192)
def is_furniture_name(names: str) -> bool:
    """Whether a class or id value marks page furniture.

    >>> [is_furniture_name(n) for n in ("related-posts", "c-newsletter_signup", "article-body", "ads")]
    [True, True, False, True]
    """
    parts = names.lower().translate(_SEPARATORS).split("-")
    return any(part.startswith(FURNITURE_PREFIXES) or part in FURNITURE_TOKENS for part in parts if part)


def render_text(container: _Element) -> str:
    """The container's text, one block (paragraph, heading, list item …) per line, whitespace collapsed.

    An XSLT stylesheet writes the text with a marker around each block in one pass inside libxslt; str
    methods then cut the blocks and collapse whitespace (a regex over non-ASCII text is ~10x slower).
    """
    return "\n".join(filter(None, map(_collapse, _xslt_text(_BLOCK_TEXT(container)).split(_BREAK))))


def _collapse(block: str) -> str:
    """`block` with each run of whitespace one space, none at either end.

    Most blocks are already so once stripped: printable means no whitespace but " " (tabs, line breaks and
    Unicode spaces are not printable), and checking that costs a fraction of splitting a long text into
    words and joining them again.
    """
    block = block.strip()
    return block if "  " not in block and block.isprintable() else " ".join(block.split())


def _xslt_text(result: etree._XSLTResultTree) -> str:
    """`str(result)` without its per-call costs: lxml's str() looks the output encoding up by name and runs
    a regex that strips a leading XML declaration, which a text starting with "<?xml" still gets."""
    text = bytes(result).decode("utf-8")
    return str(result) if text.startswith("<?xml") else text


def _block_stylesheet() -> etree.XSLT:
    blocks = "|".join(tag for tag in BLOCK_TAGS if tag not in _EMPTY_BLOCKS)
    return etree.XSLT(
        etree.XML(
            f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="{blocks}">{_BREAK}<xsl:apply-templates/>{_BREAK}</xsl:template>
<xsl:template match="{"|".join(_EMPTY_BLOCKS)}"><xsl:apply-templates/>{_BREAK}</xsl:template>
<xsl:template match="{"|".join(CELL_TAGS)}"><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
</xsl:stylesheet>"""
        ),
        regexp=False,
    )


_EMPTY_BLOCKS = ("br", "hr")
_BLOCK_TEXT = _block_stylesheet()
_TEXT_LENGTH = etree.XPath("string-length()", regexp=False)
_FLAGS = etree.XPath(
    "descendant::*/@class | descendant::*/@id | descendant::*/@hidden | descendant::*/@aria-hidden"
    " | descendant::*/@style",
    regexp=False,
)
