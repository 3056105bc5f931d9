"""The one definition of "the same company" and "the same round", and how mentions merge (pure)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from cleanco import basename

from ingest.types import RoundCode

ROUND_WINDOW_DAYS = 120
# Codes a company can raise several times in a year: for these the amount must agree as well.
REPEATABLE_CODES = frozenset(
    {
        RoundCode.UNKNOWN,
        RoundCode.STRATEGIC,
        RoundCode.SEED,
        RoundCode.DEBT,
        RoundCode.CORPORATE,
        RoundCode.CONVERTIBLE_NOTE,
        RoundCode.GRANT,
    }
)
AMOUNT_TOLERANCE = Decimal("0.15")

_ZH_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团股份|股份公司)$")
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """Identity key of a company name: width, case, punctuation, spacing and legal suffixes folded.

    >>> company_key("Grid Networks, Inc.") == company_key("GridNetworks")
    True
    >>> company_key("OYO Rooms") == company_key("Oyorooms")
    True
    >>> company_key("Good Technology") == company_key("GOOD")
    False
    """
    text = unicodedata.normalize("NFKC", name).strip()
    text = _ZH_LEGAL.sub("", text)
    stripped = basename(text)
    if len(_PUNCT.sub("", stripped)) >= 2:
        text = stripped
    return _PUNCT.sub("", text.casefold())


def investor_key(name: str) -> str:
    """Identity key of an investor name (same folding as companies)."""
    return company_key(name)


@dataclass(frozen=True, slots=True)
class RoundFacts:
    """What identity needs to know about a stored round or a new mention."""

    round_code: RoundCode
    announced_on: date | None
    amount: Decimal | None
    currency: str | None


def _amounts_compatible(a: RoundFacts, b: RoundFacts) -> bool:
    if a.amount is None or b.amount is None or a.currency != b.currency:
        return a.amount is None or b.amount is None
    big = max(a.amount, b.amount)
    return big == 0 or abs(a.amount - b.amount) / big <= AMOUNT_TOLERANCE


def same_round(a: RoundFacts, b: RoundFacts, window_days: int = ROUND_WINDOW_DAYS) -> bool:
    """Two rounds of one company are the same when code, date window (and amount, for repeatable
    codes) agree. Series B and B+ are different codes, hence different rounds.

    >>> b = RoundFacts(RoundCode.SERIES_B, date(2024, 3, 1), Decimal(40e6), "USD")
    >>> same_round(b, RoundFacts(RoundCode.SERIES_B, date(2024, 3, 4), Decimal(42e6), "USD"))
    True
    >>> same_round(b, RoundFacts(RoundCode.SERIES_B_PLUS, date(2024, 3, 4), Decimal(40e6), "USD"))
    False
    """
    if a.round_code != b.round_code:
        return False
    if a.announced_on and b.announced_on and abs((a.announced_on - b.announced_on).days) > window_days:
        return False
    return a.round_code not in REPEATABLE_CODES or _amounts_compatible(a, b)


def anchor_key(facts: RoundFacts) -> str:
    """The part of a round's natural key besides (company, code, anchor date): the first reported
    amount for repeatable codes, so that two different seed notes on one day get two rows.

    >>> anchor_key(RoundFacts(RoundCode.SEED, None, Decimal("2000000.00"), "USD"))
    '2000000 USD'
    >>> anchor_key(RoundFacts(RoundCode.SERIES_A, None, Decimal(5), "USD"))
    ''
    """
    if facts.round_code not in REPEATABLE_CODES or facts.amount is None:
        return ""
    return f"{facts.amount.normalize():f} {facts.currency or ''}".strip()


def find_same_round(candidates: Sequence[tuple[int, RoundFacts]], new: RoundFacts) -> int | None:
    """The id of the stored round `new` belongs to, the nearest in time when several match."""
    matches = [(rid, f) for rid, f in candidates if same_round(f, new)]
    if not matches:
        return None

    def distance(item: tuple[int, RoundFacts]) -> int:
        other = item[1].announced_on
        return abs((other - new.announced_on).days) if other and new.announced_on else 0

    return min(matches, key=distance)[0]


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """One article's figures for a round, in the order the articles were first seen."""

    round_label: str | None
    amount: Decimal | None
    currency: str | None
    amount_usd: Decimal | None
    valuation: Decimal | None
    valuation_currency: str | None
    announced_on: date | None
    precise_date: bool
    status: str
    background: bool
    confidence: float


@dataclass(frozen=True, slots=True)
class CanonicalRound:
    round_label: str | None
    amount: Decimal | None
    currency: str | None
    amount_usd: Decimal | None
    valuation: Decimal | None
    valuation_currency: str | None
    announced_on: date | None
    status: str
    background: bool
    confidence: float
    source_count: int


def _first(values: Sequence[object]) -> object | None:
    return next((v for v in values if v is not None), None)


def merge_mentions(mentions: Sequence[MentionFacts]) -> CanonicalRound:
    """The canonical figures of a round from every mention, by this documented rule:

    - amount and currency: the figure most mentions agree on; on a tie, the earliest report's;
      amount_usd comes from a mention stating that same figure;
    - valuation, round label: the earliest mention that states one (later reports fill gaps);
    - announced_on: the earliest day-precise date among news mentions, else any date;
    - status: "announced" once any mention says so; background only if every mention is background;
    - confidence: the highest of any mention.
    """
    news = [m for m in mentions if not m.background] or list(mentions)
    stated = [(m.amount, m.currency) for m in news if m.amount is not None]
    amount, currency = (
        Counter(stated).most_common(1)[0][0] if stated else (None, _first([m.currency for m in news]))
    )
    usd = _first([m.amount_usd for m in news if (m.amount, m.currency) == (amount, currency)])
    valued = next((m for m in news if m.valuation is not None), None)
    precise = sorted(m.announced_on for m in news if m.announced_on and m.precise_date)
    dated = sorted(m.announced_on for m in news if m.announced_on)
    return CanonicalRound(
        round_label=_first([m.round_label for m in news]),  # type: ignore[arg-type]
        amount=amount,
        currency=currency,  # type: ignore[arg-type]
        amount_usd=usd,  # type: ignore[arg-type]
        valuation=valued.valuation if valued else None,
        valuation_currency=valued.valuation_currency if valued else None,
        announced_on=(precise or dated or [None])[0],
        status="announced" if any(m.status == "announced" for m in mentions) else "in_talks",
        background=all(m.background for m in mentions),
        confidence=max(m.confidence for m in mentions),
        source_count=len(mentions),
    )
