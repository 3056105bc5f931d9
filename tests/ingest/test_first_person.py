"""First-person announcements: "we" is the company the post keeps naming (ingest.first_person)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.extract import extract_rounds
from ingest.first_person import is_first_person, publisher_company
from ingest.types import Article

SUBJECTS = [
    ("we", "We", True),
    ("excited-that-we", "Today I'm thrilled to share that we", True),
    ("our-company", "After a busy year, our company", True),
    ("named", "Acme Robotics", False),
    ("we-inside-a-word", "Weave", False),
    ("they", "They", False),
]


@pytest.mark.parametrize(("subject", "expected"), [c[1:] for c in SUBJECTS], ids=[c[0] for c in SUBJECTS])
def test_is_first_person(subject: str, expected: bool) -> None:
    assert is_first_person(subject) is expected


PUBLISHERS = [
    (
        "title-subject",
        "Quillbase raises Series A",
        None,
        "Quillbase began in a garage. Quillbase now ships.",
        "Quillbase",
    ),
    ("site-name", "", "Tallyho Blog", "At Tallyho we build ledgers. Tallyho has 40 staff.", "Tallyho"),
    (
        "company-verb-beats-topic",
        "",
        None,
        "We love Python, and Python is great. Python tools help. Back then Orbit Labs was tiny; "
        "today Orbit Labs has 60 people.",
        "Orbit Labs",
    ),
    ("named-once", "", None, "We thank Bob Smith for his help. We raised money.", None),
    ("site-not-in-text", "", "Example Weekly", "We raised a seed round.", None),
    (
        "tie-goes-to-first-named",  # was decided by set order, so by the process's string hash seed
        "",
        None,
        "Today Kestrel Works has 12 staff. Marlin Forge has 9 staff. Kestrel Works is growing and "
        "Marlin Forge is hiring.",
        "Kestrel Works",
    ),
    (
        "only-whole-words-count",  # "Nimbus-Cloud" and "Nimbusly" are other words; "Nimbus's team" counts
        "",
        None,
        "Nimbus-Cloud is a rival. Nimbusly has 5 staff. Nimbus's team grew. Later Nimbus became big.",
        "Nimbus",
    ),
    (
        "named-twice-but-once-as-a-word",
        "",
        None,
        "Nimbusly grew. Nimbus-Cloud grew. Later Nimbus became big.",
        None,
    ),
]


@pytest.mark.parametrize(
    ("title", "site", "text", "expected"), [c[1:] for c in PUBLISHERS], ids=[c[0] for c in PUBLISHERS]
)
def test_publisher_company(title: str, site: str | None, text: str, expected: str | None) -> None:
    assert publisher_company(title, site, text) == expected


POSTS = [
    (
        "founder-blog",
        "Back in 2019 Driftwood Analytics was three people in a spare room. Today Driftwood Analytics has "
        "50 employees.\nWe have raised $12 million in a Series B round led by Example Ventures.",
        ("Driftwood Analytics", "series_b", 12_000_000),
    ),
    (
        "round-totalling",
        "Since launch, Larkspur has grown quickly and Larkspur now serves 300 shops.\n"
        "I'm happy to announce that we have just closed our Series A round of funding totalling $8 million!",
        ("Larkspur", "series_a", 8_000_000),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in POSTS], ids=[c[0] for c in POSTS])
def test_first_person_post_gives_the_publishers_round(text: str, expected: tuple) -> None:
    art = Article("https://example.com/post", "", text, datetime(2024, 5, 2, tzinfo=UTC))
    found = [(r.company, r.round.value, r.amount) for r in extract_rounds(art) if not r.background]
    assert found == [expected]


NOT_ROUNDS = [
    ("no-company-named", "We have raised $3 million in a seed round."),
    ("several-rounds-totalling", "Over the years we raised three rounds totalling $40 million."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_ROUNDS], ids=[c[0] for c in NOT_ROUNDS])
def test_first_person_without_a_company_or_with_a_total_gives_no_round(text: str) -> None:
    art = Article("https://example.com/post", "", text, datetime(2024, 5, 2, tzinfo=UTC))
    assert [r for r in extract_rounds(art) if not r.background] == []
