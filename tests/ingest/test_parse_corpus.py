"""ingest.parse over the saved pages in ../shared/corpus/pages/ against ../shared/corpus/labels/pages.jsonl.

Every page must parse; language must match the label; every labelled round's evidence must survive body
extraction (whitespace removed on both sides: evidence stops at inline link boundaries); where the page
carries a date in its metadata it must agree with the labelled publication date.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from ingest.parse import parse
from ingest.types import Article
from tests.shared_data import require_shared, shared_dir

pytestmark = pytest.mark.shared
# Labels hold the local date the page shows; parse returns UTC, which can fall on the next or previous day.
DATE_SLACK = timedelta(days=1)


def page_names() -> list[str]:
    folder = shared_dir() / "corpus" / "pages"
    return sorted(path.name for path in folder.glob("*.html")) if folder.is_dir() else ["(corpus missing)"]


def read_labels(path: Path) -> dict[str, dict[str, Any]]:
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {record["file"]: record for record in records}


@cache
def labels() -> dict[str, dict[str, Any]]:
    return read_labels(require_shared("corpus", "labels", "pages.jsonl"))


def labelled_pages(field: str) -> list[str]:
    """Pages whose label has a non-empty `field`, known at collection time (a placeholder without data)."""
    path = shared_dir() / "corpus" / "labels" / "pages.jsonl"
    if not path.is_file():
        return ["(corpus missing)"]
    return sorted(name for name, record in read_labels(path).items() if record.get(field))


@cache
def parsed(name: str) -> Article:
    path: Path = require_shared("corpus", "pages", name)
    return parse(path.read_bytes(), f"file://{name}")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", page_names())
def test_page_parses_with_language_and_title(name: str) -> None:
    label = labels().get(name)
    assert label is not None, f"{name} has no line in labels/pages.jsonl: label it or remove the page"
    article = parsed(name)
    assert article.text, f"{name}: no body text extracted"
    assert article.lang == label["lang"], f"{name}: language {article.lang!r}, labelled {label['lang']!r}"
    raw = require_shared("corpus", "pages", name).read_bytes()
    if re.search(rb"<title[\s>]|og:title|<h1[\s>]", raw, re.I):
        assert article.title, f"{name}: the page has a title but parse found none"


@pytest.mark.parametrize("name", labelled_pages("rounds"))
def test_round_evidence_survives_body_extraction(name: str) -> None:
    rounds = labels()[name]["rounds"]
    text = squeeze(parsed(name).text)
    missing = [r["evidence"] for r in rounds if squeeze(r["evidence"]) not in text]
    assert not missing, f"{name}: evidence dropped by body extraction: {missing}"


@pytest.mark.parametrize("name", labelled_pages("published"))
def test_metadata_date_matches_label(name: str) -> None:
    article = parsed(name)
    if article.published_at is None:
        pytest.skip(f"{name}: no machine-readable date on the page (feed fragment, or a byline-only date)")
    labelled = date.fromisoformat(labels()[name]["published"])
    found = article.published_at.date()
    assert abs(found - labelled) <= DATE_SLACK, f"{name}: published {found}, labelled {labelled}"


def test_whole_corpus_summary() -> None:
    """All pages parse, all languages match, all evidence is kept (the figures docs/parsing.md quotes)."""
    names = [name for name in page_names() if name in labels()]
    articles = {name: parsed(name) for name in names}
    lang_ok = sum(articles[name].lang == labels()[name]["lang"] for name in names)
    evidence = [(name, r["evidence"]) for name in names for r in labels()[name]["rounds"]]
    kept = sum(squeeze(ev) in squeeze(articles[name].text) for name, ev in evidence)
    assert (len(articles), lang_ok, kept) == (len(labels()), len(labels()), len(evidence))
