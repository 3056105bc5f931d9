"""The direct reading of "Dec 15, 2016, 1:55pm EST" bylines must give exactly what dateutil gives."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from ingest import pubdate
from ingest.pubdate import parse_timestamp

MONTHS = ["Jan", "jan.", "JANUARY", "May", "May.", "Sept", "sep.", "December", "Mayo", "Juni", "de"]
DAYS = ["0", "1", "09", "29", "30", "31", "32"]
YEARS = ["1999", "2016", "2024", "2099"]
TIMES = ["0:05", "1:00", "01:59", "11:30", "12:00", "12:45", "13:10", "7:60"]
HALVES = ["am", "pm", " AM", " pM"]
ZONES = ["EST", "PDT", "GMT", "Z", "IST", "AEST", "XYZ"]


def _bylines() -> list[str]:
    out = []
    for month, day, year, time, half, zone in itertools.product(MONTHS, DAYS, YEARS, TIMES, HALVES, ZONES):
        comma = "," if len(out) % 2 else ""  # both "2016, 1:55pm" and "2016 1:55pm"
        out.append(f"{month} {day}, {year}{comma} {time}{half} {zone}")
    return out


BYLINES = _bylines()[::31]  # 2,226 of the 69,000 combinations; every value of every field occurs


@pytest.mark.parametrize("chunk", range(4))
def test_direct_byline_reading_matches_dateutil(chunk: int) -> None:
    checked = 0
    for text in BYLINES[chunk::4]:
        direct = pubdate._loose(text)
        expected = pubdate._dateutil(text)
        assert repr(direct) == repr(expected), text
        checked += pubdate._US_BYLINE.fullmatch(text) is not None
    assert checked > 100  # the direct path was actually taken


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 15, 2016, 1:55pm EST", datetime(2016, 12, 15, 18, 55, tzinfo=UTC)),
        ("August 18, 2010 3:21 PM PDT", datetime(2010, 8, 18, 22, 21, tzinfo=UTC)),
        ("Sept. 1, 2019, 12:05am GMT", datetime(2019, 9, 1, 0, 5, tzinfo=UTC)),
        ("Feb 30, 2016, 1:55pm EST", None),  # no such day, as dateutil says
        # A zone outside the table goes to dateutil, which leaves it naive: read as UTC.
        ("Dec 15, 2016, 1:55pm AEST", datetime(2016, 12, 15, 13, 55, tzinfo=UTC)),
    ],
)
def test_bylines(text: str, expected: datetime | None) -> None:
    assert parse_timestamp(text) == expected
