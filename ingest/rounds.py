"""A merged mention -> the spec's FundingRound: background or news, date, USD value, `corporate`, confidence."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from ingest.backer_kinds import is_corporate
from ingest.events import Mention
from ingest.figures import Figure, Role
from ingest.fx import to_usd
from ingest.merge import round_code, round_money
from ingest.money import Money
from ingest.types import DatePrecision, FundingRound, RoundCode, RoundStatus


def _is_background(m: Mention, when: tuple[date, DatePrecision] | None, published: date | None) -> bool:
    if m.history:
        return True
    if when is None or published is None:
        return False
    day, precision = when
    if precision is DatePrecision.YEAR:
        return day.year < published.year
    if precision is DatePrecision.MONTH:
        return (published.year - day.year) * 12 + published.month - day.month >= 1
    return day < published - timedelta(days=45)


def to_round(m: Mention, dated: tuple[date, DatePrecision] | None) -> FundingRound | None:
    published = dated[0] if dated else None
    when = m.dates[0] if m.dates else None
    background = _is_background(m, when, published)
    if when is None and not background and dated:
        when = dated
    fig = round_money(m)
    on = when[0] if when else published
    money = _yen_or_yuan(m, fig.money, on) if fig else None
    code = round_code(m)
    backers = m.lead + [n for n in m.others if n not in m.lead]
    if code is RoundCode.UNKNOWN and len(backers) == 1 and not m.lead and is_corporate(backers[0]):
        code = RoundCode.CORPORATE  # ROUNDS_SPEC.md: a single corporate investor's (untyped) round
    return FundingRound(
        company=m.company or "",
        round=code,
        round_label=m.rounds[0].label if m.rounds else None,
        amount=money.amount if money else None,
        currency=money.currency if money else None,
        amount_text=money.text if money else None,
        amount_usd=_usd(m, money, on),
        valuation=(val := _valuation(m)) and val.money.amount,
        valuation_currency=val.money.currency if val else None,
        lead_investors=tuple(m.lead),
        other_investors=tuple(
            n for n in m.others if n not in m.lead and not _short_for(n, m.lead + m.others)
        ),
        announced_on=when[0] if when else None,
        announced_precision=when[1] if when else DatePrecision.DAY,
        status=m.status,
        background=background,
        evidence=" ".join([m.evidence, *m.extra_evidence][:3]),
        confidence=_confidence(m, money is not None),
        company_aliases=m.aliases,
    )


def _valuation(m: Mention) -> Figure | None:
    return next((f for f in m.figures if f.role is Role.VALUATION and f.money.amount), None)


def _conversion(m: Mention) -> Figure | None:
    return next((f for f in m.figures if f.role is Role.CONVERSION and f.money.currency == "USD"), None)


def _yen_or_yuan(m: Mention, money: Money, on: date | None) -> Money:
    """ "¥" is both yen and yuan (read as yuan); the article's own dollar figure tells them apart:
    "¥1.5 billion (about $10 million)" is yen. The rate it implies is compared with both ECB rates."""
    conv = _conversion(m)
    if not (
        money.text.lstrip().startswith(("¥", "￥")) and money.amount and on and conv and conv.money.amount
    ):
        return money
    cny, jpy = to_usd(Decimal(10**6), "CNY", on), to_usd(Decimal(10**6), "JPY", on)
    if not (cny and jpy):
        return money
    implied = conv.money.amount / money.amount * 10**6
    if abs(math.log(implied / jpy)) < abs(math.log(implied / cny)):
        return replace(money, currency="JPY")
    return money


def _usd(m: Mention, money: Money | None, on: date | None) -> Decimal | None:
    if money is None or money.amount is None or money.currency is None:
        return None
    if money.currency == "USD":
        return money.amount
    conv = _conversion(m)
    if conv and conv.money.amount:
        return conv.money.amount
    return to_usd(money.amount, money.currency, on) if on else None


def _confidence(m: Mention, has_amount: bool) -> float:
    score = 0.45 + 0.2 * has_amount + 0.15 * bool(m.rounds) + 0.1 * bool(m.lead or m.others)
    if m.status is RoundStatus.IN_TALKS:
        score -= 0.15
    if m.from_title:
        score -= 0.1
    return round(max(0.05, min(score, 0.98)), 3)


def _short_for(name: str, names: list[str]) -> bool:
    """Whether `name` is a later short reference to another investor of the round ("Evolution" for
    "Evolution Equity Partners"), not an investor of its own.

    >>> _short_for("Evolution", ["Evolution Equity Partners", "Evolution"]), _short_for("Acme", ["Acme"])
    (True, False)
    """
    return any(other != name and other.startswith(name + " ") for other in names)
