"""The plain data passed between stages: a stored page, a parsed article, a funding round."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum


class RoundCode(StrEnum):
    """Closed vocabulary of round codes (ROUNDS_SPEC.md, "Round codes")."""

    PRE_SEED = "pre_seed"
    ANGEL = "angel"
    SEED = "seed"
    PRE_SERIES_A = "pre_series_a"
    PRE_SERIES_B = "pre_series_b"
    PRE_SERIES_C = "pre_series_c"
    PRE_SERIES_D = "pre_series_d"
    PRE_SERIES_E = "pre_series_e"
    PRE_SERIES_F = "pre_series_f"
    PRE_SERIES_G = "pre_series_g"
    PRE_SERIES_H = "pre_series_h"
    PRE_SERIES_I = "pre_series_i"
    PRE_SERIES_J = "pre_series_j"
    SERIES_A = "series_a"
    SERIES_B = "series_b"
    SERIES_C = "series_c"
    SERIES_D = "series_d"
    SERIES_E = "series_e"
    SERIES_F = "series_f"
    SERIES_G = "series_g"
    SERIES_H = "series_h"
    SERIES_I = "series_i"
    SERIES_J = "series_j"
    SERIES_A_PLUS = "series_a_plus"
    SERIES_B_PLUS = "series_b_plus"
    SERIES_C_PLUS = "series_c_plus"
    SERIES_D_PLUS = "series_d_plus"
    SERIES_E_PLUS = "series_e_plus"
    SERIES_F_PLUS = "series_f_plus"
    SERIES_G_PLUS = "series_g_plus"
    SERIES_H_PLUS = "series_h_plus"
    SERIES_I_PLUS = "series_i_plus"
    SERIES_J_PLUS = "series_j_plus"
    PRE_IPO = "pre_ipo"
    STRATEGIC = "strategic"
    CORPORATE = "corporate"
    PRIVATE_EQUITY = "private_equity"
    DEBT = "debt"
    CONVERTIBLE_NOTE = "convertible_note"
    GRANT = "grant"
    CROWDFUNDING = "crowdfunding"
    POST_IPO = "post_ipo"
    UNKNOWN = "unknown"


class RoundStatus(StrEnum):
    ANNOUNCED = "announced"
    IN_TALKS = "in_talks"


class DatePrecision(StrEnum):
    """How much of `announced_on` the text actually gave ("In November 2009" is month precision)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class RawPage:
    """A fetched page exactly as the crawler stored it; nothing has been interpreted yet."""

    url: str
    html: bytes
    fetched_at: datetime
    source: str
    status: int = 200
    encoding: str | None = None
    title_hint: str | None = None
    published_hint: datetime | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """What a page says, in plain text: the input of extraction."""

    url: str
    title: str
    text: str
    published_at: datetime | None = None
    lang: str | None = None
    site_name: str | None = None


@dataclass(frozen=True, slots=True)
class FundingRound:
    """One funding round as one article states it (ROUNDS_SPEC.md, "One round")."""

    company: str
    round: RoundCode = RoundCode.UNKNOWN
    round_label: str | None = None
    amount: Decimal | None = None
    currency: str | None = None
    amount_text: str | None = None
    amount_usd: Decimal | None = None
    valuation: Decimal | None = None
    valuation_currency: str | None = None
    lead_investors: tuple[str, ...] = ()
    other_investors: tuple[str, ...] = ()
    announced_on: date | None = None
    announced_precision: DatePrecision = DatePrecision.DAY
    status: RoundStatus = RoundStatus.ANNOUNCED
    background: bool = False
    evidence: str = ""
    confidence: float = 0.5
    company_aliases: tuple[str, ...] = field(default=())
