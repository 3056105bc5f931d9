"""Record many rounds at once (imports, benchmarks) through the same identity rules as record_round.

Companies and rounds are resolved batch by batch with in-memory key maps loaded by chunked IN
queries, so the cost of a batch grows with the batch, not with the store; writes are batched upserts.
Within a batch, a round is matched against the stored canonical figures as of the batch start plus
the batch's own earlier rows. The caller owns the transaction.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.bulk_companies import BatchCompanies
from db.bulk_merge import remerge_many
from db.bulk_rounds import assign_rounds, chunks, facts_of, load
from db.dialect import upsert_many
from db.repository import alias_book, company_names, identity_lock
from db.rounds import mention_values
from ingest.dedupe import RoundFacts, block_of, company_key
from ingest.imports import ImportRow


@dataclass
class BatchReport:
    rows: int = 0
    rounds_created: int = 0
    rounds_updated: int = 0
    companies_created: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


def _resolve_companies(session: Session, rows: Sequence[ImportRow], now: datetime) -> tuple[list[int], int]:
    book = alias_book(session)
    names = [company_names(r.round.company, r.round.company_aliases, book) for r in rows]
    keys = [list(dict.fromkeys(k for k in map(company_key, ns) if k)) for ns in names]
    by_key = {k: n for ns in names for n in reversed(ns) if (k := company_key(n))}
    book = BatchCompanies(session, {k for ks in keys for k in ks}, by_key)
    facts = [facts_of(r) for r in rows]
    evidence: dict[str, list[RoundFacts]] = defaultdict(list)  # every round the batch reports per name
    for ks, f in zip(keys, facts, strict=True):
        for k in ks:
            evidence[k].append(f)
    refs = [book.resolve(ns, ks, f, evidence) for ns, ks, f in zip(names, keys, facts, strict=True)]
    # a new company gets its country in the INSERT (the last row stating one, as _set_countries does)
    countries = {x: r.country for r, x in zip(rows, refs, strict=True) if r.country and isinstance(x, str)}
    new_rows = [
        {"key": k, "name": n, "created_at": now, "country": countries.get(k)} for k, n in book.new.items()
    ]
    upsert_many(session, m.Company.__table__, new_rows, ["key"], [])
    C = m.Company
    by_key = {r.key: r.id for r in load(session, lambda c: select(C.key, C.id).where(C.key.in_(c)), book.new)}
    ids = [by_key[x] if isinstance(x, str) else x for x in refs]
    aliases: dict[str, dict[str, object]] = {}
    for ns, cid in zip(names, ids, strict=True):
        for n in ns:
            k = company_key(n)
            if k and k not in book.known and k not in aliases:
                aliases[k] = {"company_id": cid, "alias_key": k, "alias": n, "block": block_of(k)}
    upsert_many(session, m.CompanyAlias.__table__, list(aliases.values()), ["alias_key"], [])
    _set_countries(session, rows, ids, now)
    return ids, len(book.new)


def _set_countries(session: Session, rows: Sequence[ImportRow], ids: list[int], now: datetime) -> None:
    """A country learnt from an import fills a gap (never overwrites); the company's rounds are
    stamped so that an incremental aggregate refresh regroups them."""
    wanted = {cid: r.country for r, cid in zip(rows, ids, strict=True) if r.country}
    C = m.Company
    empty = load(session, lambda c: select(C.id).where(C.id.in_(c), C.country.is_(None)), wanted)
    t = C.__table__
    rows = [{"b_id": cid, "b_country": wanted[cid]} for (cid,) in empty]
    if rows:
        stmt = update(t).where(t.c.id == bindparam("b_id")).values(country=bindparam("b_country"))
        session.execute(stmt, rows)
    for chunk in chunks([cid for (cid,) in empty]):
        session.execute(update(m.Round).where(m.Round.company_id.in_(chunk)).values(updated_at=now))


def _upsert_mentions(
    session: Session, file_id: int, rows: Sequence[ImportRow], round_ids: list[int], now: datetime
) -> set[int]:
    """One mention per imported row, keyed by (file, line); returns the rounds rows moved away from."""
    M = m.RoundMention
    lines = [r.line for r in rows]
    before = load(
        session, lambda c: select(M.round_id).where(M.import_file_id == file_id, M.import_line.in_(c)), lines
    )
    values = [
        mention_values(rid, r.round, now) | {"import_file_id": file_id, "import_line": r.line}
        for r, rid in zip(rows, round_ids, strict=True)
    ]
    kept = ("import_file_id", "import_line", "created_at")
    upsert_many(
        session,
        M.__table__,
        values,
        ["import_file_id", "import_line"],
        [c for c in values[0] if c not in kept],
    )
    return {b.round_id for b in before} - set(round_ids)


def record_rows(session: Session, file_id: int, rows: Sequence[ImportRow], now: datetime) -> BatchReport:
    """Record a batch of imported rows (one mention each) and re-merge every round they touch."""
    identity_lock(session)
    report = BatchReport(rows=len(rows))
    if not rows:
        return report
    company_ids, report.companies_created = _resolve_companies(session, rows, now)
    assigned = assign_rounds(session, rows, company_ids, now)
    report.rounds_created = assigned.created
    left = _upsert_mentions(session, file_id, rows, assigned.round_ids, now)
    report.rounds_updated = remerge_many(session, (set(assigned.round_ids) - assigned.settled) | left, now)
    return report
