"""Text of an lxml element without lxml.html's per-element Python class lookup."""

from __future__ import annotations

from lxml import etree
from lxml.etree import _Element

_STRING = etree.XPath("string()", smart_strings=False, regexp=False)


def text_of(element: _Element) -> str:
    """All text inside `element` (not its tail), like lxml.html's text_content()."""
    return str(_STRING(element))
