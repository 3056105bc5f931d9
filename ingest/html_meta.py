"""What a page says about itself: title, publication time, language, site name (JSON-LD, OpenGraph, meta)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime

from lxml.etree import _Element

from ingest.html_text import text_of
from ingest.jsonld import LinkedData, read_linked_data
from ingest.pubdate import parse_timestamp

# Meta names/properties that carry the publication time, most specific first.
PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "published_time",
    "datepublished", "pubdate", "publishdate", "pub_date", "publish-date", "publish_date", "article.published",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
    "dcterms.created", "citation_publication_date", "date", "og:updated_time",
)  # fmt: skip
TITLE_KEYS = ("og:title", "twitter:title", "sailthru.title", "parsely-title", "dc.title", "title")
LANG_KEYS = ("og:locale", "content-language", "dc.language", "language")
SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title")
_TITLE_SEPARATORS = " |–—-:·»"


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Metadata as declared by the page; None where it declares nothing usable."""

    title: str | None = None
    published: datetime | None = None
    lang: str | None = None
    site_name: str | None = None


def read_meta(root: _Element) -> PageMeta:
    """The page's own metadata: JSON-LD first, then OpenGraph and other <meta> tags, then <title>/<h1>."""
    meta_elements, scripts = _meta_and_scripts(root)
    metas = _meta_values(meta_elements)
    linked = read_linked_data(script.text or "" for script in scripts)
    site_name = _first(metas, SITE_KEYS) or linked.publisher
    return PageMeta(
        title=_title(root, linked, metas, site_name),
        published=_published(linked, metas),
        lang=_declared_lang(root, metas) or normalize_lang(linked.language),
        site_name=site_name,
    )


def normalize_lang(tag: str | None) -> str | None:
    """ISO 639-1 code for a language tag as pages write it.

    >>> [normalize_lang(t) for t in ("en-US", "zh_CN", "de-DE, en", "eng", "x", None)]
    ['en', 'zh', 'de', 'en', None, None]
    """
    if not tag:
        return None
    code = re.split(r"[-_,;\s]", tag.strip().lower(), maxsplit=1)[0]
    code = _THREE_LETTER.get(code, code)
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


_THREE_LETTER = {"eng": "en", "deu": "de", "ger": "de", "zho": "zh", "chi": "zh", "fra": "fr", "fre": "fr"}


def _meta_and_scripts(root: _Element) -> tuple[list[_Element], list[_Element]]:
    """<meta> elements and JSON-LD <script>s in document order, from one walk over the tree."""
    metas: list[_Element] = []
    scripts: list[_Element] = []
    for element in root.iter("meta", "script"):
        if element.tag == "meta":
            metas.append(element)
        elif "ld+json" in (element.get(b"type") or "").lower():
            scripts.append(element)
    return metas, scripts


_KEY_ATTRIBUTES = (b"property", b"name", b"itemprop", b"http-equiv")


def _meta_values(meta_elements: list[_Element]) -> dict[str, str]:
    """First non-empty content per lower-cased meta key (property, name, itemprop or http-equiv)."""
    values: dict[str, str] = {}
    for meta in meta_elements:
        content = meta.get(b"content")  # bytes names: lxml would encode a str name on every call
        if not content or not content.strip():
            continue
        for attribute in _KEY_ATTRIBUTES:
            key = meta.get(attribute)
            if key:
                values.setdefault(key.strip().lower(), content.strip())
    return values


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        if key in metas:
            return " ".join(metas[key].split())
    return None


def _published(linked: LinkedData, metas: dict[str, str]) -> datetime | None:
    found = parse_timestamp(linked.published)
    for key in PUBLISHED_KEYS:
        if found is not None:
            break
        if key in metas:  # most pages have two or three of the 21 keys
            found = parse_timestamp(metas[key])
    return found


def _declared_lang(root: _Element, metas: dict[str, str]) -> str | None:
    declared = (
        root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang")
    )
    return normalize_lang(declared) or normalize_lang(_first(metas, LANG_KEYS))


def _title(root: _Element, linked: LinkedData, metas: dict[str, str], site: str | None) -> str | None:
    title = linked.headline or _first(metas, TITLE_KEYS)
    for tag in ("title", "h1"):
        if title:
            break
        element = next(root.iter(tag), None)
        title = " ".join(text_of(element).split()) if element is not None else None
    if title and "&" in title:  # some CMSs escape entities twice ("&amp;#039;")
        title = html.unescape(title)
    return _strip_site(title, site) if title else None


def _strip_site(title: str, site: str | None) -> str:
    """'Headline | Site' and 'Site | Headline' lose the site name (compared case-insensitively)."""
    if not site or title.lower() == site.lower():
        return title
    lowered, name = title.lower(), site.lower()
    if lowered.endswith(name):
        trimmed = title[: -len(name)].rstrip()
        if trimmed and trimmed[-1] in _TITLE_SEPARATORS:
            return trimmed.rstrip(_TITLE_SEPARATORS) or title
    if lowered.startswith(name):
        trimmed = title[len(name) :].lstrip()
        if trimmed and trimmed[0] in _TITLE_SEPARATORS:
            return trimmed.lstrip(_TITLE_SEPARATORS) or title
    return title
