"""Assign a batch of imported rows to rounds (stored ones, or new ones of this batch) by the rules of record_round.

A round the batch creates is written with its merged figures and investors at once: its only
mentions are the batch's rows, so merging them in memory gives what a re-merge would read back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.bulk_merge import sync_new_investors
from db.dialect import upsert_many
from db.rounds import MERGED_FIELDS
from ingest.dedupe import MentionFacts, RoundFacts, anchor_key, find_same_round, merge_mentions
from ingest.imports import ImportRow
from ingest.types import DatePrecision, RoundCode

CHUNK = 2000
NATURAL_KEY = ("company_id", "round_code", "anchor_on", "anchor_key")
Ref = tuple[Any, ...]  # a new round's natural key before it has an id


def chunks(items: Iterable[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    seq = list(items)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def load(session: Session, stmt_for: Callable[[list[Any]], Any], keys: Iterable[Any]) -> list[Any]:
    """Rows of a query over many keys, run with IN lists of at most CHUNK keys. Core selects of
    columns run on the session's connection: the same rows, without the ORM's per-row step."""
    out: list[Any] = []
    conn = session.connection()
    for chunk in chunks(set(keys)):
        out.extend(conn.execute(stmt_for(chunk)).all())
    return out


@dataclass(frozen=True, slots=True)
class Assigned:
    round_ids: list[int]  # per row
    created: int
    settled: frozenset[int]  # rounds created with their final figures: no re-merge needed


def assign_rounds(
    session: Session, rows: Sequence[ImportRow], company_ids: list[int], now: datetime
) -> Assigned:
    R = m.Round
    cols = (R.id, R.company_id, R.round_code, R.announced_on, R.amount, R.currency, R.anchor_on, R.anchor_key)
    stored = load(session, lambda c: select(*cols).where(R.company_id.in_(c)), company_ids)
    existing = {(s.company_id, s.round_code, s.anchor_on, s.anchor_key): s.id for s in stored}
    candidates: dict[int, list[tuple[object, RoundFacts]]] = defaultdict(list)
    for s in stored:
        candidates[s.company_id].append(
            (s.id, RoundFacts(RoundCode(s.round_code), s.announced_on, s.amount, s.currency))
        )
    batch_mentions: dict[object, list[ImportRow]] = defaultdict(list)
    refs: list[object] = []
    new: dict[Ref, ImportRow] = {}
    for r, cid in zip(rows, company_ids, strict=True):
        f = facts_of(r)
        ref = find_same_round(candidates[cid], f)  # type: ignore[arg-type]
        if ref is None:
            ref = (cid, r.round.round.value, r.round.announced_on, anchor_key(f))
            if ref in existing:  # a stored round holds the natural key: join it, as record_round does
                ref = existing[ref]
            elif ref not in new:
                candidates[cid].append((ref, f))
                new[ref] = r
        batch_mentions[ref].append(r)
        refs.append(ref)
        _refresh_candidate(candidates[cid], ref, batch_mentions[ref])
    built = [(ref, *_new_round(ref, first, batch_mentions[ref], now)) for ref, first in new.items()]
    ids = _insert_rounds(session, [row for _, row, _ in built])
    settled = {ids[ref]: batch_mentions[ref] for ref, _, done in built if done}
    sync_new_investors(session, {rid: [r.round for r in rs] for rid, rs in settled.items()})
    round_ids = [ids[x] if isinstance(x, tuple) else x for x in refs]
    return Assigned(round_ids, len(new), frozenset(settled))  # type: ignore[arg-type]


def facts_of(r: ImportRow) -> RoundFacts:
    fr = r.round
    return RoundFacts(fr.round, fr.announced_on, fr.amount, fr.currency)


def _refresh_candidate(cands: list[tuple[object, RoundFacts]], ref: object, rows: list[ImportRow]) -> None:
    """New rounds of this batch are matched on their merged figures, as stored rounds are."""
    if not isinstance(ref, tuple) or len(rows) < 2:
        return
    canon = merge_mentions([_row_facts(x) for x in rows])
    i = next(i for i, (x, _) in enumerate(cands) if x == ref)
    cands[i] = (ref, RoundFacts(canon.round_code, canon.announced_on, canon.amount, canon.currency))


def _row_facts(r: ImportRow) -> MentionFacts:
    """A row's figures as db.mention_rows.mention_facts reads them back (the same report order:
    every row of a batch comes from one file, ordered by line)."""
    fr = r.round
    return MentionFacts(
        fr.round,
        fr.round_label,
        fr.amount,
        fr.currency,
        fr.amount_usd,
        fr.valuation,
        fr.valuation_currency,
        fr.announced_on,
        fr.announced_precision == DatePrecision.DAY,
        fr.status.value,
        fr.background,
        fr.confidence,
        amount_text=fr.amount_text,
        origin=f"line:{r.line:010d}",
    )


def _new_round(
    ref: Ref, first: ImportRow, rows: list[ImportRow], now: datetime
) -> tuple[dict[str, Any], bool]:
    """The row of a new round (its natural key is free: no stored round holds it, checked under the
    identity lock), and whether it is settled: when its merged code is the one it is keyed by, it is
    written with the merged figures of its rows; otherwise db.bulk_merge re-merges it (moving the
    code if it is free)."""
    cid, code, anchor, key = ref
    canon = merge_mentions([_row_facts(x) for x in rows])
    settled = canon.round_code.value == code
    row: dict[str, Any] = {"company_id": cid, "round_code": code, "anchor_on": anchor, "anchor_key": key}
    if settled:
        for f in MERGED_FIELDS:
            row[f] = getattr(canon, f)
    else:
        row.update(dict.fromkeys(MERGED_FIELDS))
        row["announced_on"] = anchor
        row["status"] = first.round.status.value
        row["background"] = first.round.background
        row["confidence"] = first.round.confidence
        row["source_count"] = 0
    row["first_seen_at"] = row["updated_at"] = now
    return row, settled


def _insert_rounds(session: Session, rows: list[dict[str, Any]]) -> dict[Ref, int]:
    upsert_many(session, m.Round.__table__, rows, NATURAL_KEY, [])
    R = m.Round
    cols = (R.id, R.company_id, R.round_code, R.anchor_on, R.anchor_key)
    wanted = {v["company_id"] for v in rows}
    found = load(session, lambda c: select(*cols).where(R.company_id.in_(c)), wanted)
    return {(cid, code, anchor, key): rid for rid, cid, code, anchor, key in found}
