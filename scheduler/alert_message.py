"""What an alert says: a frozen message built by a pure function from a stored round, and its renderings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from db.outbox import StoredRound


@dataclass(frozen=True, slots=True)
class SourceLink:
    outlet: str
    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class AlertMessage:
    idempotency_key: str
    round_id: int
    company: str
    round_code: str
    round_label: str | None
    amount: Decimal | None
    currency: str | None
    amount_usd: Decimal | None
    valuation: Decimal | None
    valuation_currency: str | None
    announced_on: str | None
    status: str
    lead_investors: tuple[str, ...]
    other_investors: tuple[str, ...]
    sources: tuple[SourceLink, ...]

    @property
    def round_name(self) -> str:
        return self.round_label or self.round_code.replace("_", " ").title()

    @property
    def title(self) -> str:
        amount = format_money(self.amount, self.currency)
        if self.currency != "USD" and self.amount_usd is not None:
            amount += f" (≈ {format_money(self.amount_usd, 'USD')})"
        return f"{self.company}: {self.round_name}, {amount}"


def build_message(r: StoredRound, idempotency_key: str) -> AlertMessage:
    """The alert for one stored round; every outlet's link is kept, in the order we saw them."""
    seen: dict[str, SourceLink] = {}
    for s in r.sources:
        seen.setdefault(s.url, SourceLink(s.outlet, s.url, s.title))
    return AlertMessage(
        idempotency_key=idempotency_key,
        round_id=r.id,
        company=r.company,
        round_code=r.round_code,
        round_label=r.round_label,
        amount=r.amount,
        currency=r.currency,
        amount_usd=r.amount_usd,
        valuation=r.valuation,
        valuation_currency=r.valuation_currency,
        announced_on=r.announced_on.isoformat() if r.announced_on else None,
        status=r.status,
        lead_investors=r.lead_investors,
        other_investors=r.other_investors,
        sources=tuple(seen.values()),
    )


def format_money(value: Decimal | None, currency: str | None) -> str:
    """A human amount: millions and billions with up to two decimals.

    >>> format_money(Decimal("150000000"), "USD")
    'USD 150M'
    >>> format_money(Decimal("1250000000"), "CNY")
    'CNY 1.25B'
    >>> format_money(None, "USD")
    'undisclosed'
    """
    if value is None:
        return "undisclosed"
    for scale, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M")):
        if abs(value) >= scale:
            number = f"{(value / scale).quantize(Decimal('0.01')):f}".rstrip("0").rstrip(".")
            return f"{currency or '?'} {number}{suffix}"
    return f"{currency or '?'} {value.quantize(Decimal(1)):,f}"


def render_text(msg: AlertMessage) -> str:
    """A readable block for a terminal, a log or an e-mail body."""
    lines = [msg.title, f"  announced: {msg.announced_on or 'unknown'}"]
    if msg.valuation is not None:
        lines.append(f"  valuation: {format_money(msg.valuation, msg.valuation_currency)}")
    lines.append(f"  led by: {', '.join(msg.lead_investors) or 'not named'}")
    if msg.other_investors:
        lines.append(f"  with: {', '.join(msg.other_investors)}")
    lines.append("  sources:")
    lines.extend(f"    - {s.outlet}: {s.url}" for s in msg.sources)
    lines.append(f"  key: {msg.idempotency_key}")
    return "\n".join(lines)


def _num(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def to_json(msg: AlertMessage) -> dict[str, Any]:
    """The generic JSON payload (JSON Lines file, generic webhook)."""
    return {
        "idempotency_key": msg.idempotency_key,
        "round_id": msg.round_id,
        "company": msg.company,
        "round": msg.round_code,
        "round_label": msg.round_label,
        "amount": _num(msg.amount),
        "currency": msg.currency,
        "amount_usd": _num(msg.amount_usd),
        "valuation": _num(msg.valuation),
        "valuation_currency": msg.valuation_currency,
        "announced_on": msg.announced_on,
        "status": msg.status,
        "lead_investors": list(msg.lead_investors),
        "other_investors": list(msg.other_investors),
        "sources": [{"outlet": s.outlet, "url": s.url, "title": s.title} for s in msg.sources],
    }


def to_slack(msg: AlertMessage) -> dict[str, Any]:
    """A Slack incoming-webhook payload (also understood by Mattermost and Rocket.Chat)."""
    links = " · ".join(f"<{s.url}|{s.outlet}>" for s in msg.sources)
    body = render_text(msg).split("\n", 1)[1]
    return {
        "text": msg.title,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": f"*{msg.title}*\n{body}"}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": links or "no sources"}]},
        ],
    }
