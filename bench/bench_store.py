"""The store at scale: 1,000,000 rounds (Crunchbase 2015 replicated with perturbed names and dates).

Prints, each measured in this run:
  1. ingest rate through the dedup path (db.bulk.record_rows) / plain batched INSERT of the same
     company, round and mention rows (target >= 0.5), batch by batch in turn, under the same load;
  2. a nightly batch of 10,000 mentions into the full store / the same batch into an empty store
     (target <= 2);
  3. incremental aggregate refresh after that batch / full refresh (target <= 0.1).

    PYTHONPATH=. python bench/bench_store.py [--rounds 1000000]      (SQLite files in a temporary directory)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db import models as m  # noqa: E402
from db.aggregates import refresh  # noqa: E402
from db.bulk import record_rows  # noqa: E402
from db.engine import transaction  # noqa: E402
from db.repository import ensure_source  # noqa: E402
from db.rounds import mention_values  # noqa: E402
from fundwatch.store import Store, open_store  # noqa: E402
from ingest.dedupe import company_key  # noqa: E402
from ingest.imports import PRESETS, ImportRow, read_rows  # noqa: E402
from tests.shared_data import shared_dir  # noqa: E402

T0 = datetime(2026, 11, 1, tzinfo=UTC)
BATCH = 5000


def base_rows() -> list[ImportRow]:
    path = shared_dir() / "datasets" / "crunchbase_rounds2_2015" / "rounds2.csv"
    rows = [r for r in read_rows(path.read_bytes(), PRESETS["crunchbase2015"]) if isinstance(r, ImportRow)]
    return [replace(r, round=replace(r.round, evidence="bench")) for r in rows]


def perturbed(rows: list[ImportRow], copy: int, limit: int, line0: int) -> Iterator[list[ImportRow]]:
    """Copy `copy` of the base rows: a name variant per copy, dates moved by 500 days per copy."""
    batch: list[ImportRow] = []
    for i, r in enumerate(rows[:limit]):
        name = r.round.company if copy == 0 else f"{r.round.company} {copy}"
        on = r.round.announced_on + timedelta(days=500 * copy)  # type: ignore[operator]
        batch.append(ImportRow(line0 + i, replace(r.round, company=name, announced_on=on)))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def all_batches(rows: list[ImportRow], n: int) -> Iterator[list[ImportRow]]:
    done, copy = 0, 0
    while done < n:
        take = min(len(rows), n - done)
        yield from perturbed(rows, copy, take, done + 2)
        done, copy = done + take, copy + 1


def import_file_id(store: Store, name: str) -> int:
    with transaction(store.sessions) as s:
        source = ensure_source(s, "import:bench", T0)
        s.execute(
            insert(m.ImportFile).values(
                sha256=name, name=name, source_id=source, format="bench", imported_at=T0
            )
        )
        return s.execute(select(m.ImportFile.id).where(m.ImportFile.sha256 == name)).scalar_one()


def timed_ingest(store: Store, batches: Iterator[list[ImportRow]], file: str, now: datetime) -> float:
    fid, total = import_file_id(store, file), 0.0
    for batch in batches:
        start = time.perf_counter()
        with transaction(store.sessions) as s:
            record_rows(s, fid, batch, now)
        total += time.perf_counter() - start
    return total


class PlainInsert:
    """The baseline: the same rows written with plain batched INSERTs, no identity decisions."""

    def __init__(self, store: Store) -> None:
        self.store, self.fid = store, import_file_id(store, "plain")
        self.companies: dict[str, int] = {}
        self.next_round = 1

    def write(self, batch: list[ImportRow]) -> float:
        start = time.perf_counter()
        new = {}
        for r in batch:
            k = company_key(r.round.company)
            if k not in self.companies:
                self.companies[k] = new[k] = len(self.companies) + 1
        rounds, mentions = [], []
        for r in batch:
            fr = r.round
            rounds.append(_plain_round(self.next_round, self.companies[company_key(fr.company)], r))
            values = mention_values(self.next_round, fr, T0)
            mentions.append(values | {"import_file_id": self.fid, "import_line": r.line})
            self.next_round += 1
        with transaction(self.store.sessions) as s:
            s.execute(
                insert(m.Company), [{"id": i, "key": k, "name": k, "created_at": T0} for k, i in new.items()]
            )
            s.execute(insert(m.Round), rounds)
            s.execute(insert(m.RoundMention), mentions)
        return time.perf_counter() - start


def timed_load(plain: PlainInsert, big: Store, batches: Iterator[list[ImportRow]]) -> tuple[float, float]:
    """Each batch is written both ways, one after the other, so that both sides run under the same
    machine load (the cores are shared); returns (plain seconds, dedup ingest seconds)."""
    fid, plain_total, ingest_total = import_file_id(big, "big"), 0.0, 0.0
    for batch in batches:
        plain_total += plain.write(batch)
        start = time.perf_counter()
        with transaction(big.sessions) as s:
            record_rows(s, fid, batch, T0)
        ingest_total += time.perf_counter() - start
    return plain_total, ingest_total


def _plain_round(rid: int, cid: int, r: ImportRow) -> dict[str, object]:
    fr = r.round
    return {
        "id": rid, "company_id": cid, "round_code": fr.round.value, "anchor_on": fr.announced_on,
        "anchor_key": str(rid), "announced_on": fr.announced_on, "amount": fr.amount, "currency": fr.currency,
        "amount_usd": fr.amount_usd, "status": "announced", "background": False, "confidence": 0.8,
        "source_count": 1, "first_seen_at": T0, "updated_at": T0,
    }  # fmt: skip


def nightly(rows: list[ImportRow]) -> list[list[ImportRow]]:
    """10,000 mentions: half re-report stored rounds (amount 5 % off), half are new rounds."""
    out = []
    for i, r in enumerate(rows[:10_000]):
        fr = r.round
        if i % 2:
            fr = replace(fr, amount=fr.amount * Decimal("1.05") if fr.amount else None)
        else:
            fr = replace(fr, company=f"{fr.company} nightly", announced_on=T0.date())
        out.append(ImportRow(10_000_000 + i, fr))
    return [out[i : i + BATCH] for i in range(0, len(out), BATCH)]


def timed_refresh(store: Store, now: datetime, full: bool) -> float:
    start = time.perf_counter()
    with transaction(store.sessions) as s:
        refresh(s, now, full=full)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1_000_000)
    args = ap.parse_args()
    rows = base_rows()
    with tempfile.TemporaryDirectory() as tmp:

        def url(name: str) -> str:
            return f"sqlite:///{tmp}/{name}.db"

        big = open_store(url("big"))
        plain, ingest = timed_load(PlainInsert(open_store(url("plain"))), big, all_batches(rows, args.rounds))
        print(
            f"plain batched INSERT of {args.rounds:,} rounds: {plain:.1f} s ({args.rounds / plain:,.0f} rows/s)"
        )
        print(
            f"ingest through dedup of {args.rounds:,} rounds: {ingest:.1f} s ({args.rounds / ingest:,.0f} rows/s)"
        )
        print(f"  ratio ingest rate / plain INSERT rate: {plain / ingest:.2f} (target >= 0.5)")
        full_before = timed_refresh(big, T0 + timedelta(hours=2), True)  # the load is over
        later = T0 + timedelta(days=1)
        into_big = timed_ingest(big, iter(nightly(rows)), "nightly", later)
        into_empty = timed_ingest(open_store(url("empty")), iter(nightly(rows)), "nightly", later)
        print(
            f"nightly 10,000 mentions: into the full store {into_big:.2f} s, into an empty store {into_empty:.2f} s"
        )
        print(f"  ratio full / empty: {into_big / into_empty:.2f} (target <= 2)")
        incremental = timed_refresh(big, later + timedelta(hours=1), False)
        full = timed_refresh(big, later + timedelta(hours=1), True)
        print(
            f"refresh: full {full:.2f} s (first full {full_before:.2f} s), incremental after the batch {incremental:.2f} s"
        )
        print(f"  ratio incremental / full: {incremental / full:.3f} (target <= 0.1)")


if __name__ == "__main__":
    main()
