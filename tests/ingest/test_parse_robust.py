"""Property tests: whatever bytes or text arrive, parse returns an Article or raises ParseError, nothing else.

Inputs are random text and bytes, and real saved pages (../shared/corpus/pages/) cut, flipped and stripped
of tags at random.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.parse import ParseError, parse
from ingest.types import Article
from tests.shared_data import shared_dir

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TAG = re.compile(rb"<[^<>]{0,200}>")


def parse_or_parse_error(data: bytes | str, **options: object) -> None:
    try:
        article = parse(data, "https://example.test/x", **options)  # type: ignore[arg-type]
    except ParseError:
        return
    assert isinstance(article, Article)
    assert article.published_at is None or article.published_at.tzinfo is not None


@cache
def corpus_pages() -> list[bytes]:
    folder = shared_dir() / "corpus" / "pages"
    if not folder.is_dir():
        return []
    # Small and mid-sized pages keep the property runs quick; the big ones are covered by the corpus test.
    return [path.read_bytes() for path in sorted(folder.glob("*.html")) if path.stat().st_size < 130_000]


@FAST
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    parse_or_parse_error(text)


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    parse_or_parse_error(data)


MARKUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div class='entry-content'>",
            "</div>",
            "<article>",
            "<nav>",
            "<br>",
            "<script>",
            "<html lang='zz-ZZ'>",
            "<meta charset='gbk'>",
            "<meta charset='utf-16'>",
            "<?xml version='1.0'?>",
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "',
            '<meta property="article:published_time" content="',
            "9999-99-99",
            "2024-02-30T25:61:00+99:00",
            '"}</script>',
            '">',
            "<time datetime='",
            "'>",
            "融资",
            "Series A",
            "\x00",
            "\ufeff",
            "&#0;",
            "&amp;",
            "<![CDATA[",
            "]]>",
            "<!--",
            "-->",
            "<table><tr><td>",
            "<svg>",
        ]  # fmt: skip
    ),
    max_size=60,
).map("".join)


@FAST
@given(MARKUP, st.sampled_from([None, "div.entry-content", "p >", "*", "::x"]))
def test_random_markup(markup: str, selector: str | None) -> None:
    parse_or_parse_error(markup, body_selector=selector)
    parse_or_parse_error(markup.encode("utf-8", "surrogatepass"), encoding="latin-1")


def mutate(page: bytes, data: st.DataObject) -> bytes:
    kind = data.draw(st.sampled_from(["slice", "flip", "untag"]))
    if kind == "slice":
        start = data.draw(st.integers(0, len(page)))
        return page[start : data.draw(st.integers(start, len(page)))]
    if kind == "flip":
        mutable = bytearray(page)
        for _ in range(data.draw(st.integers(1, 50))):
            mutable[data.draw(st.integers(0, len(page) - 1))] = data.draw(st.integers(0, 255))
        return bytes(mutable)
    tags = list(TAG.finditer(page))
    doomed = {m.span() for m in data.draw(st.lists(st.sampled_from(tags), max_size=40))} if tags else set()
    return TAG.sub(lambda m: b"" if m.span() in doomed else m.group(0), page)


@FAST
@given(st.data())
def test_mutated_corpus_pages(data: st.DataObject) -> None:
    pages = corpus_pages()
    if not pages:
        pytest.skip(f"{shared_dir()} is missing: mutated real pages need the shared corpus")
    parse_or_parse_error(mutate(data.draw(st.sampled_from(pages)), data))
