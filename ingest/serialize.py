"""Rounds to and from the JSON shape of ROUNDS_SPEC.md, the stable output of `fundwatch extract`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from ingest.types import DatePrecision, FundingRound, RoundCode, RoundStatus


def _number(value: Decimal | None) -> int | float | None:
    """JSON number for a Decimal: an int when whole, else a float.

    >>> _number(Decimal("2500000.00")), _number(Decimal("1.5")), _number(None)
    (2500000, 1.5, None)
    """
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def format_announced(day: date | None, precision: DatePrecision) -> str | None:
    """`YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the text dated the round only that far.

    >>> format_announced(date(2009, 11, 1), DatePrecision.MONTH)
    '2009-11'
    """
    if day is None:
        return None
    if precision is DatePrecision.YEAR:
        return f"{day.year:04d}"
    if precision is DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def parse_announced(text: str | None) -> tuple[date | None, DatePrecision]:
    """Inverse of `format_announced`.

    >>> parse_announced("2018-01")
    (datetime.date(2018, 1, 1), <DatePrecision.MONTH: 'month'>)
    """
    if not text:
        return None, DatePrecision.DAY
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), DatePrecision.YEAR
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), DatePrecision.MONTH
    return date(parts[0], parts[1], parts[2]), DatePrecision.DAY


def round_to_dict(r: FundingRound) -> dict[str, Any]:
    """The spec's round object, field for field and in the spec's order."""
    return {
        "company": r.company,
        "round": r.round.value,
        "round_label": r.round_label,
        "amount": _number(r.amount),
        "currency": r.currency,
        "amount_text": r.amount_text,
        "amount_usd": _number(r.amount_usd),
        "valuation": _number(r.valuation),
        "valuation_currency": r.valuation_currency,
        "lead_investors": list(r.lead_investors),
        "other_investors": list(r.other_investors),
        "announced_on": format_announced(r.announced_on, r.announced_precision),
        "status": r.status.value,
        "background": r.background,
        "evidence": r.evidence,
        "confidence": round(r.confidence, 3),
        "company_aliases": list(r.company_aliases),
    }


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def round_from_dict(d: dict[str, Any]) -> FundingRound:
    """A FundingRound from a spec-shaped dict (labels, imports, JSON round trips)."""
    announced_on, precision = parse_announced(d.get("announced_on"))
    return FundingRound(
        company=d["company"],
        round=RoundCode(d.get("round") or "unknown"),
        round_label=d.get("round_label"),
        amount=_decimal(d.get("amount")),
        currency=d.get("currency"),
        amount_text=d.get("amount_text"),
        amount_usd=_decimal(d.get("amount_usd")),
        valuation=_decimal(d.get("valuation")),
        valuation_currency=d.get("valuation_currency"),
        lead_investors=tuple(d.get("lead_investors") or ()),
        other_investors=tuple(d.get("other_investors") or ()),
        announced_on=announced_on,
        announced_precision=precision,
        status=RoundStatus(d.get("status") or "announced"),
        background=bool(d.get("background", False)),
        evidence=d.get("evidence") or "",
        confidence=float(d.get("confidence") or 0.5),
        company_aliases=tuple(d.get("company_aliases") or ()),
    )
