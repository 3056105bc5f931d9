"""The one definition of "the same company" and "the same round", and how mentions merge (pure)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# "The same company" is decided by ingest.company_keys and ingest.company_match (re-exported here).
from ingest.company_keys import block_of as block_of
from ingest.company_keys import company_key as company_key
from ingest.company_keys import company_words as company_words
from ingest.company_keys import investor_key as investor_key
from ingest.company_keys import split_aliases as split_aliases
from ingest.company_match import extension_candidates as extension_candidates
from ingest.company_match import fuzzy_match as fuzzy_match
from ingest.types import RoundCode

ROUND_WINDOW_DAYS = 120
# Codes a company can raise several times in a year: for these the amount must agree as well.
# Angel and pre-seed money comes in cheques like seed money (Crunchbase lists Eventbrite's $100K
# and $250K angel rounds on one day): they are repeatable too.
REPEATABLE_CODES = frozenset(
    {
        RoundCode.UNKNOWN,
        RoundCode.STRATEGIC,
        RoundCode.PRE_SEED,
        RoundCode.ANGEL,
        RoundCode.SEED,
        RoundCode.DEBT,
        RoundCode.CORPORATE,
        RoundCode.CONVERTIBLE_NOTE,
        RoundCode.GRANT,
    }
)
# Reports of one round disagree on the figure by rounding, conversion and "more than": within 20 %
# they agree; two figures of one code that differ by more are two rounds.
AMOUNT_TOLERANCE = Decimal("0.20")
AMOUNT_CONFLICT = AMOUNT_TOLERANCE


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


# Outlets label the same early money differently (seed / angel / Series A); such codes match only
# when both reports state amounts that agree. Series B and B+ are never neighbours.
_EARLY = frozenset({RoundCode.PRE_SEED, RoundCode.ANGEL, RoundCode.SEED, RoundCode.SERIES_A})


_LETTERS = [RoundCode(f"series_{x}") for x in "abcdefghij"]
_NEXT = {frozenset(p) for p in zip(_LETTERS, _LETTERS[1:], strict=False)}


def _loose_codes(a: RoundCode, b: RoundCode) -> bool:
    """Codes outlets confuse for one round: none named, early-stage labels, neighbouring letters."""
    return RoundCode.UNKNOWN in (a, b) or (a in _EARLY and b in _EARLY) or frozenset((a, b)) in _NEXT


def _amounts_conflict(a: RoundFacts, b: RoundFacts) -> bool:
    if a.amount is None or b.amount is None or a.currency != b.currency:
        return False
    big = max(a.amount, b.amount)
    return big > 0 and abs(a.amount - b.amount) / big > AMOUNT_CONFLICT


def _amounts_agree(a: RoundFacts, b: RoundFacts) -> bool:
    return a.amount is not None and b.amount is not None and _amounts_compatible(a, b)


def same_round(a: RoundFacts, b: RoundFacts, window_days: int = ROUND_WINDOW_DAYS) -> bool:
    """Two rounds of one company are the same when the date window and the code (and amount, for
    repeatable codes) agree, and stated amounts agree (within 20 %). A report
    without a round type (unknown), an early-stage label (seed / angel / Series A) or a neighbouring
    letter (Series B / C) matches another code only when both state agreeing amounts (within 20 %).
    Series B and B+ are different codes, hence different rounds.

    >>> b = RoundFacts(RoundCode.SERIES_B, date(2024, 3, 1), Decimal(40e6), "USD")
    >>> same_round(b, RoundFacts(RoundCode.SERIES_B, date(2024, 3, 4), Decimal(42e6), "USD"))
    True
    >>> same_round(b, RoundFacts(RoundCode.SERIES_B_PLUS, date(2024, 3, 4), Decimal(40e6), "USD"))
    False
    """
    if a.announced_on and b.announced_on and abs((a.announced_on - b.announced_on).days) > window_days:
        return False
    if a.round_code != b.round_code:
        return _loose_codes(a.round_code, b.round_code) and _amounts_agree(a, b)
    if a.round_code in REPEATABLE_CODES:
        return _amounts_compatible(a, b)
    return not _amounts_conflict(a, b)


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


def same_reported_round(a: RoundFacts, b: RoundFacts) -> bool:
    """Evidence that two names ("Pandora" / "Pandora Media") are one company: they report one round
    of a named code (the same code, or two early-stage labels outlets use for the same money:
    pre-seed / angel / seed / Series A; never unknown), both dated within the window, both stating
    amounts that agree (20 %).

    >>> a = RoundFacts(RoundCode.SERIES_A, date(2007, 8, 1), Decimal(5_500_000), "USD")
    >>> same_reported_round(a, RoundFacts(RoundCode.SERIES_A, date(2007, 9, 1), Decimal(5_000_000), "USD"))
    True
    >>> same_reported_round(a, RoundFacts(RoundCode.SERIES_A, date(2006, 7, 1), Decimal(1_800_000), "USD"))
    False
    """
    if RoundCode.UNKNOWN in (a.round_code, b.round_code):
        return False
    if a.round_code != b.round_code and not {a.round_code, b.round_code} <= _EARLY:
        return False
    if a.announced_on is None or b.announced_on is None:
        return False
    close = abs((a.announced_on - b.announced_on).days) <= ROUND_WINDOW_DAYS
    return close and _amounts_agree(a, b)


def find_same_round(candidates: Sequence[tuple[int, RoundFacts]], new: RoundFacts) -> int | None:
    """The id of the stored round `new` belongs to: same code before a neighbouring one, then the
    nearest in time."""
    matches = [(rid, f) for rid, f in candidates if same_round(f, new)]
    if not matches:
        return None

    def rank(item: tuple[int, RoundFacts]) -> tuple[bool, int]:
        other = item[1].announced_on
        days = abs((other - new.announced_on).days) if other and new.announced_on else 0
        return item[1].round_code != new.round_code, days

    return min(matches, key=rank)[0]


# Words that make a figure a bound or an approximation ("more than $1 billion", "近1亿", "$1B+"),
# as opposed to a stated figure ("$1.05 billion").
_BOUND = re.compile(
    r"\b(?:more|less|fewer)\s+than\b|\b(?:over|above|under|below|nearly|almost|about|around|roughly|some"
    r"|approximately|approx|circa|estimated|reportedly|upwards|north|south|excess|least|most|up\s+to"
    r"|as\s+much\s+as|close\s+to|plus)\b|[~≈+]|[近超逾约余多数几]|以上|以下|左右|上下|不到|不足|接近",
    re.IGNORECASE,
)


def amount_is_bound(text: str | None) -> bool:
    """Whether a mention's amount text states a bound or an approximation rather than a figure.

    >>> [amount_is_bound(t) for t in ("$1.05 billion", "more than $1 billion", "近1亿元", "5000万美元")]
    [False, True, True, False]
    """
    return bool(text) and _BOUND.search(text) is not None  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """One article's figures for a round. `published_on` and `origin` (the article URL, or the
    imported file and line) order the reports for every tie-break, independently of ingest order."""

    round_code: RoundCode
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
    amount_text: str | None = None
    published_on: date | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class CanonicalRound:
    round_code: RoundCode
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


def report_order(m: MentionFacts) -> tuple[bool, date, str]:
    """Earliest publication first (undated reports last), then by URL / file and line."""
    return m.published_on is None, m.published_on or date.min, m.origin


def _canonical_amount(news: Sequence[MentionFacts]) -> tuple[Decimal | None, str | None]:
    stated = [m for m in news if m.amount is not None]
    if not stated:
        return None, _first([m.currency for m in news])  # type: ignore[return-value]
    figures = [m for m in stated if not amount_is_bound(m.amount_text)] or stated
    if len(figures) == 1:  # most rounds: one report (what the vote below gives, without a Counter)
        return figures[0].amount, figures[0].currency
    votes = Counter((m.amount, m.currency) for m in figures)
    most = max(votes.values())
    return next((m.amount, m.currency) for m in figures if votes[(m.amount, m.currency)] == most)


_UNKNOWN = RoundCode.UNKNOWN


def _most_frequent(codes: list[RoundCode]) -> RoundCode:
    """The most frequent code; on a tie, the first (as Counter.most_common orders them)."""
    if all(c == codes[0] for c in codes):
        return codes[0]
    return Counter(codes).most_common(1)[0][0]


def merge_mentions(mentions: Sequence[MentionFacts]) -> CanonicalRound:
    """The canonical figures of a round from every mention, by this documented rule. Reports are
    taken in `report_order` (earliest publication, then URL / file and line), so the result does not
    depend on the order they were ingested in:

    - round code: the most frequent code other than unknown; on a tie, the earliest report's;
    - amount and currency: stated figures beat bounds and approximations ("$1.05 billion" beats
      "more than $1 billion", "about $1 billion", "近1亿", judged from amount_text); among those,
      the figure most reports state; on a tie, the earliest report's. Bounds count only when no
      report states a figure. amount_usd comes from a report stating the chosen figure;
    - valuation, round label: the earliest report that states one (later reports fill gaps);
    - announced_on: the earliest day-precise date among news mentions, else any date;
    - status: "announced" once any mention says so; background only if every mention is background;
    - confidence: the highest of any mention.
    """
    mentions = sorted(mentions, key=report_order) if len(mentions) > 1 else list(mentions)
    news = [m for m in mentions if not m.background] or mentions
    amount, currency = _canonical_amount(news)
    usd = _first([m.amount_usd for m in news if (m.amount, m.currency) == (amount, currency)])
    valued = next((m for m in news if m.valuation is not None), None)
    precise = min((m.announced_on for m in news if m.announced_on and m.precise_date), default=None)
    dated = min((m.announced_on for m in news if m.announced_on), default=None)
    codes = [m.round_code for m in news if m.round_code != _UNKNOWN]
    return CanonicalRound(
        round_code=_most_frequent(codes) if codes else _UNKNOWN,
        round_label=_first([m.round_label for m in news]),  # type: ignore[arg-type]
        amount=amount,
        currency=currency,
        amount_usd=usd,  # type: ignore[arg-type]
        valuation=valued.valuation if valued else None,
        valuation_currency=valued.valuation_currency if valued else None,
        announced_on=precise if precise is not None else dated,
        status="announced" if any(m.status == "announced" for m in mentions) else "in_talks",
        background=all(m.background for m in mentions),
        confidence=max(m.confidence for m in mentions),
        source_count=len(mentions),
    )
