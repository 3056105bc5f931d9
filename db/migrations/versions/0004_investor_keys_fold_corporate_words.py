"""investor keys fold corporate tail words (SoftBank = SoftBank Group): re-key and merge investors

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 09:00:00

A data migration: each investor's key is recomputed from its name with the current
ingest.dedupe.investor_key; investors that now share a key become one (the lowest id stays), their
round links merged (lead if either was lead). When any merge happened the aggregate watermark is
cleared, so the next `fundwatch refresh` is a full one. No schema change; downgrade keeps the data.
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from ingest.dedupe import investor_key

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _merge(conn: sa.Connection, keep: int, gone: int) -> None:
    both = sa.text(
        "UPDATE round_investors SET is_lead = :t WHERE investor_id = :keep AND round_id IN "
        "(SELECT round_id FROM round_investors WHERE investor_id = :gone AND is_lead = :t)"
    )
    conn.execute(both, {"keep": keep, "gone": gone, "t": True})
    conn.execute(
        sa.text(
            "DELETE FROM round_investors WHERE investor_id = :gone AND round_id IN "
            "(SELECT round_id FROM round_investors WHERE investor_id = :keep)"
        ),
        {"keep": keep, "gone": gone},
    )
    conn.execute(
        sa.text("UPDATE round_investors SET investor_id = :keep WHERE investor_id = :gone"),
        {"keep": keep, "gone": gone},
    )
    for table in ("agg_round_investor_state", "agg_investors"):
        conn.execute(sa.text(f"DELETE FROM {table} WHERE investor_id = :gone"), {"gone": gone})
    conn.execute(sa.text("DELETE FROM investors WHERE id = :gone"), {"gone": gone})


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, key, name FROM investors ORDER BY id")).all()
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rid, key, name in rows:
        groups[investor_key(name) or key].append((rid, key))
    merged = False
    for members in groups.values():
        for gone, _ in members[1:]:
            _merge(conn, members[0][0], gone)
            merged = True
    moved = [(members[0][0], new) for new, members in groups.items() if members[0][1] != new]
    for rid, _ in moved:  # two steps: a new key may still be another row's old key
        conn.execute(sa.text("UPDATE investors SET key = :k WHERE id = :id"), {"k": f"~{rid}", "id": rid})
    for rid, new in moved:
        conn.execute(sa.text("UPDATE investors SET key = :k WHERE id = :id"), {"k": new, "id": rid})
    if merged:
        conn.execute(sa.text("UPDATE refresh_state SET watermark = NULL"))


def downgrade() -> None:
    pass
