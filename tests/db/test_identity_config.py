"""The alias file and investor folding in both write paths (record_round and the bulk path), and
the canonical amount rule on stored mentions, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from db import models as m
from db.bulk import record_rows
from db.engine import transaction
from db.repository import ensure_source, mark_extracted
from db.rounds import record_round
from fundwatch.store import Store, open_store
from ingest.aliases import parse_aliases
from ingest.imports import ImportRow
from ingest.types import RoundCode
from tests.db.factories import T0, article, round_of

ALIASES = parse_aliases(
    """
[[company]]
name = "ByteDance"
aliases = ["字节跳动", "Bytedance Ltd"]

[[investor]]
name = "SoftBank Vision Fund"
aliases = ["SVF", "Vision Fund 2"]
""",
    "aliases.toml",
)
# One company under three names, with investors named three ways.
REPORTS = [
    round_of("字节跳动", RoundCode.SERIES_B, lead_investors=("SVF",)),
    round_of("ByteDance", RoundCode.SERIES_B, lead_investors=("SoftBank Vision Fund",)),
    round_of("Bytedance, Ltd.", RoundCode.SERIES_B, other_investors=("Vision Fund 2", "SoftBank Group")),
    round_of("Acme", RoundCode.SERIES_A, 5_000_000, other_investors=("SoftBank",)),
]


@pytest.fixture
def aliased(store_url: str) -> Iterator[Store]:
    s = open_store(store_url, aliases=ALIASES)
    try:
        yield s
    finally:
        s.engine.dispose()


def _by_record_round(store: Store) -> None:
    with transaction(store.sessions) as s:
        for i, r in enumerate(REPORTS):
            record_round(
                s, article(s, f"https://a.example/{i}"), r, T0.date(), T0 + timedelta(seconds=i), None
            )


def _by_bulk_path(store: Store) -> None:
    with transaction(store.sessions) as s:
        source_id = ensure_source(s, "bulk", T0)
        s.add(m.ImportFile(sha256="x", name="bulk", source_id=source_id, format="test", imported_at=T0))
        s.flush()
        file_id = s.execute(select(m.ImportFile.id)).scalar_one()
        record_rows(s, file_id, [ImportRow(i, r) for i, r in enumerate(REPORTS)], T0)


def _summary(store: Store) -> tuple[list[str], list[str], list[tuple[str, str, bool]]]:
    with store.sessions() as s:
        companies = sorted(s.execute(select(m.Company.name)).scalars())
        investors = sorted(s.execute(select(m.Investor.name)).scalars())
        links = s.execute(
            select(m.Company.name, m.Investor.name, m.RoundInvestor.is_lead)
            .join(m.Round, m.Round.company_id == m.Company.id)
            .join(m.RoundInvestor, m.RoundInvestor.round_id == m.Round.id)
            .join(m.Investor, m.Investor.id == m.RoundInvestor.investor_id)
        ).all()
        return companies, investors, sorted(tuple(x) for x in links)


@pytest.mark.parametrize("write", [_by_record_round, _by_bulk_path], ids=["record_round", "bulk"])
def test_alias_file_and_investor_folding(aliased: Store, write) -> None:  # type: ignore[no-untyped-def]
    write(aliased)
    companies, investors, links = _summary(aliased)
    assert companies == ["Acme", "ByteDance"]
    assert investors == ["SoftBank", "SoftBank Vision Fund"] or investors == [
        "SoftBank Group",
        "SoftBank Vision Fund",
    ]
    assert [(c, i[:8], lead) for c, i, lead in links] == [
        ("Acme", "SoftBank", False),
        ("ByteDance", "SoftBank", False),
        ("ByteDance", "SoftBank", True),
    ]
    with aliased.sessions() as s:
        assert s.execute(select(func.count()).select_from(m.Round)).scalar_one() == 2


def test_without_the_alias_file_the_names_stay_apart(store: Store) -> None:
    _by_record_round(store)
    companies, _, _ = _summary(store)
    assert companies == ["Acme", "ByteDance", "字节跳动"]


WAYVE = [
    ("https://dailyfund.example/wayve", "$1.05 billion", 1_050_000_000, datetime(2024, 5, 7, tzinfo=UTC)),
    (
        "https://asiabeat.example/wayve",
        "more than $1 billion",
        1_000_000_000,
        datetime(2024, 5, 8, tzinfo=UTC),
    ),
]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)], ids=["precise-first", "bound-first"])
def test_canonical_amount_does_not_depend_on_ingest_order(store: Store, order: tuple[int, int]) -> None:
    for n, i in enumerate(order):
        url, text, amount, published = WAYVE[i]
        r = round_of("Wayve", RoundCode.SERIES_C, amount, on=date(2024, 5, 7), amount_text=text)
        with transaction(store.sessions) as s:
            aid = article(s, url)
            mark_extracted(s, aid, 1, T0, rounds_found=1, published_at=published)
            rid, _ = record_round(s, aid, r, T0.date(), T0 + timedelta(minutes=n), None)
    with store.sessions() as s:
        row = s.get(m.Round, rid)
        assert row is not None
        assert (row.amount, row.amount_usd, row.source_count) == (Decimal(1_050_000_000),) * 2 + (2,)
