"""Reading funding tables: round types, amounts, names and dates as the shared datasets write them.

Cases are the raw values SOURCES.md lists for the Crunchbase, TechCrunch and Indian files.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.imports import (
    PRESETS,
    BadRow,
    ImportRow,
    clean_text,
    company_name,
    parse_amount,
    read_rows,
    round_code,
)
from ingest.types import RoundCode as C

CODES = [
    ("series-a", "", C.SERIES_A),
    ("a", "", C.SERIES_A),
    ("venture", "B", C.SERIES_B),
    ("venture", "", C.UNKNOWN),
    ("series-c+", "", C.UNKNOWN),
    ("angel", "", C.ANGEL),
    ("seed1", "", C.SEED),
    ("Seed/ Angel Funding", "", C.SEED),
    ("Seed / Angle Funding", "", C.SEED),
    ("Private Equity Round", "", C.PRIVATE_EQUITY),
    ("PrivateEquity", "", C.PRIVATE_EQUITY),
    ("pre-Series A", "", C.PRE_SERIES_A),
    ("debt_financing", "", C.DEBT),
    ("debt_round", "", C.DEBT),
    ("post_ipo_equity", "", C.POST_IPO),
    ("equity_crowdfunding", "", C.CROWDFUNDING),
    ("Series B+", "", C.SERIES_B_PLUS),
    ("unattributed", "", C.UNKNOWN),
]


@pytest.mark.parametrize(
    ("kind", "letter", "code"), CODES, ids=[f"{k}{'-' + x if x else ''}" for k, x, _ in CODES]
)
def test_round_code(kind: str, letter: str, code: C) -> None:
    assert round_code(clean_text(kind), letter)[0] == code


@pytest.mark.parametrize(
    ("raw", "amount"),
    [
        pytest.param("20,00,00,000", Decimal(200_000_000), id="indian-grouping"),
        pytest.param("14,342,000+", Decimal(14_342_000), id="trailing-plus"),
        pytest.param("N/A", None, id="n/a"),
        pytest.param("undisclosed", None, id="undisclosed"),
        pytest.param("nan", None, id="nan"),
        pytest.param("lots", False, id="unreadable"),
    ],
)
def test_parse_amount(raw: str, amount: Decimal | None | bool) -> None:
    assert parse_amount(raw) == amount


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        pytest.param("#NAME?", "", id="excel-error"),
        pytest.param("/ORGANIZATION/-QOUNTER", "QOUNTER", id="permalink"),
        pytest.param("...", "", id="no-letters"),
        pytest.param("BYJU’S", "BYJU’S", id="kept"),
    ],
)
def test_company_name(raw: str, name: str) -> None:
    assert company_name(raw) == name


def test_read_rows_cr_line_endings_cp1252_and_line_numbers() -> None:
    data = (
        "Sr No,Date ,StartupName,IndustryVertical,SubVertical,CityLocation,InvestorsName,InvestmentType,AmountInUSD,Remarks\r"
        '1,09/01/2020,Acme\u2019s,x,y,Pune,Example VC,Seed Funding,"1,00,000",\r'
        "2,05/072018,Bolt,x,y,Pune,,Seed Funding,N/A,\r"
    ).encode("cp1252")
    rows = list(read_rows(data, PRESETS["india"]))
    assert isinstance(rows[0], ImportRow) and rows[0].line == 2
    assert (rows[0].round.company, rows[0].round.amount) == ("Acme’s", Decimal(100_000))
    assert rows[0].round.other_investors == ("Example VC",) and rows[0].country == "IN"
    assert rows[1] == BadRow(3, "no usable date ('05/072018')")


def test_missing_column_is_an_error() -> None:
    with pytest.raises(ValueError, match="missing column"):
        list(read_rows(b"name,amount\nAcme,5\n", PRESETS["techcrunch"]))
