"""Record an article's rounds: find or create the real-world round, keep the mention, re-merge, queue alerts."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import insert_ignore, insert_ignore_id, upsert, upsert_many
from db.mention_rows import ROUND_MENTIONS, mention_facts
from db.repository import alias_book, identity_lock, resolve_company, resolve_investor
from ingest.dedupe import (
    CanonicalRound,
    RoundFacts,
    anchor_key,
    find_same_round,
    investor_key,
    merge_mentions,
)
from ingest.types import FundingRound, RoundCode
from scheduler.alert_rule import AlertPolicy, RoundForAlert, qualifies


class Outcome(enum.Enum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


MERGED_FIELDS = (
    "round_label",
    "amount",
    "currency",
    "amount_usd",
    "valuation",
    "valuation_currency",
    "announced_on",
    "status",
    "background",
    "confidence",
    "source_count",
)
NATURAL_KEY = ("company_id", "round_code", "anchor_on", "anchor_key")
MENTION_KEY = ("round_id", "article_id")
MENTION_KEPT = ("round_id", "article_id", "created_at")

# Built once (on the tables, not the ORM classes): per statement, building it and its cache key cost
# SQLAlchemy several times what the database takes to run it.
R, RI, AO = m.Round.__table__, m.RoundInvestor.__table__, m.AlertOutbox.__table__
_ROUNDS_OF_COMPANY = select(R.c.id, R.c.round_code, R.c.announced_on, R.c.amount, R.c.currency).where(
    R.c.company_id == bindparam("company_id")
)
_ROUND_BY_KEY = select(R.c.id).where(*(R.c[k] == bindparam(f"k_{k}") for k in NATURAL_KEY))
_CURRENT = select(R.c.round_code, *(R.c[f] for f in MERGED_FIELDS)).where(R.c.id == bindparam("round_id"))
_NATURAL_KEY_OF = select(*(R.c[k] for k in NATURAL_KEY)).where(R.c.id == bindparam("round_id"))
_CODE_TAKEN = select(exists().where(*(R.c[k] == bindparam(f"k_{k}") for k in NATURAL_KEY)))
_UPDATE_ROUND = update(R).where(R.c.id == bindparam("round_id"))
_ROUND_INVESTORS = select(RI.c.investor_id, RI.c.is_lead).where(RI.c.round_id == bindparam("round_id"))
_DROP_INVESTORS = delete(RI).where(
    RI.c.round_id == bindparam("round_id"), RI.c.investor_id.in_(bindparam("gone", expanding=True))
)
_WATCH_NAMES = (
    select(m.Company.__table__.c.name, R.c.round_code)
    .join(m.Company.__table__, m.Company.__table__.c.id == R.c.company_id)
    .where(R.c.id == bindparam("round_id"))
)


def _find_or_create_round(
    session: Session, company_id: int, r: FundingRound, fallback_on: date, now: datetime
) -> tuple[int, bool]:
    rows = session.execute(_ROUNDS_OF_COMPANY, {"company_id": company_id}).all()
    facts = RoundFacts(r.round, r.announced_on or fallback_on, r.amount, r.currency)
    candidates = [
        (row.id, RoundFacts(RoundCode(row.round_code), row.announced_on, row.amount, row.currency))
        for row in rows
    ]
    found = find_same_round(candidates, facts)
    if found is not None:
        return found, False
    anchor = facts.announced_on or fallback_on
    key = anchor_key(facts)
    rid = insert_ignore_id(
        session,
        R,
        {
            "company_id": company_id,
            "round_code": r.round.value,
            "anchor_on": anchor,
            "anchor_key": key,
            "announced_on": anchor,
            "status": r.status.value,
            "background": r.background,
            "confidence": r.confidence,
            "source_count": 0,
            "first_seen_at": now,
            "updated_at": now,
        },
        NATURAL_KEY,
    )
    if rid is not None:
        return rid, True
    natural = {
        "k_company_id": company_id,
        "k_round_code": r.round.value,
        "k_anchor_on": anchor,
        "k_anchor_key": key,
    }
    return session.execute(_ROUND_BY_KEY, natural).scalar_one(), False


def mention_values(round_id: int, r: FundingRound, now: datetime) -> dict[str, object]:
    """The mention row of what one source said about a round (its origin columns added by the caller)."""
    return {
        "round_id": round_id,
        "company_name": r.company,
        "round_code": r.round.value,
        "round_label": r.round_label,
        "amount": r.amount,
        "currency": r.currency,
        "amount_text": r.amount_text,
        "amount_usd": r.amount_usd,
        "valuation": r.valuation,
        "valuation_currency": r.valuation_currency,
        "announced_on": r.announced_on,
        "announced_precision": r.announced_precision.value,
        "status": r.status.value,
        "background": r.background,
        "lead_investors": list(r.lead_investors),
        "other_investors": list(r.other_investors),
        "evidence": r.evidence,
        "confidence": r.confidence,
        "created_at": now,
    }


def remerge_round(session: Session, round_id: int, now: datetime, policy: AlertPolicy | None) -> bool:
    """Recompute a round's canonical figures and investors from all its mentions; True if they changed.
    Queues alerts (one per channel, never twice) when the merged round qualifies."""
    mentions = session.execute(ROUND_MENTIONS[policy is not None], {"round_id": round_id}).all()
    if not mentions:
        return _drop_orphan(session, round_id, now)
    canon = merge_mentions([mention_facts(x) for x in mentions])
    current = session.execute(_CURRENT, {"round_id": round_id}).one()
    new_values: dict[str, object] = {f: getattr(canon, f) for f in MERGED_FIELDS}
    if canon.round_code.value != current.round_code and _code_free(session, round_id, canon.round_code.value):
        new_values["round_code"] = canon.round_code.value
    changed = any(getattr(current, f) != v for f, v in new_values.items())
    news = [x for x in mentions if not x.background] or list(mentions)
    changed = _sync_investors(session, round_id, news) or changed
    if changed:
        session.execute(_UPDATE_ROUND, {**new_values, "updated_at": now, "round_id": round_id})
    if policy is not None:
        _queue_alerts(session, round_id, canon, mentions, policy, now)
    return changed


def _code_free(session: Session, round_id: int, code: str) -> bool:
    """Whether the round may take `code` without colliding with another row's natural key."""
    row = session.execute(_NATURAL_KEY_OF, {"round_id": round_id}).one()
    natural = {f"k_{k}": getattr(row, k) for k in NATURAL_KEY} | {"k_round_code": code}
    return not session.execute(_CODE_TAKEN, natural).scalar()


def _queue_alerts(
    session: Session,
    round_id: int,
    canon: CanonicalRound,
    mentions: Sequence[Any],
    policy: AlertPolicy,
    now: datetime,
) -> None:
    """One alert per channel, never twice (the outbox's unique key), once the round qualifies."""
    base = RoundForAlert(canon.amount_usd, canon.background, canon.status, canon.announced_on)
    if not qualifies(_for_alert(session, round_id, base, mentions, policy), policy, now):
        return
    for channel in policy.channels:
        insert_ignore(
            session,
            AO,
            {
                "round_id": round_id,
                "channel": channel,
                "idempotency_key": f"fundwatch-round-{round_id}-{channel}",
                "status": "pending",
                "attempts": 0,
                "created_at": now,
                "next_attempt_at": now,
            },
            ["round_id", "channel"],
        )


def _for_alert(
    session: Session,
    round_id: int,
    base: RoundForAlert,
    mentions: Sequence[Any],
    policy: AlertPolicy,
) -> RoundForAlert:
    """The round as the alert rule sees it; names and text are looked up only for watchlists."""
    if not policy.watchlist:
        return base
    company, code = session.execute(_WATCH_NAMES, {"round_id": round_id}).one()
    investors = tuple(n for x in mentions for n in (*x.lead_investors, *x.other_investors))
    names = tuple(x.company_name for x in mentions)
    text = "\n".join([*names, *(x.evidence for x in mentions)])
    return replace(base, round_code=code, company=company, investors=investors, text=text)


def _sync_investors(session: Session, round_id: int, mentions: Sequence[Any]) -> bool:
    """Make the round's investors those its mentions name; True when the set or a lead flag changed."""
    book = alias_book(session)
    lead: dict[str, str] = {}
    other: dict[str, str] = {}
    for x in mentions:
        leads, others = map(book.investor_name, x.lead_investors), map(book.investor_name, x.other_investors)
        lead.update({investor_key(n): n for n in leads if investor_key(n)})
        other.update({investor_key(n): n for n in others if investor_key(n)})
    wanted = {resolve_investor(session, name): True for name in lead.values()}
    for key, name in other.items():
        if key not in lead:
            wanted.setdefault(resolve_investor(session, name), False)
    rows = session.execute(_ROUND_INVESTORS, {"round_id": round_id})
    stored = {row.investor_id: row.is_lead for row in rows}
    if stored == wanted:
        return False
    gone = [i for i in stored if i not in wanted]
    if gone:
        session.execute(_DROP_INVESTORS, {"round_id": round_id, "gone": gone})
    changed = [
        {"round_id": round_id, "investor_id": investor_id, "is_lead": is_lead}
        for investor_id, is_lead in wanted.items()
        if stored.get(investor_id) != is_lead
    ]
    upsert_many(session, RI, changed, ["round_id", "investor_id"], ["is_lead"])
    return True


def _drop_orphan(session: Session, round_id: int, now: datetime) -> bool:
    """A round no article mentions any more goes, unless an alert already went out for it; a
    tombstone tells the incremental aggregate refresh to drop what it contributed."""
    alerted = session.execute(select(exists().where(m.AlertOutbox.round_id == round_id))).scalar()
    if alerted:
        return False
    session.execute(delete(m.RoundInvestor).where(m.RoundInvestor.round_id == round_id))
    session.execute(delete(m.Round).where(m.Round.id == round_id))
    upsert(
        session,
        m.RoundTombstone.__table__,
        {"round_id": round_id, "deleted_at": now},
        ["round_id"],
        ["deleted_at"],
    )
    return True


def record_round(
    session: Session,
    article_id: int,
    r: FundingRound,
    fallback_on: date,
    now: datetime,
    policy: AlertPolicy | None,
) -> tuple[int, Outcome]:
    """Store one extracted round of one article; idempotent for the same (article, round).

    Identity decisions (which company, which round) are serialised across writers by one
    transaction-scoped lock: transactions are short (one batch of articles, scheduler.ingest_job), and
    finer locks taken round by round could deadlock between two articles naming the same companies
    in another order."""
    identity_lock(session)
    facts = RoundFacts(r.round, r.announced_on or fallback_on, r.amount, r.currency)
    company_id = resolve_company(session, r.company, r.company_aliases, now, facts)
    round_id, created = _find_or_create_round(session, company_id, r, fallback_on, now)
    values = mention_values(round_id, r, now) | {"article_id": article_id}
    upsert(
        session, m.RoundMention.__table__, values, MENTION_KEY, [c for c in values if c not in MENTION_KEPT]
    )
    changed = remerge_round(session, round_id, now, policy)
    if created:
        return round_id, Outcome.CREATED
    return round_id, Outcome.UPDATED if changed else Outcome.UNCHANGED
