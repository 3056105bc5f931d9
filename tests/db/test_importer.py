"""Imports through the bulk dedup path: provenance per row, bad rows skipped, idempotent, all or nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db import models as m
from db.bulk import record_rows
from db.engine import transaction
from db.importer import import_file
from db.provenance import round_provenance
from db.repository import ensure_source
from db.rounds import MERGED_FIELDS, record_round
from fundwatch.store import Store
from ingest.imports import PRESETS, ImportRow
from ingest.types import RoundCode
from tests.db.factories import T0, article, round_of
from tests.shared_data import require_shared

# Made-up companies; TechCrunch layout with CR line endings as in the real export.
TC_ROWS = [
    "permalink,company,numEmps,category,city,state,fundedDate,raisedAmt,raisedCurrency,round",
    "gridnetworks,GridNetworks,,web,Austin,TX,1-Oct-07,9500000,USD,a",
    "grid-networks,Grid Networks,,web,Austin,TX,15-Oct-07,9500000,USD,a",
    "acme,Acme Labs,,web,Austin,TX,1-Jan-08,2000000,USD,seed",
    "acme,Acme Labs,,web,Austin,TX,not a date,2000000,USD,seed",
    "acme,Acme Labs,,web,Austin,TX,1-Jun-08,8000000,USD,b",
    "acmeplus,Acme Labs,,web,Austin,TX,1-Jul-08,8000000,USD,b+",
]


def write(tmp_path: Path, lines: list[str], name: str = "tc.csv") -> Path:
    path = tmp_path / name
    path.write_bytes("\r".join(lines).encode("latin-1"))
    return path


def count(store: Store, table: type[m.Base]) -> int:
    with store.sessions() as s:
        return s.execute(select(func.count()).select_from(table)).scalar_one()


def run_import(store: Store, path: Path, fmt: str = "techcrunch", batch: int = 2):  # type: ignore[no-untyped-def]
    """Tiny batches in the small tests, so that rounds also meet across batches."""
    with transaction(store.sessions) as s:
        return import_file(s, path, PRESETS[fmt], fmt, T0, batch=batch)


def test_import_dedups_reports_bad_rows_and_keeps_provenance(store: Store, tmp_path: Path) -> None:
    report = run_import(store, write(tmp_path, TC_ROWS))
    assert [b.line for b in report.bad_rows] == [5]
    assert (report.rows_read, report.rows_imported) == (6, 5)
    assert count(store, m.Company) == 2
    assert count(store, m.Round) == 4  # grid A (two rows), acme seed, acme B, acme B+
    with store.sessions() as s:
        grid = s.execute(select(m.Round.id).where(m.Round.source_count == 2)).scalar_one()
        prov = round_provenance(s, grid)
    assert [(p.outlet, p.import_file, p.import_line) for p in prov] == [
        ("import:techcrunch", "tc.csv", 2),
        ("import:techcrunch", "tc.csv", 3),
    ]
    assert prov[1].evidence.startswith("tc.csv line 3: ") and prov[1].company_name == "Grid Networks"


def test_reimport_changes_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, TC_ROWS)
    run_import(store, path)
    with store.sessions() as s:
        before = s.execute(select(m.Round.id, m.Round.updated_at).order_by(m.Round.id)).all()
    again = run_import(store, path)
    with store.sessions() as s:
        after = s.execute(select(m.Round.id, m.Round.updated_at).order_by(m.Round.id)).all()
    assert (again.rounds_created, again.rounds_updated, before) == (0, 0, after)
    assert count(store, m.RoundMention) == 5


def test_rows_joining_a_stored_round_by_its_natural_key(store: Store, tmp_path: Path) -> None:
    """Two rows of one batch whose figures conflict with a stored round of the same code and day
    join it through the natural key, as record_round does: one round, every mention kept."""
    head = TC_ROWS[0]
    run_import(
        store, write(tmp_path, [head, "acme,Acme Labs,,web,Austin,TX,1-Jun-08,40000000,USD,b"], "a.csv")
    )
    later = [head, *(f"acme,Acme Labs,,web,Austin,TX,1-Jun-08,{n},USD,b" for n in (12000000, 12500000))]
    report = run_import(store, write(tmp_path, later, "b.csv"), batch=5)
    assert (report.rounds_created, count(store, m.Round), count(store, m.RoundMention)) == (0, 1, 3)


def test_a_failing_import_leaves_nothing(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, ["company,when", "Acme,2020-01-01"])
    with pytest.raises(ValueError, match="missing column"):
        run_import(store, path)
    assert [count(store, t) for t in (m.ImportFile, m.Company, m.Source)] == [0, 0, 0]


def test_bulk_path_decides_like_record_round(store: Store, tmp_path: Path) -> None:
    rounds = [
        round_of("Grid Networks", RoundCode.SERIES_A, 9_500_000),
        round_of("GridNetworks", RoundCode.SERIES_A, 9_400_000),
        round_of("Acme", RoundCode.SEED, 2_000_000),
        round_of("Acme", RoundCode.ANGEL, 2_050_000),
        round_of("Acme", RoundCode.SEED, 5_000_000),
        round_of("Acme", RoundCode.SERIES_B, lead_investors=("Lead VC",), other_investors=("Angel Fund",)),
        round_of("Acme", RoundCode.SERIES_B_PLUS),
        round_of("Acme", RoundCode.SERIES_B, 12_000_000),
        round_of("PowerReviews", RoundCode.UNKNOWN, 15_000_000),
        round_of("PowerReview", RoundCode.SERIES_C, 15_000_000, lead_investors=("Example VC",)),
        round_of("Pandora", RoundCode.SERIES_D, 30_000_000),
        round_of("Pandora Media", RoundCode.SERIES_D, 31_000_000),
        round_of("Conduit", RoundCode.SERIES_A, 1_800_000),
        round_of("Conduit Labs", RoundCode.SERIES_A, 5_500_000),
        round_of("Zend Technologies", RoundCode.SERIES_B, 20_000_000),
        round_of("Zenda Technologies", RoundCode.SERIES_B, 20_000_000),
    ]
    with transaction(store.sessions) as s:
        for i, r in enumerate(rounds):
            record_round(
                s, article(s, f"https://a.example/{i:02d}"), r, T0.date(), T0 + timedelta(seconds=i), None
            )
    per_row = _rounds(store)
    with transaction(store.sessions) as s:
        source_id = ensure_source(s, "bulk", T0)
        s.add(m.ImportFile(sha256="x", name="bulk", source_id=source_id, format="test", imported_at=T0))
        s.flush()
        file_id = s.execute(select(m.ImportFile.id)).scalar_one()
        s.execute(m.RoundMention.__table__.delete())
        s.execute(m.RoundInvestor.__table__.delete())
        s.execute(m.Round.__table__.delete())
        s.execute(m.CompanyAlias.__table__.delete())
        s.execute(m.Company.__table__.delete())
        rows = [ImportRow(i, replace(r, company_aliases=())) for i, r in enumerate(rounds)]
        record_rows(s, file_id, rows, T0)
    assert _rounds(store) == per_row


def _rounds(store: Store) -> list[tuple[object, ...]]:
    with store.sessions() as s:
        merged = [getattr(m.Round, f) for f in MERGED_FIELDS]
        q = select(m.Round.id, m.Company.key, m.Round.round_code, *merged).join(
            m.Company, m.Company.id == m.Round.company_id
        )
        RI, inv = m.RoundInvestor, m.Investor
        links = s.execute(select(RI.round_id, inv.key, RI.is_lead).join(inv, inv.id == RI.investor_id))
        investors: dict[int, set[tuple[str, bool]]] = {}
        for rid, key, lead in links:
            investors.setdefault(rid, set()).add((key, lead))
        return sorted((*r[1:], sorted(investors.get(r.id, ()))) for r in s.execute(q).all())


@pytest.mark.shared
def test_indian_dataset_skips_only_the_malformed_dates(store: Store) -> None:
    path = require_shared("datasets", "india_startup_funding", "startup_funding.csv")
    report = run_import(store, path, "india", batch=5000)
    # SOURCES.md lists three malformed dates; the third one ('\xc2\xa010/7/2015') is an escaped
    # no-break space before a good date, which clean_text repairs.
    assert sorted(b.reason for b in report.bad_rows) == [
        "no usable date ('01/07/015')",
        "no usable date ('05/072018')",
    ]
    assert report.rows_imported == report.rows_read - 2


def test_a_name_with_added_words_is_matched_on_any_round_the_file_gives_it(
    store: Store, tmp_path: Path
) -> None:
    """The file lists Greenplum Software's unnamed 2008 round before the Series A that Greenplum
    reported: the Series A, later in the same batch, is the evidence that they are one company."""
    rows = [
        "permalink,company,numEmps,category,city,state,fundedDate,raisedAmt,raisedCurrency,round",
        "greenplum,Greenplum,,software,San Mateo,CA,1-Mar-06,15000000,USD,a",
        "greenplum-software,Greenplum Software,,software,San Mateo,CA,1-Jan-08,27000000,USD,unattributed",
        "greenplum-software,Greenplum Software,,software,San Mateo,CA,1-Mar-06,15000000,USD,a",
        "conduit-labs,Conduit Labs,,web,Boston,MA,1-Aug-07,5500000,USD,a",
        "conduit,Conduit,,web,Redwood Shores,CA,1-Jul-06,1800000,USD,a",
    ]
    run_import(store, write(tmp_path, rows), batch=100)
    with store.sessions() as s:
        names = s.execute(select(m.Company.name).order_by(m.Company.name)).scalars().all()
    assert names == ["Conduit", "Conduit Labs", "Greenplum"]
    assert count(store, m.Round) == 4  # Greenplum's Series A (two reports) and 2008 round, two Conduit rounds
