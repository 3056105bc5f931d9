"""How rounds look to a person (tables) and to a script (JSON, CSV rows)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from rich.table import Table

from db.queries import RoundRow


def money(amount: Decimal | None, currency: str | None) -> str:
    """Short human money: `USD 180M`, `CNY 1.2B`, `—` when undisclosed.

    >>> money(Decimal("180000000"), "USD"), money(Decimal("1200000000"), "CNY"), money(None, None)
    ('USD 180M', 'CNY 1.2B', '—')
    """
    if amount is None:
        return "—"
    for div, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(10) ** 3, "K")):
        if abs(amount) >= div:
            text = f"{amount / div:.2f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{amount:.0f}"
    return f"{currency or '?'} {text}"


def rounds_table(rows: list[RoundRow], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for col, justify in (
        ("id", "right"),
        ("company", "left"),
        ("round", "left"),
        ("amount", "right"),
        ("USD", "right"),
        ("announced", "left"),
        ("lead investors", "left"),
        ("sources", "right"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(
            str(r.id),
            r.company,
            r.round_label or r.round_code,
            money(r.amount, r.currency),
            money(r.amount_usd, "USD") if r.amount_usd is not None else "—",
            r.announced_on.isoformat() if r.announced_on else "—",
            ", ".join(r.lead_investors) or "—",
            str(r.source_count),
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


def round_json(r: RoundRow) -> dict[str, Any]:
    return _plain(asdict(r))


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
