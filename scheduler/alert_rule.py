"""Which rounds deserve an alert: a pure rule over a round's canonical figures and the time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

DEFAULT_THRESHOLD_USD = Decimal(100_000_000)


@dataclass(frozen=True, slots=True)
class Watchlist:
    """Rounds that alert whatever their size: by round code, company, investor or keyword (any match).

    Names and keywords match case-insensitively as substrings, so "Sequoia" matches "Sequoia China".
    """

    round_codes: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    investors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.round_codes or self.companies or self.investors or self.keywords)


@dataclass(frozen=True, slots=True)
class AlertPolicy:
    threshold_usd: Decimal = DEFAULT_THRESHOLD_USD
    max_age_days: int | None = 30
    channels: tuple[str, ...] = ("console", "jsonl")
    watchlist: Watchlist = field(default_factory=Watchlist)


@dataclass(frozen=True, slots=True)
class RoundForAlert:
    amount_usd: Decimal | None
    background: bool
    status: str
    announced_on: date | None
    round_code: str = ""
    company: str = ""
    investors: tuple[str, ...] = ()
    text: str = ""


def _contains_any(haystacks: tuple[str, ...], needles: tuple[str, ...]) -> bool:
    folded = [h.casefold() for h in haystacks]
    return any(n.casefold() in h for n in needles for h in folded)


def watched(r: RoundForAlert, w: Watchlist) -> bool:
    """True when the round is on a watchlist.

    >>> w = Watchlist(investors=("sequoia",), keywords=("robot",))
    >>> watched(RoundForAlert(None, False, "announced", None, investors=("Sequoia China",)), w)
    True
    >>> watched(RoundForAlert(None, False, "announced", None, text="a fintech app"), w)
    False
    """
    return (
        r.round_code in w.round_codes
        or _contains_any((r.company,), w.companies)
        or _contains_any(r.investors, w.investors)
        or _contains_any((r.company, r.text), w.keywords)
    )


def qualifies(r: RoundForAlert, policy: AlertPolicy, now: datetime) -> bool:
    """A news round (not background, not mere talks) announced recently, of at least the threshold
    or on a watchlist.

    >>> from datetime import UTC
    >>> big = RoundForAlert(Decimal(150e6), False, "announced", date(2026, 11, 20))
    >>> qualifies(big, AlertPolicy(), datetime(2026, 11, 27, tzinfo=UTC))
    True
    >>> qualifies(big, AlertPolicy(max_age_days=5), datetime(2026, 11, 27, tzinfo=UTC))
    False
    """
    if r.background or r.status != "announced":
        return False
    if policy.max_age_days is not None and (
        r.announced_on is None or (now.date() - r.announced_on).days > policy.max_age_days
    ):
        return False
    large = r.amount_usd is not None and r.amount_usd >= policy.threshold_usd
    return large or (bool(policy.watchlist) and watched(r, policy.watchlist))
