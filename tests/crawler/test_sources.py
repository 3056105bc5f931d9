"""The sources file: the bundled one loads; a malformed one gives one line naming the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.sources import SourcesError, body_selectors, load_sources
from fundwatch.settings import BUNDLED_SOURCES


def test_bundled_sources_cover_english_and_chinese_outlets() -> None:
    sources = load_sources(BUNDLED_SOURCES)
    assert len(sources) >= 10
    assert {s.language for s in sources} >= {"en", "zh"}
    for s in sources:
        assert s.feeds or s.sitemaps
        assert all(
            any(u.split("/")[2].endswith(d) for d in s.allowed_domains) for u in s.feeds + s.sitemaps
        ), s.name


def test_defaults_allowed_domains_from_listing_hosts(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[[source]]\nname = "a"\nfeeds = ["https://News.Example.com/feed"]\n')
    (only,) = load_sources(path)
    assert only.allowed_domains == ("news.example.com",) and only.enabled


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '[[source]]\nname = "a"\nfeedz = ["https://x/"]\n', "unknown key 'feedz'", id="typo-key"
        ),
        pytest.param('[[source]]\nname = "A b"\nfeeds = ["https://x/"]\n', "name 'A b'", id="bad-name"),
        pytest.param('[[source]]\nname = "a"\n', "needs at least one of feeds or sitemaps", id="no-listing"),
        pytest.param('[[source]]\nname = "a"\nfeeds = ["ftp://x/f"]\n', "not an http(s) URL", id="bad-url"),
        pytest.param(
            '[[source]]\nname = "a"\nfeeds = "https://x/f"\narticle_pattern = "("\n',
            "not a valid regular expression",
            id="bad-regex",
        ),
        pytest.param(
            '[[source]]\nname = "a"\nfeeds = ["https://x/"]\n[[source]]\nname = "a"\nfeeds = ["https://y/"]\n',
            "appears twice",
            id="duplicate",
        ),
        pytest.param("[[source]\nname=", "not valid TOML", id="not-toml"),
        pytest.param('[sources]\nname = "a"\n', "unknown top-level key 'sources'", id="wrong-table"),
        pytest.param(
            '[[source]]\nname = "a"\nfeeds = ["https://x/"]\nselectors = {title = "h1"}\n',
            "unknown selector 'title'",
            id="bad-selector",
        ),
        pytest.param(
            '[[source]]\nname = "a"\nfeeds = ["https://x/"]\nselectors = {body = "div[["}\n',
            "not a valid CSS selector",
            id="bad-css",
        ),
        pytest.param(
            '[[source]]\nname = "a"\nfeeds = ["https://x/"]\nmax_sitemaps = 0\n',
            "max_sitemaps",
            id="max-sitemaps",
        ),
    ],
)
def test_malformed_file_is_one_line_naming_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read the sources file"):
        load_sources(tmp_path / "nope.toml")


def test_body_selectors_maps_the_sources_that_set_one(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[[source]]\nname = "a"\nfeeds = ["https://x/f"]\nselectors = {body = "div.story"}\n'
        '[[source]]\nname = "b"\nfeeds = ["https://y/f"]\n'
    )
    assert body_selectors(path) == {"a": "div.story"}
