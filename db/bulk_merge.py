"""Re-merge many rounds at once: canonical figures and investors, by the rule of ingest.dedupe.merge_mentions.

The batched twin of db.rounds.remerge_round (no alerts: bulk paths record history, not news).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import upsert_many
from db.mention_rows import mention_facts, mention_rows
from db.repository import alias_book
from db.rounds import MERGED_FIELDS, _code_free, _drop_orphan
from ingest.aliases import AliasBook
from ingest.dedupe import investor_key, merge_mentions

CHUNK = 2000


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    items = sorted(ids)
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def remerge_many(session: Session, round_ids: set[int], now: datetime) -> int:
    """Recompute the rounds' canonical figures and investors; returns how many changed."""
    changed = 0
    for chunk in _chunks(round_ids):
        changed += _remerge_chunk(session, chunk, now)
    return changed


def _remerge_chunk(session: Session, ids: list[int], now: datetime) -> int:
    R = m.Round
    mentions: dict[int, list[Any]] = defaultdict(list)
    for x in session.execute(mention_rows(ids)):
        mentions[x.round_id].append(x)
    current = {
        r.id: r
        for r in session.execute(
            select(R.id, R.round_code, *[getattr(R, f) for f in MERGED_FIELDS]).where(R.id.in_(ids))
        )
    }
    updates: list[dict[str, object]] = []
    for rid in ids:
        if rid not in mentions:
            _drop_orphan(session, rid, now)
            continue
        values = _canonical(session, rid, mentions[rid], current[rid])
        if values is not None:
            updates.append(values)
    investors_changed = _sync_investors_many(session, dict(mentions)) - {u["b_id"] for u in updates}
    t = R.__table__
    if updates:
        cols = {c: bindparam(c) for c in (*MERGED_FIELDS, "round_code")}
        session.execute(update(t).where(t.c.id == bindparam("b_id")).values(**cols, updated_at=now), updates)
    if investors_changed:
        stamp = [{"b_id": rid} for rid in sorted(investors_changed)]
        session.execute(update(t).where(t.c.id == bindparam("b_id")).values(updated_at=now), stamp)
    return len(updates) + len(investors_changed)


def _canonical(session: Session, rid: int, mentions: list[Any], current: object) -> dict[str, object] | None:
    canon = merge_mentions([mention_facts(x) for x in mentions])
    values: dict[str, object] = {f: getattr(canon, f) for f in MERGED_FIELDS}
    code = canon.round_code.value
    moved = code != current.round_code and _code_free(session, rid, code)  # type: ignore[attr-defined]
    values["round_code"] = code if moved else current.round_code  # type: ignore[attr-defined]
    if all(getattr(current, f) == v for f, v in values.items()):
        return None
    return {"b_id": rid, **values}


def sync_new_investors(session: Session, mentions: dict[int, list[Any]]) -> None:
    """The investors of rounds created with their merged figures (db.bulk_rounds)."""
    for chunk in _chunks(mentions):
        _sync_investors_many(session, {rid: mentions[rid] for rid in chunk})


def _wanted_investors(mentions: Sequence[Any], book: AliasBook) -> dict[str, tuple[str, bool]]:
    news = [x for x in mentions if not x.background] or list(mentions)
    wanted: dict[str, tuple[str, bool]] = {}
    for x in news:
        for n in map(book.investor_name, x.other_investors):
            if investor_key(n):
                wanted.setdefault(investor_key(n), (n, False))
    for x in news:
        for n in map(book.investor_name, x.lead_investors):
            if investor_key(n):
                wanted[investor_key(n)] = (n, True)
    return wanted


def _sync_investors_many(session: Session, mentions: dict[int, list[Any]]) -> set[int]:
    """Make each round's investors those its mentions name; returns the rounds whose set changed."""
    book = alias_book(session)
    wanted = {rid: _wanted_investors(ms, book) for rid, ms in mentions.items()}
    names = {k: n for w in wanted.values() for k, (n, _) in w.items()}
    ids = _investor_ids(session, names)
    RI = m.RoundInvestor
    stored: dict[int, dict[int, bool]] = defaultdict(dict)
    for r in session.execute(
        select(RI.round_id, RI.investor_id, RI.is_lead).where(RI.round_id.in_(list(mentions)))
    ):
        stored[r.round_id][r.investor_id] = r.is_lead
    changed = {
        rid for rid, w in wanted.items() if stored[rid] != {ids[k]: lead for k, (_, lead) in w.items()}
    }
    if changed:
        session.execute(delete(RI).where(RI.round_id.in_(sorted(changed))))
        rows = [
            {"round_id": rid, "investor_id": ids[k], "is_lead": lead}
            for rid in changed
            for k, (_, lead) in wanted[rid].items()
        ]
        upsert_many(session, RI.__table__, rows, ["round_id", "investor_id"], ["is_lead"])
    return changed


def _investor_ids(session: Session, names: dict[str, str]) -> dict[str, int]:
    if not names:
        return {}
    upsert_many(session, m.Investor.__table__, [{"key": k, "name": n} for k, n in names.items()], ["key"], [])
    ids: dict[str, int] = {}
    keys = sorted(names)
    for i in range(0, len(keys), CHUNK):
        q = select(m.Investor.key, m.Investor.id).where(m.Investor.key.in_(keys[i : i + CHUNK]))
        ids.update({r.key: r.id for r in session.execute(q)})
    return ids
