"""ingest.parse on small pages written for these tests: where each field comes from, and in which order.

The snippets are made up (fictional companies, our own wording) and each case names the rule it pins.
"""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import ingest.lang
from ingest.body_text import _collapse
from ingest.parse import ParseError, parse

URL = "https://news.example/story"
BODY = "<p>Northwind Robotics has raised a seed round to build warehouse arms for small shops.</p>"


def page(head: str = "", body: str = BODY, html_attrs: str = "") -> str:
    return f"<!DOCTYPE html><html{html_attrs}><head>{head}</head><body>{body}</body></html>"


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


TITLE_AND_DATE_CASES = [
    pytest.param(
        page(ld('{"@type": "NewsArticle", "headline": "LD title", "datePublished": "2024-03-05T09:30:00+01:00"}')
             + '<meta property="og:title" content="OG title">'),
        "LD title", at(2024, 3, 5, 8, 30), id="jsonld-beats-opengraph",
    ),
    pytest.param(
        page(ld('{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Site"},'
                ' {"@type": "BlogPosting", "headline": "In graph", "datePublished": "2023-01-02"}]}')),
        "In graph", at(2023, 1, 2), id="jsonld-graph-date-only-is-midnight-utc",
    ),
    pytest.param(
        page(ld('[{"@type": "BreadcrumbList"}, {"@type": ["Article", "Thing"], "headline": "Listed",'
                ' "datePublished": "2022-06-30T23:00:00Z"}]')),
        "Listed", at(2022, 6, 30, 23), id="jsonld-top-level-list-and-type-list",
    ),
    pytest.param(
        page(ld('<!--{"@type": "NewsArticle", "headline": "Wrapped", "datePublished": "2021-05-04"};-->')),
        "Wrapped", at(2021, 5, 4), id="jsonld-in-html-comment",
    ),
    pytest.param(
        page(ld('{"@type": "NewsArticle", "headline": broken') + '<meta property="og:title" content="OG only">'
             + '<meta property="article:published_time" content="2020-02-29T12:00:00Z">'),
        "OG only", at(2020, 2, 29, 12), id="invalid-jsonld-falls-back-to-opengraph",
    ),
    pytest.param(
        page('<meta name="pubdate" content="2019-11-18T20:58:46-08:00"><title>Plain title</title>'),
        "Plain title", at(2019, 11, 19, 4, 58, 46), id="meta-pubdate-with-offset",
    ),
    pytest.param(page('<meta name="DC.date" content="2018-10-09"><title>T</title>'), "T", at(2018, 10, 9),
                 id="meta-dublin-core"),
    pytest.param(page('<meta name="parsely-pub-date" content="2017-07-01T10:00:00Z"><title>T</title>'), "T",
                 at(2017, 7, 1, 10), id="meta-parsely"),
    pytest.param(page('<meta name="sailthru.date" content="2019-11-18 20:58:46"><title>T</title>'), "T",
                 at(2019, 11, 18, 20, 58, 46), id="meta-sailthru-naive-is-utc"),
    pytest.param(page('<meta property="article:published_time" content="November 19, 2019, 07:47 PM EST">'),
                 "", at(2019, 11, 20, 0, 47), id="meta-us-byline-with-zone-abbreviation"),
    pytest.param(page("<title>From time</title>", BODY + '<time datetime="2016-11-29T15:00:19">Nov 29</time>'),
                 "From time", at(2016, 11, 29, 15, 0, 19), id="time-element-datetime"),
    pytest.param(page("", "<h1>Only a heading</h1>" + BODY + "<time>August 18, 2010 3:21 PM PDT</time>"),
                 "Only a heading", at(2010, 8, 18, 22, 21), id="h1-title-and-time-element-text"),
    pytest.param(page('<meta property="og:title" content="Rise | Example News">'
                      '<meta property="og:site_name" content="Example News">'), "Rise", None,
                 id="site-name-suffix-stripped"),
    pytest.param(page('<meta property="og:title" content="&amp;#039;Quoted&amp;#039; story">'), "'Quoted' story",
                 None, id="double-escaped-entities-unescaped"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "title", "published"), TITLE_AND_DATE_CASES)
def test_title_and_published(html: str, title: str, published: datetime | None) -> None:
    article = parse(html, URL)
    assert (article.title, article.published_at) == (title, published)


def test_published_hint_only_when_the_page_has_no_date() -> None:
    hint = datetime(2011, 11, 2, 15, 0, tzinfo=UTC)
    assert parse(BODY, URL, published_hint=hint).published_at == hint
    dated = page('<meta property="article:published_time" content="2011-11-01T08:00:00Z">')
    assert parse(dated, URL, published_hint=hint).published_at == at(2011, 11, 1, 8)


def test_naive_hint_is_taken_as_utc() -> None:
    assert parse(BODY, URL, published_hint=datetime(2011, 11, 2, 15)).published_at == at(2011, 11, 2, 15)


def test_site_name_from_opengraph_then_jsonld_publisher() -> None:
    og = page('<meta property="og:site_name" content="Example Wire">')
    publisher = page(ld('{"@type": "NewsArticle", "headline": "H", "publisher": {"@type": "Organization",'
                        ' "name": "Example Daily"}}'))  # fmt: skip
    assert (parse(og, URL).site_name, parse(publisher, URL).site_name) == ("Example Wire", "Example Daily")


ENGLISH = (
    "<p>" + "The company said on Tuesday that the new funding will pay for hiring and research. " * 3 + "</p>"
)
GERMAN = "<p>" + "Das Unternehmen teilte am Dienstag mit, dass die neue Finanzierung für Personal und Forschung " \
    "verwendet werden soll. " * 3 + "</p>"  # fmt: skip
CHINESE = (
    "<p>某机器人公司宣布完成数千万元A轮融资，由某资本领投，老股东继续跟投，资金将用于研发和市场拓展。</p>"
)

LANG_CASES = [
    pytest.param(page(body=ENGLISH, html_attrs=' lang="en-US"'), "en", id="html-lang"),
    pytest.param(page('<meta property="og:locale" content="de_DE">', GERMAN), "de", id="og-locale"),
    pytest.param(page('<meta http-equiv="content-language" content="zh-CN">', CHINESE), "zh",
                 id="content-language"),
    pytest.param(CHINESE, "zh", id="undeclared-chinese-by-script"),
    pytest.param(GERMAN, "de", id="undeclared-german-by-detector"),
    pytest.param(ENGLISH, "en", id="undeclared-english-by-detector"),
    pytest.param(page(body=ENGLISH, html_attrs=' lang="de"'), "en", id="site-wide-lang-contradicted-by-text"),
    pytest.param(page(body=CHINESE, html_attrs=' lang="en"'), "zh", id="latin-lang-on-chinese-text"),
    pytest.param("<div>Airwallex<br>跨境支付平台<br>E轮 / 2亿美元<br>投资方: Lone Pine Capital、DST Global</div>", "zh",
                 id="chinese-card-full-of-english-names"),
    pytest.param(page(body="<p>Short.</p>", html_attrs=' lang="fr"'), "fr", id="too-short-to-doubt-declared"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "lang"), LANG_CASES)
def test_language(html: str, lang: str) -> None:
    assert parse(html, URL).lang == lang


ENGLISH = "The startup said on Tuesday that it has raised a new round of funding from two of its investors."
GERMAN = (
    "Das Unternehmen hat in der neuen Runde mit den Investoren auch die Mittel für das Wachstum gesichert."
)


@pytest.mark.parametrize(
    ("declared", "text", "lang"),
    [("de", ENGLISH, "en"), (None, ENGLISH, "en"), ("en", GERMAN, "de"), ("de", GERMAN, "de")],
)
def test_english_and_german_function_words_decide_without_the_detector(
    monkeypatch: pytest.MonkeyPatch, declared: str | None, text: str, lang: str
) -> None:
    # The detector costs a quarter of a plain lxml parse when it runs cold after a parse; an English story
    # on a German edition is told by its function words alone.
    def no_detector() -> None:
        raise AssertionError("the detector was consulted")

    monkeypatch.setattr(ingest.lang, "_identifier", no_detector)
    assert ingest.lang.detect_lang(declared, text) == lang


STORY = "<p>Contoso Analytics closed a Series B led by Example Ventures.</p>"
OTHER = "Fabrikam raised a Series C"  # a different company's round that must not reach extraction

BODY_CASES = [
    pytest.param(f"<nav><a>{OTHER}</a></nav><article>{STORY}</article>", id="nav"),
    pytest.param(f"<article>{STORY}<aside><p>{OTHER}</p></aside></article>", id="aside-inside-article"),
    pytest.param(f'<div class="entry-content">{STORY}<div class="related-posts"><p>{OTHER}</p></div></div>',
                 id="related-class"),
    pytest.param(f'<main>{STORY}<section id="recommendedStories"><p>{OTHER}</p></section></main>',
                 id="recommended-id-camel-case"),
    pytest.param(f'<div class="article-body">{STORY}<ul class="c-trending"><li>{OTHER}</li></ul></div>',
                 id="trending"),
    pytest.param(f'<article>{STORY}<div class="newsletter_signup"><p>{OTHER}</p></div></article>',
                 id="newsletter"),
    pytest.param(f'<article>{STORY}<div class="more-stories"><p>{OTHER}</p></div></article>', id="more-stories"),
    pytest.param(f"<header><p>{OTHER}</p></header><div>{STORY}</div><footer><p>{OTHER}</p></footer>",
                 id="page-header-and-footer"),
    pytest.param(f'<article>{STORY}<div class="comments"><p>{OTHER}</p></div></article>', id="comments"),
    pytest.param(f'<article>{STORY}<p style="display: none">{OTHER}</p></article>', id="hidden-by-style"),
    pytest.param(f'<div class="sidebar"><p>{OTHER}</p></div><div class="post-content">{STORY}</div>'
                 f'<script>var x = "{OTHER}";</script>', id="sidebar-and-script"),
    pytest.param(f'<main><div class="entry-content">{STORY}</div><article class="teaser"><p>{OTHER} and more '
                 f'news from the river of teasers.</p></article></main>', id="named-container-beats-main"),
]  # fmt: skip


@pytest.mark.parametrize("body", BODY_CASES)
def test_furniture_is_dropped(body: str) -> None:
    text = parse(page("<title>T</title>", body), URL).text
    assert "Contoso Analytics closed a Series B" in text
    assert OTHER not in text


RIVER = f"<p>{OTHER}, and more news from the river of teasers that fills the rest of the page.</p>" * 3


def test_content_id_names_the_body_container() -> None:
    html = page(body=f'<div class="layout">{RIVER}<section id="article-body">{STORY}</section></div>')
    assert parse(html, URL).text == "Contoso Analytics closed a Series B led by Example Ventures."


def test_content_id_counts_on_container_tags_only() -> None:
    # A decision (the parser keeps no id table): ids are read on div/section/article/main, where the
    # container candidates are; a table cell so named is not a candidate, and the page is the body.
    html = page(
        body=f'<div class="layout">{RIVER}<table><tr><td id="article-body">{STORY}</td></tr></table></div>'
    )
    assert OTHER in parse(html, URL).text


def test_a_river_in_an_aside_does_not_make_its_main_the_body() -> None:
    # The <aside> is dropped before the candidates are measured: <main> holds the story and a caption
    # only, so the named container keeps what it holds (before, the river's text made <main> win).
    html = page(
        body=f'<main><p>Photo: a warehouse in Leeds.</p><div class="article-body">{STORY}</div>'
        f"<aside>{RIVER * 4}</aside></main>"
    )
    assert parse(html, URL).text == "Contoso Analytics closed a Series B led by Example Ventures."


def test_a_time_in_furniture_inside_the_story_is_not_its_date() -> None:
    # A decision: the related story's <time> in an <aside> inside the <article> went with the furniture,
    # so the page has no date of its own; a <time> in the story itself still dates it.
    related = (
        '<aside><p>Related: Fabrikam raised a Series C</p><time datetime="2019-01-01">Jan 1</time></aside>'
    )
    assert parse(page(body=f"<article>{STORY}{related}</article>"), URL).published_at is None
    own = '<time datetime="2024-03-05T10:00:00Z">March 5</time>'
    assert parse(page(body=f"<article>{own}{STORY}{related}</article>"), URL).published_at == at(
        2024, 3, 5, 10
    )


def test_a_body_inside_furniture_markup_is_kept() -> None:
    # Broken or odd markup (an <aside> never closed, a layout column tagged <aside>) can hold the body
    # container: the <aside> is dropped from <main>, but the container inside it is still measured on its
    # own text, and wins.
    html = page(body=f'<main><aside><div class="entry-content">{STORY}</div><p>{OTHER}</p></main>')
    assert parse(html, URL).text == "Contoso Analytics closed a Series B led by Example Ventures."


def test_wrapper_with_a_furniture_word_is_kept() -> None:
    html = page(body=f'<div class="has-sidebar"><div class="entry">{STORY}</div></div>')
    assert "Contoso" in parse(html, URL).text


def test_body_selector_overrides_the_choice() -> None:
    html = page(body=f'<article>{STORY}</article><div class="x-story"><p>Picked by selector.</p></div>')
    assert parse(html, URL, body_selector="div.x-story").text == "Picked by selector."


@pytest.mark.parametrize("selector", ["div[", "::nonsense", "p:nth-child(x)", "div.nothing-matches"])
def test_bad_or_unmatched_selector_falls_back(selector: str) -> None:
    assert "Contoso" in parse(page(body=f"<article>{STORY}</article>"), URL, body_selector=selector).text


def test_text_has_one_block_per_line_with_whitespace_collapsed() -> None:
    html = page(body="<h2>Deal  news</h2><p>First\n   paragraph <b>bold</b>, <a href='#'>link</a>.</p>"
                "<ul><li>one</li><li>two</li></ul><p>line<br>break</p><table><tr><td>a</td><td>b</td></tr></table>")  # fmt: skip
    assert parse(html, URL).text == "Deal news\nFirst paragraph bold, link.\none\ntwo\nline\nbreak\na b"


def test_chunks_of_one_body_split_by_ads_are_all_kept() -> None:
    chunk = '<div class="grid"><div class="body__container">{}</div></div>'
    html = page(body="<article>" + chunk.format(STORY) + "<div class='ad'>Buy now</div>"
                + chunk.format("<p>Second chunk of the same story.</p>") + "</article>")  # fmt: skip
    assert parse(html, URL).text.split("\n") == [
        "Contoso Analytics closed a Series B led by Example Ventures.",
        "Second chunk of the same story.",
    ]


def test_fragment_without_html_or_body() -> None:
    html = "<p>Womply-style fragment: the startup raised money.</p><img src='x.png'><p>Second line.</p>"
    article = parse(html, URL)
    assert (article.title, article.text) == (
        "",
        "Womply-style fragment: the startup raised money.\nSecond line.",
    )


def test_widget_inside_a_fragment_is_not_taken_for_the_body() -> None:
    widget = '<div class="body-copy"><p>Profile text from an embedded company database widget.</p></div>'
    html = "<p>" + "The real feed item text is here and much longer than the widget. " * 4 + "</p>" + widget
    assert parse(html, URL).text.startswith("The real feed item text")


def test_plain_text_is_a_fragment_too() -> None:
    assert parse("Just a sentence from a feed summary.", URL).text == "Just a sentence from a feed summary."


CHARSET_CASES = [
    pytest.param('<meta charset="iso-8859-1"><p>Café – “Série A”</p>'.encode(), "Café – “Série A”",
                 id="declared-latin1-but-utf8-bytes"),
    pytest.param('<meta charset="iso-8859-1"><p>Café société</p>'.encode("latin-1"), "Café société",
                 id="real-latin1"),
    pytest.param('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>“Quoted” €5</p>'
                 .encode("cp1252"), "“Quoted” €5", id="real-windows-1252"),
    pytest.param('<meta charset="gbk"><p>完成A轮融资</p>'.encode("gbk"), "完成A轮融资", id="gbk-declared"),
    pytest.param('<meta charset="gb2312"><p>完成A轮融资，领投方为某资本</p>'.encode("gb18030"), "完成A轮融资，领投方为某资本",
                 id="gb2312-label-gb18030-bytes"),
    pytest.param("<p>这家公司宣布完成了新一轮融资，本轮由多家知名机构共同投资。</p>".encode("gbk"),
                 "这家公司宣布完成了新一轮融资，本轮由多家知名机构共同投资。", id="gbk-undeclared"),
    pytest.param(b"\xef\xbb\xbf<p>Caf\xc3\xa9</p>", "Café", id="utf8-bom"),
    pytest.param("<p>Café</p>".encode("utf-16"), "Café", id="utf16-bom"),
    pytest.param(b'<meta charset="utf-16"><p>ascii</p>', "ascii", id="meta-utf16-means-utf8"),
    pytest.param("<p>Truncated UTF-8: Café".encode() + "融".encode()[:2], "Truncated UTF-8: Café\ufffd\ufffd",
                 id="utf8-cut-mid-character-stays-utf8"),
    pytest.param(b"<p>nul\x00byte</p>", "nul\ufffdbyte", id="nul-byte"),
    pytest.param(b'<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>xml decl</p></body></html>',
                 "xml decl", id="xml-declaration"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "text"), CHARSET_CASES)
def test_bytes_are_decoded(data: bytes, text: str) -> None:
    assert parse(data, URL).text == text


def test_http_charset_argument_is_used_for_undeclared_bytes() -> None:
    data = "<p>Ærø og Åbenrå</p>".encode("iso-8859-1")
    assert parse(data, URL, encoding="iso-8859-1").text == "Ærø og Åbenrå"


BAD_INPUT_CASES = [
    pytest.param(b"", id="empty-bytes"),
    pytest.param("", id="empty-str"),
    pytest.param(b"  \n\t ", id="whitespace"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
    pytest.param(b"%PDF-1.7\n%binary", id="pdf"),
    pytest.param(bytes(range(32)) * 50, id="control-bytes"),
    pytest.param("<html><head></head><body><script>var a = 1;</script></body></html>", id="no-text-no-title"),
    pytest.param("<!-- only a comment -->", id="only-comment"),
]


@pytest.mark.parametrize("data", BAD_INPUT_CASES)
def test_unreadable_input_is_a_parse_error(data: bytes | str) -> None:
    with pytest.raises(ParseError):
        parse(data, URL)


def test_parse_error_is_a_value_error() -> None:
    assert issubclass(ParseError, ValueError)


def test_huge_page_parses() -> None:
    filler = "<div class='item'><p>Paragraph of a very long page about many things.</p></div>" * 40_000
    article = parse(page("<title>Huge</title>", filler).encode(), URL)
    assert article.title == "Huge" and article.text.count("\n") == 39_999


def test_deeply_nested_markup_parses() -> None:
    html = "<div>" * 1500 + "<p>Deep text.</p>" + "</div>" * 1500
    assert "Deep text." in parse(html, URL).text


def test_nesting_beyond_libxml2s_limit_is_a_clean_error() -> None:
    """libxml2 stops descending at depth ~2048 and drops what is deeper: nothing readable is left."""
    with pytest.raises(ParseError, match="no text"):
        parse("<div>" * 5000 + "<p>Too deep.</p>" + "</div>" * 5000, URL)


RENDER_CASES = [
    pytest.param("<p>Lead<span class='share-tools'>Share</span> and tail.</p>", "Lead and tail.",
                 id="tail-of-dropped-furniture-kept"),
    pytest.param("<p>one<nav>menu</nav>two</p><p>three</p>", "onetwo\nthree", id="tail-of-dropped-tag-kept"),
    pytest.param("<p><b>Lead</b><span class='share'>Share</span> and <i>tail</i>.<span hidden>x</span></p>",
                 "Lead and tail.", id="tail-after-a-sibling-kept"),
    pytest.param("<p>a</p><div class='related'><div class='share'>s</div>r</div>b<form><b>f</b></form>c",
                 "a\nbc", id="nested-furniture-and-a-form-removed-once"),
    pytest.param("<p>a&nbsp;&nbsp;b\u3000c\u2009d</p>", "a b c d", id="unicode-whitespace-collapsed"),
    pytest.param("<div>x<div>y</div>z</div>", "x\ny\nz", id="nested-blocks-split-lines"),
    pytest.param("<p>a<br><br>b<hr>c</p>", "a\nb\nc", id="empty-lines-dropped"),
    pytest.param("<p>  <b>bold</b> <i>italic</i>  </p>", "bold italic", id="space-between-inline-elements"),
    pytest.param("<table><tr><th>Round</th><td>Series A</td></tr></table>", "Round Series A", id="cells"),
    pytest.param("<p>x<script>var a = 1;</script>y</p>", "xy", id="script-text-dropped"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "text"), RENDER_CASES)
def test_rendered_text(body: str, text: str) -> None:
    assert parse(page("<title>T</title>", body), URL).text == text


WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(WHITESPACE) + list("ab\u00e9\u4e00\ue000\u00ad.")), max_size=60))
def test_a_block_collapses_as_splitting_into_words_would(block: str) -> None:
    # The fast path (a stripped block that is printable and has no double space is kept as it is) must give
    # what joining its words gives, for every whitespace character str.split knows.
    assert _collapse(block) == " ".join(block.split())


def test_parse_keeps_no_element_of_the_page_alive() -> None:
    """Caches (class names, furniture names) must hold plain strings, not lxml results tied to the tree."""
    classes = " ".join(f'<div class="share-{n} related-{n}"><p>{n}</p></div>' for n in range(40))
    parse(
        page(body=f'<article class="post-content">{STORY}{classes}</article>', html_attrs=' id="leak-probe"'),
        URL,
    )
    gc.collect()
    alive = [obj for obj in gc.get_objects() if isinstance(obj, etree._Element | etree._ElementUnicodeResult)]
    roots = [getattr(obj, "getparent", lambda: None)() if isinstance(obj, str) else obj for obj in alive]
    assert not [
        root for root in roots if root is not None and root.getroottree().getroot().get("id") == "leak-probe"
    ]
