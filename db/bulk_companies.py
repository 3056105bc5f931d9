"""Company identity for one batch of imported rows, by the rules of db.repository.resolve_company.

Key -> company id maps and the blocks of unseen keys are loaded with chunked IN queries; the rounds
of companies whose names extend a new one ("Pandora" / "Pandora Media") are loaded only for those.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import models as m
from db.bulk_rounds import load
from ingest.dedupe import (
    RoundFacts,
    block_of,
    extension_candidates,
    fuzzy_match,
    same_reported_round,
)
from ingest.types import RoundCode

CompanyRef = int | str  # a stored company's id, or a new company's key


class BatchCompanies:
    """Resolve the names of a batch's rows, in row order, to stored or new companies."""

    def __init__(self, session: Session, keys: set[str], names: dict[str, str]) -> None:
        A = m.CompanyAlias
        stmt = select(A.alias_key, A.company_id)
        self.ids: dict[str, CompanyRef] = {
            r.alias_key: r.company_id for r in load(session, lambda c: stmt.where(A.alias_key.in_(c)), keys)
        }
        self.known = set(self.ids)
        self.names = dict(names)  # key -> a name with that key (word boundaries)
        self.blocks: dict[str, list[str]] = defaultdict(list)
        unseen = [k for k in keys if k not in self.ids]
        cols = (A.alias_key, A.company_id, A.block, A.alias)
        # at scale a batch's blocks hold a large share of all names: one tuple unpacking per row
        for key, cid, block, alias in load(
            session, lambda c: select(*cols).where(A.block.in_(c)), {block_of(k) for k in unseen}
        ):
            self.ids.setdefault(key, cid)
            self.names.setdefault(key, alias)
            self.blocks[block].append(key)
        self.rounds: dict[CompanyRef, list[RoundFacts]] = defaultdict(list)
        self._load_rounds(session, unseen)
        self.new: dict[str, str] = {}  # new company key -> display name

    def _load_rounds(self, session: Session, unseen: list[str]) -> None:
        wanted = {
            self.ids[c] for k in unseen for c in extension_candidates(k, self.blocks[block_of(k)], self.names)
        }
        R = m.Round
        cols = (R.company_id, R.round_code, R.announced_on, R.amount, R.currency)
        for r in load(session, lambda c: select(*cols).where(R.company_id.in_(c)).order_by(R.id), wanted):
            facts = RoundFacts(RoundCode(r.round_code), r.announced_on, r.amount, r.currency)
            self.rounds[r.company_id].append(facts)

    def resolve(
        self,
        names: list[str],
        keys: list[str],
        facts: RoundFacts,
        evidence: Mapping[str, Sequence[RoundFacts]],
    ) -> CompanyRef:
        """The company of a row naming `names` (keys `keys`) and reporting `facts`. `evidence` holds, by
        key, every round the batch reports under that name: a name with words added is matched on any of them
        (a file lists Greenplum Software's Series C+ before the Series A that Greenplum reported)."""
        found = next((self.ids[k] for k in keys if k in self.ids), None)
        if found is None:
            match = next((x for x in (self._fuzzy(k) for k in keys) if x), None)
            found = self.ids[match] if match else None
        if found is None:
            seen = [g for k in keys for g in evidence[k]]  # this row's facts among them
            found = next((x for x in (self._extended(k, seen) for k in keys) if x is not None), None)
        if found is None:
            found = keys[0]
            self.new[keys[0]] = names[0]
        for k in keys:
            if k not in self.ids:
                self.ids[k] = found
                self.blocks[block_of(k)].append(k)
        self.rounds[found].append(facts)
        return found

    def _fuzzy(self, key: str) -> str | None:
        return fuzzy_match(key, self.blocks[block_of(key)], self.names)

    def _extended(self, key: str, seen: Sequence[RoundFacts]) -> CompanyRef | None:
        found = extension_candidates(key, self.blocks[block_of(key)], self.names)
        refs = sorted({self.ids[c] for c in found}, key=lambda x: (isinstance(x, str), x))
        return next(
            (x for x in refs if any(same_reported_round(f, g) for f in self.rounds[x] for g in seen)), None
        )
