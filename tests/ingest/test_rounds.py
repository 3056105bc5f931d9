"""Rounds built from merged mentions: investors named again in short are not extra investors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.extract import extract_rounds
from ingest.types import Article

CASES = [
    (
        "short-reference",
        "Acme Robotics raised $20 million led by Northwind Equity Partners with participation from Blue "
        "Harbor Capital. Northwind also joined the board.\nThe round included Northwind and Redwood Labs.",
        ("Northwind Equity Partners",),
    ),
    (
        "distinct-names",
        "Acme Robotics raised $20 million led by Northwind Capital with participation from Northwind Labs.",
        ("Northwind Capital",),
    ),
]


@pytest.mark.parametrize(("text", "leads"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_short_references_are_not_other_investors(text: str, leads: tuple[str, ...]) -> None:
    found = extract_rounds(Article("https://example.com/a", "", text, datetime(2025, 1, 2, tzinfo=UTC)))
    assert len(found) == 1
    r = found[0]
    assert r.lead_investors == leads
    assert not any(o.split()[0] == "Northwind" and " " not in o for o in r.other_investors)
    assert all(o != leads[0] for o in r.other_investors)
