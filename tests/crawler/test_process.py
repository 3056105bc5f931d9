"""The crawl as the demo and the scheduler run it: a subprocess against a local site, twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from crawler.process import run_crawl
from db import models as m
from fundwatch.settings import Settings
from fundwatch.store import open_store
from tests.crawler.localsite import LocalSite, Page
from tests.crawler.sitegen import XML, article_html, items, news_sitemap, rss, with_etag

pytestmark = pytest.mark.slow
FAST_ENV = {"FUNDWATCH_CRAWL_AUTOTHROTTLE": "off", "FUNDWATCH_CRAWL_DELAY": "0", "FUNDWATCH_PROGRESS": "off"}


def demo_site() -> LocalSite:
    site = LocalSite()
    feed_items, map_items = items("dailyfund", 4), items("asiabeat", 3)
    site.routes["/robots.txt"] = Page(
        b"User-agent: *\nDisallow: /private/\n", headers={"Content-Type": "text/plain"}
    )
    site.routes["/dailyfund/feed.xml"] = with_etag(Page(rss(site.base, feed_items), headers=XML))
    site.routes["/asiabeat/sitemap.xml"] = Page(news_sitemap(site.base, map_items), headers=XML)
    for path, title, _ in feed_items + map_items:
        site.routes[path] = Page(article_html(title, 1))
    return site


def write_sources(path: Path, base: str) -> Path:
    path.write_text(
        f'[[source]]\nname = "demo-dailyfund"\nlanguage = "en"\nfeeds = ["{base}/dailyfund/feed.xml"]\n'
        f'allowed_domains = ["127.0.0.1"]\n\n'
        f'[[source]]\nname = "demo-asiabeat"\nlanguage = "en"\nsitemaps = ["{base}/asiabeat/sitemap.xml"]\n'
        f'allowed_domains = ["127.0.0.1"]\n'
    )
    return path


def test_crawl_stores_each_page_once_and_a_second_run_fetches_nothing_again(tmp_path: Path) -> None:
    with demo_site() as site:
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'fw.db'}",
            sources_file=write_sources(tmp_path / "sources.toml", site.base),
        )
        first = run_crawl(settings, run_key="r1", allow_private=True, env=FAST_ENV, timeout_s=120)
        article_hits = [p for p in site.requests if "story-" in p]
        second = run_crawl(settings, run_key="r2", allow_private=True, env=FAST_ENV, timeout_s=120)
        article_hits_after = [p for p in site.requests if "story-" in p]
    by_source = {s.source: s for s in first.sources}
    assert first.ok and set(by_source) == {"demo-dailyfund", "demo-asiabeat"}
    assert (by_source["demo-dailyfund"].articles_new, by_source["demo-asiabeat"].articles_new) == (4, 3)
    assert all(s.healthy for s in first.sources)
    assert len(article_hits) == 7 and article_hits_after == article_hits
    assert [s.articles_new for s in second.sources] == [0, 0] and all(s.healthy for s in second.sources)
    store = open_store(settings.database_url)
    with store.sessions() as session:
        urls = set(session.execute(select(m.Article.url)).scalars())
        titles = set(session.execute(select(m.Article.title)).scalars())
        stats = session.execute(select(func.count()).select_from(m.CrawlStat)).scalar_one()
    assert len(urls) == 7 and not any("utm_" in u for u in urls)
    assert "dailyfund story 0" in titles and "asiabeat story 2" in titles
    assert stats == 4


def test_private_addresses_are_refused_unless_allowed(tmp_path: Path) -> None:
    with demo_site() as site:
        settings = Settings(
            database_url=f"sqlite:///{tmp_path / 'fw.db'}",
            sources_file=write_sources(tmp_path / "sources.toml", site.base),
        )
        result = run_crawl(settings, run_key="r1", sources=["demo-dailyfund"], env=FAST_ENV, timeout_s=120)
    (only,) = result.sources
    assert only.pages_stored == 0 and only.errors.get("private_address", 0) >= 1 and only.healthy is False
    assert site.requests == []


def test_a_hung_crawl_is_stopped_and_recorded_as_timed_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("crawler.process.SHUTDOWN_GRACE_S", 3)
    with LocalSite() as site:
        site.routes["/hang/feed.xml"] = Page(rss(site.base, items("hang", 1)), headers=XML)
        site.routes["/hang/story-0.html"] = Page(article_html("hang", 1), delay_s=20)
        sources = tmp_path / "sources.toml"
        sources.write_text(f'[[source]]\nname = "hang"\nfeeds = ["{site.url("/hang/feed.xml")}"]\n')
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'fw.db'}", sources_file=sources)
        env = {**FAST_ENV, "FUNDWATCH_CRAWL_DOWNLOAD_TIMEOUT": "60"}
        result = run_crawl(settings, run_key="hung", allow_private=True, env=env, timeout_s=3)
    assert result.timed_out and not result.ok
    (source,) = result.sources
    assert source.errors.get("timeout") == 1 and source.healthy is False


def test_an_unknown_source_is_a_one_line_error(tmp_path: Path) -> None:
    from crawler.sources import SourcesError

    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'fw.db'}",
        sources_file=write_sources(tmp_path / "sources.toml", "http://127.0.0.1:9"),
    )
    with pytest.raises(SourcesError, match="unknown source 'nope'"):
        run_crawl(settings, run_key="x", sources=["nope"])


@pytest.mark.parametrize(
    ("extract", "rounds"), [(True, 1), (False, 0)], ids=["writer-extracts", "store-only"]
)
def test_the_writer_extracts_what_it_stores_and_credits_the_run(
    tmp_path: Path, extract: bool, rounds: int
) -> None:
    with LocalSite() as site:
        site.routes["/fund/feed.xml"] = Page(rss(site.base, items("fund", 1)), headers=XML)
        site.routes["/fund/story-0.html"] = Page(
            b'<html><head><meta charset="utf-8"><title>Fernvale raises</title></head><body><article>'
            b"<p>Fernvale Analytics has raised $30 million in a Series B round led by Kestrel Park "
            b"Capital.</p></article></body></html>"
        )
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "fund"\nfeeds = ["{site.url("/fund/feed.xml")}"]\n'
            'allowed_domains = ["127.0.0.1"]\n'
        )
        settings = Settings(database_url=f"sqlite:///{tmp_path / 'fw.db'}", sources_file=sources)
        result = run_crawl(
            settings, run_key="r", allow_private=True, env=FAST_ENV, timeout_s=120, extract=extract
        )
    (source,) = result.sources
    assert result.ok and source.pages_stored == 1 and source.rounds_found == rounds
    with open_store(settings.database_url).sessions() as session:
        version = session.execute(select(m.Article.extractor_version)).scalar_one()
    assert (version is not None) == extract
