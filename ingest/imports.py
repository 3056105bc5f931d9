"""Read funding tables (Crunchbase-style exports, any CSV with a column mapping) into rounds (pure).

Each data row becomes an ImportRow (its physical line number and a FundingRound) or a BadRow (its
line number and why it was skipped). Nothing here touches the store.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ingest.types import DatePrecision, FundingRound, RoundCode


@dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which column holds what. Only `company` is required; `amount_is_usd` says amounts are USD."""

    company: str
    round: str | None = None
    round_code: str | None = None  # a second column with the series letter (Crunchbase 2015: A, B …)
    amount: str | None = None
    currency: str | None = None
    default_currency: str = "USD"
    date: str | None = None
    date_formats: tuple[str, ...] = ("%Y-%m-%d",)
    day_one_is_month: bool = False  # "1-May-07": the source dates rounds to the month
    investors: str | None = None
    country: str | None = None
    default_country: str | None = None
    encoding: str | None = None  # None: UTF-8, else cp1252


PRESETS: dict[str, ColumnMapping] = {
    "crunchbase2013": ColumnMapping(
        company="company_name",
        round="funding_round_type",
        amount="raised_amount_usd",
        date="funded_at",
        country="company_country_code",
        encoding="mac_roman",
    ),
    "crunchbase2015": ColumnMapping(
        company="company_permalink",
        round="funding_round_type",
        round_code="funding_round_code",
        amount="raised_amount_usd",
        date="funded_at",
        date_formats=("%d-%m-%Y",),
        encoding="latin-1",
    ),
    "techcrunch": ColumnMapping(
        company="company",
        round="round",
        amount="raisedAmt",
        currency="raisedCurrency",
        date="fundedDate",
        date_formats=("%d-%b-%y",),
        day_one_is_month=True,
        default_country="US",
        encoding="latin-1",
    ),
    "india": ColumnMapping(
        company="StartupName",
        round="InvestmentType",
        amount="AmountInUSD",
        date="Date",
        date_formats=("%d/%m/%Y", "%d.%m.%Y"),
        investors="InvestorsName",
        default_country="IN",
        encoding="cp1252",
    ),
}


def load_mapping(path: Path) -> ColumnMapping:
    """A column mapping from a TOML file: keys are ColumnMapping's fields (see docs/dedup.md)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    if "date_formats" in data:
        data["date_formats"] = tuple(data["date_formats"])
    try:
        return ColumnMapping(**data)
    except TypeError as exc:
        raise ValueError(f"{path}: bad column mapping: {exc}") from None


@dataclass(frozen=True, slots=True)
class ImportRow:
    line: int
    round: FundingRound
    country: str | None = None


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


_ESCAPES = re.compile(r"(?:\\\\x[0-9a-fA-F]{2})+|(?:\\x[0-9a-fA-F]{2})+")
_HEX = re.compile(r"[0-9a-fA-F]{2}")
_EXCEL_ERRORS = frozenset({"#NAME?", "#VALUE!", "#REF!", "#N/A", "#DIV/0!"})


def clean_text(raw: str) -> str:
    r"""Undo literal byte escapes left in cells ("\\xc2\\xa0" is a no-break space), fold width and
    spacing.

    >>> clean_text("Byju\\xe2\\x80\\x99s\\xc2\\xa0")
    'Byju’s'
    """
    text = _ESCAPES.sub(lambda m: bytes.fromhex("".join(_HEX.findall(m[0]))).decode("utf-8", "replace"), raw)
    return " ".join(unicodedata.normalize("NFKC", text).replace("\\n", " ").split())


def decode(data: bytes, encoding: str | None) -> str:
    """UTF-8 when the bytes are UTF-8 (with or without BOM), else the mapping's encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode(encoding or "cp1252", errors="replace")


def read_rows(data: bytes, mapping: ColumnMapping) -> Iterator[ImportRow | BadRow]:
    """Every data row of a CSV file, in order, with its physical line number (CR, LF or CRLF)."""
    reader = csv.reader(io.StringIO(decode(data, mapping.encoding), newline=""))
    header = [h.strip() for h in next(reader, [])]
    columns = {h: i for i, h in enumerate(header)}
    wanted = [c for c in _columns(mapping) if c not in columns]
    if wanted:
        raise ValueError(f"missing column(s) {', '.join(wanted)}; the file has: {', '.join(header)}")
    for cells in reader:
        if not any(c.strip() for c in cells):
            continue
        row = {h: (cells[i] if i < len(cells) else "") for h, i in columns.items()}
        yield parse_row(reader.line_num, row, mapping)


def _columns(mapping: ColumnMapping) -> list[str]:
    names = (mapping.company, mapping.round, mapping.round_code, mapping.amount, mapping.currency)
    more = (mapping.date, mapping.investors, mapping.country)
    return [c.strip() for c in (*names, *more) if c]


def _cell(row: Mapping[str, str], column: str | None) -> str:
    return clean_text(row.get(column.strip(), "")) if column else ""


def parse_row(line: int, row: Mapping[str, str], mapping: ColumnMapping) -> ImportRow | BadRow:
    """One row to a round, or the reason it cannot be one."""
    company = company_name(_cell(row, mapping.company))
    if not company:
        return BadRow(line, f"no usable company name ({_cell(row, mapping.company)!r})")
    raw_date = _cell(row, mapping.date)
    on = parse_date(raw_date, mapping.date_formats)
    if on is None:
        return BadRow(line, f"no usable date ({raw_date!r})")
    raw_amount = _cell(row, mapping.amount)
    amount = parse_amount(raw_amount)
    if amount is False:
        return BadRow(line, f"unreadable amount ({raw_amount!r})")
    currency = (_cell(row, mapping.currency) or mapping.default_currency).upper() if amount else None
    code, label = round_code(_cell(row, mapping.round), _cell(row, mapping.round_code))
    investors = tuple(i for i in re.split(r"\s*,\s*", _cell(row, mapping.investors)) if _real_investor(i))
    fr = FundingRound(
        company=company,
        round=code,
        round_label=label,
        amount=amount,
        currency=currency,
        amount_text=raw_amount or None,
        amount_usd=amount if currency == "USD" else None,
        other_investors=investors,
        announced_on=on,
        announced_precision=DatePrecision.MONTH
        if mapping.day_one_is_month and on.day == 1
        else DatePrecision.DAY,
        evidence="; ".join(f"{k.strip()}={clean_text(v)}" for k, v in row.items() if v.strip()),
        confidence=0.8,
    )
    return ImportRow(line, fr, country_code(_cell(row, mapping.country)) or mapping.default_country)


def company_name(raw: str) -> str:
    """The company as named; a Crunchbase permalink (/organization/acme-labs) gives 'acme labs'."""
    if raw in _EXCEL_ERRORS:
        return ""
    if raw.startswith(("/organization/", "/company/", "/ORGANIZATION/")):
        raw = raw.rsplit("/", 1)[-1].replace("-", " ").strip()
    return raw if re.search(r"\w", raw) else ""


def parse_date(raw: str, formats: tuple[str, ...]) -> date | None:
    for fmt in formats:
        try:
            parsed = datetime.strptime(raw.strip(), fmt).date()
        except ValueError:
            continue
        return parsed if parsed.year >= 1900 else None
    return None


_NO_AMOUNT = frozenset({"", "n/a", "na", "nan", "undisclosed", "unknown", "none", "-", "null"})


def parse_amount(raw: str) -> Decimal | None | bool:
    """A stated amount (any digit grouping, a trailing '+'), None when undisclosed, False when unreadable.

    >>> parse_amount("20,00,00,000"), parse_amount("14,342,000+"), parse_amount("N/A")
    (Decimal('200000000'), Decimal('14342000'), None)
    """
    text = raw.strip().lower().rstrip("+").replace(",", "").replace(" ", "")
    if text in _NO_AMOUNT:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return False
    return value if value > 0 else None


_CODES: list[tuple[re.Pattern[str], RoundCode]] = [
    (re.compile(p), c)
    for p, c in [
        (r"pre-?series-?([a-j])\b", RoundCode.PRE_SERIES_A),
        (r"^(?:series-?)?([a-j])(\+|plus)$", RoundCode.SERIES_A_PLUS),
        (r"^(?:series-?)?([a-j])\d?$", RoundCode.SERIES_A),
        (r"pre-?seed", RoundCode.PRE_SEED),
        (r"seed|angel", RoundCode.SEED),
        (r"debt|loan", RoundCode.DEBT),
        (r"convertible", RoundCode.CONVERTIBLE_NOTE),
        (r"post-?ipo", RoundCode.POST_IPO),
        (r"pre-?ipo", RoundCode.PRE_IPO),
        (r"private-?equity", RoundCode.PRIVATE_EQUITY),
        (r"crowd", RoundCode.CROWDFUNDING),
        (r"grant", RoundCode.GRANT),
        (r"corporate", RoundCode.CORPORATE),
        (r"strategic", RoundCode.STRATEGIC),
    ]
]


def round_code(kind: str, letter: str = "") -> tuple[RoundCode, str | None]:
    """A source's round type (and series letter) as a code and the label as written. Vague types
    (venture, other, undisclosed, Crunchbase's 'series-c+') are unknown: the dedup rules then
    match them by amount.

    >>> round_code("venture", "B")
    (<RoundCode.SERIES_B: 'series_b'>, 'venture B')
    >>> round_code("Seed/ Angel Funding")[0], round_code("angel")[0], round_code("series-c+")[0]
    (<RoundCode.SEED: 'seed'>, <RoundCode.ANGEL: 'angel'>, <RoundCode.UNKNOWN: 'unknown'>)
    """
    label = " ".join(p for p in (kind, letter) if p) or None
    text = (
        re.sub(r"[\s_/]+", "-", (letter or kind).strip().lower())
        .replace("-funding", "")
        .replace("-round", "")
    )
    if text in ("angel", "seed-angel", "angel-seed"):
        return RoundCode.ANGEL if text == "angel" else RoundCode.SEED, label
    if text == "series-c+":
        return RoundCode.UNKNOWN, label
    for pattern, code in _CODES:
        match = pattern.search(text)
        if match:
            return _lettered(code, match), label
    return RoundCode.UNKNOWN, label


def _lettered(code: RoundCode, match: re.Match[str]) -> RoundCode:
    if code not in (RoundCode.PRE_SERIES_A, RoundCode.SERIES_A, RoundCode.SERIES_A_PLUS):
        return code
    stem = {"pre_series_a": "pre_series_", "series_a": "series_", "series_a_plus": "series_"}[code.value]
    suffix = "_plus" if code == RoundCode.SERIES_A_PLUS else ""
    return RoundCode(f"{stem}{match.group(1)}{suffix}")


_COUNTRY3 = {"USA": "US", "GBR": "GB", "CAN": "CA", "IND": "IN", "CHN": "CN", "DEU": "DE", "FRA": "FR"}
_COUNTRY3 |= {"ISR": "IL", "AUS": "AU", "IRL": "IE", "NLD": "NL", "ESP": "ES", "SWE": "SE", "CHE": "CH"}


def country_code(raw: str) -> str | None:
    raw = raw.strip().upper()
    return raw if len(raw) == 2 and raw.isalpha() else _COUNTRY3.get(raw)


def _real_investor(name: str) -> bool:
    return bool(name) and not re.match(r"(?i)(undisclosed|unknown|n/?a$|nan$)", name)


def with_file_context(row: ImportRow, name: str) -> ImportRow:
    """Prefix the evidence with the file and line it came from (what provenance shows)."""
    return replace(row, round=replace(row.round, evidence=f"{name} line {row.line}: {row.round.evidence}"))
