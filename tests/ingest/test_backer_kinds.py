"""Single investors that make an untyped round `corporate` (ROUNDS_SPEC.md), from the labelled corpus' cases."""

from __future__ import annotations

import pytest

from ingest.backer_kinds import is_corporate

CASES = [
    ("英伟达", True),
    ("Nvidia", True),
    ("SoftBank Group Corp.", True),
    ("Microsoft", True),
    ("红杉资本", False),
    ("上海文化产业发展投资基金", False),
    ("Khosla Ventures", False),
    ("HarbourVest Partners", False),
    ("肖莹", False),  # a person
    ("Eric Schmidt", False),  # a person
    # venture firms known by a bare name, and accelerators: a round they fund alone is no corporate round
    ("Accel", False),
    ("Sequoia", False),
    ("Y Combinator", False),
    ("500 Startups", False),
    ("Amazon", True),
]


@pytest.mark.parametrize(("name", "corporate"), CASES, ids=[c[0] for c in CASES])
def test_is_corporate(name: str, corporate: bool) -> None:
    assert is_corporate(name) is corporate
