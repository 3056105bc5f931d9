"""The bundled demo news site agrees with itself: feeds, pages, metadata and expected.json.

The site (fundwatch/demo/site) is what `fundwatch demo` serves and crawls; expected.json is what the
pipeline must extract from it. These tests check the site, not the pipeline: when one fails, fix the
page, the feed or expected.json so that they say the same thing again.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree

from ingest.serialize import parse_announced, round_from_dict
from ingest.types import RoundCode, RoundStatus

SITE = Path(__file__).resolve().parents[2] / "fundwatch" / "demo" / "site"
BASE = "{BASE}"
SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
ROUND_KEYS = [
    "company",
    "round",
    "round_label",
    "amount",
    "currency",
    "amount_text",
    "valuation",
    "valuation_currency",
    "lead_investors",
    "other_investors",
    "announced_on",
    "status",
    "background",
    "evidence",
]
NAMESPACE_URLS = {
    "https://schema.org",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.google.com/schemas/sitemap-news/0.9",
    "http://www.w3.org/2005/Atom",
    "http://purl.org/dc/elements/1.1/",
    "http://www.w3.org/2000/svg",
}
USD_ALERT_THRESHOLD = 100_000_000

EXPECTED: list[dict[str, Any]] = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
BY_PATH = {entry["path"]: entry for entry in EXPECTED}
ARTICLE_FILES = sorted(p.relative_to(SITE).as_posix() for p in SITE.glob("*/articles/*.html"))
HTML_FILES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))


def _site_path(url: str) -> str:
    """`{BASE}/a/b.html` -> `a/b.html`; fails on any link not written against the placeholder."""
    assert url.startswith(BASE + "/"), f"{url!r} must start with {BASE}/ (the demo server fills in the host)"
    return url[len(BASE) + 1 :]


def _rss_entries() -> list[tuple[str, str, datetime]]:
    root = etree.parse(str(SITE / "dailyfund" / "feed.xml")).getroot()
    return [
        ("dailyfund", item.findtext("link"), parsedate_to_datetime(item.findtext("pubDate")))
        for item in root.iter("item")
    ]


def _sitemap_entries() -> list[tuple[str, str, datetime]]:
    root = etree.parse(str(SITE / "asiabeat" / "sitemap.xml")).getroot()
    return [
        (
            "asiabeat",
            url.findtext("sm:loc", namespaces=SITEMAP_NS),
            datetime.fromisoformat(url.findtext("news:news/news:publication_date", namespaces=SITEMAP_NS)),
        )
        for url in root.findall("sm:url", SITEMAP_NS)
    ]


LISTED = _rss_entries() + _sitemap_entries()
LISTED_AT = {_site_path(link): published for _, link, published in LISTED}


def _soup(path: str) -> BeautifulSoup:
    return BeautifulSoup((SITE / path).read_text(encoding="utf-8"), "lxml")


def _meta(soup: BeautifulSoup, prop: str) -> str:
    tag = soup.find("meta", attrs={"property": prop})
    assert isinstance(tag, Tag), f"missing <meta property={prop!r}>"
    return str(tag["content"])


def _news_article(soup: BeautifulSoup) -> dict[str, Any]:
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    found = [b for b in blocks if b.get("@type") == "NewsArticle"]
    assert len(found) == 1, "expected exactly one JSON-LD NewsArticle block"
    return found[0]


def _body_paragraphs(soup: BeautifulSoup) -> list[str]:
    """The article's own paragraphs (not its header, not the related-stories sidebar)."""
    assert soup.article is not None
    return [" ".join(p.get_text().split()) for p in soup.article.find_all("p", recursive=False)]


def _rounds() -> list[tuple[str, int, dict[str, Any]]]:
    return [(e["path"], i, r) for e in EXPECTED for i, r in enumerate(e["rounds"])]


def _round_id(item: tuple[str, int, dict[str, Any]]) -> str:
    path, i, r = item
    return f"{Path(path).stem}#{i}-{r['company']}"


ROUNDS = _rounds()


@pytest.mark.parametrize("link", [link for _, link, _ in LISTED], ids=lambda link: Path(link).stem)
def test_listing_link_resolves_to_a_file(link: str) -> None:
    path = _site_path(link)
    assert (SITE / path).is_file(), f"{link} is listed but {path} does not exist"
    assert not path.startswith("private/"), f"{link}: /private/ must never be listed"


def test_every_article_is_listed_exactly_once() -> None:
    counts = Counter(_site_path(link) for _, link, _ in LISTED)
    assert {p: n for p, n in counts.items() if n != 1} == {}
    assert sorted(counts) == ARTICLE_FILES


def test_each_outlet_lists_only_its_own_articles() -> None:
    assert all(_site_path(link).startswith(source + "/articles/") for source, link, _ in LISTED)


def test_expected_json_describes_every_article_once() -> None:
    assert [e["path"] for e in EXPECTED] == list(BY_PATH)
    assert sorted(BY_PATH) == ARTICLE_FILES
    assert 18 <= len(EXPECTED) <= 22


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: Path(p).stem)
def test_article_metadata(path: str) -> None:
    soup = _soup(path)
    entry = BY_PATH[path]
    canonical = f"{BASE}/{path}"
    assert soup.html is not None and soup.title is not None and soup.title.get_text(strip=True)
    assert str(soup.html.get("lang", "")).split("-")[0] == entry["lang"]
    assert entry["source"] == path.split("/")[0]
    link = soup.find("link", rel="canonical")
    assert isinstance(link, Tag) and link["href"] == canonical
    assert _meta(soup, "og:url") == canonical
    assert _meta(soup, "og:type") == "article"
    assert _meta(soup, "og:title") and _meta(soup, "og:description") and _meta(soup, "og:site_name")
    ld = _news_article(soup)
    assert ld["headline"] == _meta(soup, "og:title")
    assert all(a.get("name") for a in ld["author"]) and ld["author"]
    assert ld["publisher"]["name"] == _meta(soup, "og:site_name")


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: Path(p).stem)
def test_page_has_the_parts_of_a_news_page(path: str) -> None:
    soup = _soup(path)
    header = soup.body.find("header", recursive=False) if soup.body else None
    assert isinstance(header, Tag) and header.nav is not None, "needs a top <header> with a <nav>"
    assert soup.article is not None and soup.footer is not None
    assert soup.find("aside", class_="related-stories") is not None


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: Path(p).stem)
def test_article_length(path: str) -> None:
    text = " ".join(_body_paragraphs(_soup(path)))
    if BY_PATH[path]["lang"] == "zh":
        assert 200 <= len(re.findall(r"[\u4e00-\u9fff]", text)) <= 700
    else:
        assert 120 <= len(text.split()) <= 300


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: Path(p).stem)
def test_publication_dates_agree(path: str) -> None:
    soup = _soup(path)
    meta = datetime.fromisoformat(_meta(soup, "article:published_time"))
    ld = datetime.fromisoformat(_news_article(soup)["datePublished"])
    assert meta.tzinfo is not None and ld.tzinfo is not None, "publication times need a timezone"
    assert meta == ld == LISTED_AT[path]
    assert soup.article is not None and soup.article.time is not None
    assert datetime.fromisoformat(str(soup.article.time["datetime"])) == meta
    assert meta.date().isoformat() == BY_PATH[path]["published"]


@pytest.mark.parametrize("item", ROUNDS, ids=_round_id)
def test_round_object_follows_the_spec(item: tuple[str, int, dict[str, Any]]) -> None:
    path, _, r = item
    assert list(r) == ROUND_KEYS
    parsed = round_from_dict(r)
    assert parsed.round in RoundCode and parsed.status in RoundStatus
    assert r["amount"] is None or r["amount"] > 0
    assert r["currency"] is None or re.fullmatch(r"[A-Z]{3}", r["currency"])
    assert (r["valuation"] is None) == (r["valuation_currency"] is None)
    announced, _ = parse_announced(r["announced_on"])
    assert announced is not None and announced <= date.fromisoformat(BY_PATH[path]["published"])


@pytest.mark.parametrize("item", ROUNDS, ids=_round_id)
def test_evidence_is_verbatim_and_names_the_round(item: tuple[str, int, dict[str, Any]]) -> None:
    path, _, r = item
    evidence = r["evidence"]
    assert any(evidence in p for p in _body_paragraphs(_soup(path))), f"evidence not found in {path}"
    named = [r["company"], r["amount_text"], *r["lead_investors"], *r["other_investors"]]
    assert [n for n in named if n and n not in evidence] == []


@pytest.mark.parametrize("path", ARTICLE_FILES, ids=lambda p: Path(p).stem)
def test_related_stories_name_other_rounds(path: str) -> None:
    aside = _soup(path).find("aside", class_="related-stories")
    assert isinstance(aside, Tag)
    links = aside.find_all("a")
    assert len(links) >= 2
    for a in links:
        target = str(a["href"]).lstrip("/")
        assert target != path and BY_PATH[target]["rounds"], f"{target} is not another funding story"
        assert re.search(r"\d|亿", a.get_text()), f"{a.get_text()!r} names no amount"
    companies = {r["company"] for r in BY_PATH[path]["rounds"]}
    aside_text = aside.get_text()
    assert [r["evidence"] for _, _, r in ROUNDS if r["evidence"] in aside_text] == []
    assert companies.isdisjoint(
        r["company"] for t in links for r in BY_PATH[str(t["href"]).lstrip("/")]["rounds"]
    )


@pytest.mark.parametrize("path", HTML_FILES, ids=lambda p: p)
def test_internal_links_resolve(path: str) -> None:
    soup = _soup(path)
    for tag in soup.find_all(["a", "link", "img", "script"]):
        ref = str(tag.get("href") or tag.get("src") or "")
        if ref.startswith(BASE):
            ref = ref[len(BASE) :]
        if ref.startswith("/"):
            assert (SITE / ref.split("#")[0].lstrip("/")).is_file(), f"{path}: broken link {ref}"


def test_no_page_names_a_real_host() -> None:
    """Hosts come only from the {BASE} placeholder; the only absolute URLs are namespaces."""
    for file in SITE.rglob("*"):
        if file.suffix in {".html", ".xml", ".txt", ".svg"}:
            urls = set(re.findall(r"https?://[^\s\"'<>]+", file.read_text(encoding="utf-8")))
            assert urls <= NAMESPACE_URLS, f"{file}: {sorted(urls - NAMESPACE_URLS)}"


def test_robots_keeps_crawlers_out_of_private() -> None:
    robots = RobotFileParser()
    robots.parse((SITE / "robots.txt").read_text(encoding="utf-8").splitlines())
    private = sorted(p.relative_to(SITE).as_posix() for p in (SITE / "private").glob("*.html"))
    assert private, "the /private/ trap page is missing"
    assert not any(robots.can_fetch("fundwatch", f"/{p}") for p in private)
    assert all(robots.can_fetch("fundwatch", f"/{p}") for p in ARTICLE_FILES)


def _news(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in entry["rounds"] if not r["background"]]


def _reported_by_both_outlets() -> bool:
    seen: dict[str, list[dict[str, Any]]] = {}
    for e in EXPECTED:
        for r in _news(e):
            seen.setdefault(r["company"], []).append({**r, "source": e["source"]})
    for mentions in seen.values():
        sources = {m["source"] for m in mentions}
        figures = {(m["amount"], m["amount_text"], m["announced_on"]) for m in mentions}
        if sources == {"dailyfund", "asiabeat"} and len(figures) > 1:
            return True
    return False


def _usd(predicate: Callable[[float], bool]) -> bool:
    return any(
        r["currency"] == "USD" and r["amount"] is not None and predicate(r["amount"])
        for e in EXPECTED
        for r in _news(e)
        if r["status"] == "announced"
    )


REQUIRED_CASES: dict[str, Callable[[], bool]] = {
    "same round in both outlets with different figures": _reported_by_both_outlets,
    "Chinese article with a round": lambda: any(e["lang"] == "zh" and _news(e) for e in EXPECTED),
    "roundup naming three rounds": lambda: any(len({r["company"] for r in _news(e)}) >= 3 for e in EXPECTED),
    "earlier round as background next to a new one": lambda: any(
        _news(e) and any(r["background"] for r in e["rounds"]) for e in EXPECTED
    ),
    "article with no round": lambda: any(not e["rounds"] for e in EXPECTED),
    "USD round at or above the alert threshold": lambda: _usd(lambda a: a >= USD_ALERT_THRESHOLD),
    "USD round below the alert threshold": lambda: _usd(lambda a: a < USD_ALERT_THRESHOLD),
    "non-USD amount": lambda: any(r["currency"] in {"EUR", "CNY"} for e in EXPECTED for r in _news(e)),
    "undisclosed amount": lambda: any(r["amount"] is None for e in EXPECTED for r in _news(e)),
    "round reported by sources": lambda: any(r["status"] == "in_talks" for e in EXPECTED for r in _news(e)),
}


@pytest.mark.parametrize("case", REQUIRED_CASES, ids=str)
def test_required_case_is_present(case: str) -> None:
    assert REQUIRED_CASES[case](), f"the demo site no longer has a case of: {case}"
