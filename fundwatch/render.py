"""How rounds look to a person (tables) and to a script (JSON, CSV rows)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table

from db.provenance import MentionProvenance
from db.queries import RoundRow
from scheduler.alert_message import format_money


def wide_console() -> Console:
    """A console for tables: the terminal's width, or 120 columns when output goes to a file or pipe."""
    console = Console()
    return console if console.is_terminal else Console(width=120)


def rounds_table(rows: list[RoundRow], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for col, justify, width in (
        ("id", "right", 3),
        ("company", "left", 12),
        ("round", "left", 9),
        ("amount", "right", 12),
        ("USD", "right", 12),
        ("announced", "left", 10),
        ("sources", "right", 7),
    ):
        table.add_column(col, justify=justify, no_wrap=True, min_width=width)  # type: ignore[arg-type]
    table.add_column("lead investors", overflow="ellipsis", no_wrap=True, max_width=36)
    for r in rows:
        table.add_row(
            str(r.id),
            r.company,
            r.round_label or r.round_code,
            format_money(r.amount, r.currency),
            format_money(r.amount_usd, "USD") if r.amount_usd is not None else "—",
            r.announced_on.isoformat() if r.announced_on else "—",
            str(r.source_count),
            ", ".join(r.lead_investors) or "—",
        )
    return table


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def round_json(r: RoundRow, mentions: Sequence[MentionProvenance] = ()) -> dict[str, Any]:
    """A round with its sources and, per mention, what that source itself said (provenance)."""
    return _plain(asdict(r) | {"mentions": [asdict(x) for x in mentions]})


CSV_COLUMNS = (
    "id",
    "company",
    "round_code",
    "round_label",
    "amount",
    "currency",
    "amount_usd",
    "valuation",
    "valuation_currency",
    "announced_on",
    "status",
    "source_count",
    "lead_investors",
    "other_investors",
    "source_urls",
)


def round_csv_row(r: RoundRow) -> dict[str, Any]:
    d = round_json(r)
    d["lead_investors"] = "; ".join(r.lead_investors)
    d["other_investors"] = "; ".join(r.other_investors)
    d["source_urls"] = " ".join(s.url for s in r.sources)
    return {k: d[k] for k in CSV_COLUMNS}
