"""Read a publication timestamp as pages write it in metadata (ISO 8601, RFC 2822, US bylines) as UTC."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

_HOUR = 3600
# Zone abbreviations that US and European bylines use; dateutil leaves them naive without a table.
_ZONES = {
    name: timezone(timedelta(seconds=hours * _HOUR))
    for name, hours in {
        "UTC": 0, "GMT": 0, "Z": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "HKT": 8, "SGT": 8, "JST": 9, "IST": 5.5,
    }.items()
}  # fmt: skip
_EPOCH_DIGITS = re.compile(r"\d{9,13}")
_CJK_DATE = re.compile(r"(\d{4})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})")
_MIN_YEAR, _MAX_YEAR = 1990, 2100
_MAX_LENGTH = 80


def parse_timestamp(value: str | None) -> datetime | None:
    """A UTC-aware datetime for a metadata date, or None when it is not one.

    Naive times are taken as UTC; a date alone is midnight UTC.

    >>> parse_timestamp("2019-11-18T20:58:46-08:00")
    datetime.datetime(2019, 11, 19, 4, 58, 46, tzinfo=datetime.timezone.utc)
    >>> parse_timestamp("2019-11-19")
    datetime.datetime(2019, 11, 19, 0, 0, tzinfo=datetime.timezone.utc)
    >>> parse_timestamp("November 19, 2019, 07:47 PM EST")
    datetime.datetime(2019, 11, 20, 0, 47, tzinfo=datetime.timezone.utc)
    """
    text = " ".join((value or "").split())
    if not text or len(text) > _MAX_LENGTH:
        return None
    for reader in (_iso, _epoch, _rfc2822, _cjk, _loose):
        found = reader(text)
        if found is not None:
            return _as_utc(found)
    return None


def _as_utc(moment: datetime) -> datetime | None:
    if not _MIN_YEAR <= moment.year <= _MAX_YEAR:
        return None
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace(" UTC", "Z"))
    except ValueError:
        return None


def _epoch(text: str) -> datetime | None:
    if not _EPOCH_DIGITS.fullmatch(text):
        return None
    seconds = int(text) / 1000 if len(text) > 10 else int(text)
    return datetime.fromtimestamp(seconds, UTC)


def _rfc2822(text: str) -> datetime | None:
    if "," not in text[:5]:
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _cjk(text: str) -> datetime | None:
    match = _CJK_DATE.search(text) if "年" in text else None
    if match is None:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _loose(text: str) -> datetime | None:
    """US/European bylines such as 'August 18, 2010 3:21 PM PDT'; only when a year is written."""
    if not re.search(r"\b(19|20)\d\d\b", text):
        return None
    byline = _US_BYLINE.fullmatch(text)
    if byline is not None:
        return _us_byline(byline)
    return _dateutil(text)


def _dateutil(text: str) -> datetime | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return dateutil_parser.parse(text, tzinfos=_ZONES, fuzzy=True)
        except (ValueError, OverflowError, TypeError, LookupError):
            return None


# The commonest byline, "Dec 15, 2016, 1:55pm EST", read directly: dateutil takes ~0.2 ms for it, as much
# as the rest of a small page's parse. Only the exact shape (a zone from the table, 12-hour clock) is read
# here, to the value dateutil gives it (tests compare the two over every combination); all else goes on
# to dateutil.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_US_BYLINE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.? (?P<day>[0-9]{1,2}), (?P<year>[0-9]{4}),? (?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2})"
    r" ?(?P<half>[AaPp][Mm]) (?P<zone>[A-Z]{1,4})"
)


def _us_byline(match: re.Match[str]) -> datetime | None:
    month = _MONTHS.get(match["month"].lower())
    hour, minute = int(match["hour"]), int(match["minute"])
    zone = _ZONES.get(match["zone"])
    if month is None or zone is None or not 1 <= hour <= 12 or minute > 59:
        return _dateutil(match.string)
    hour = hour % 12 + (12 if match["half"][0] in "Pp" else 0)
    try:
        return datetime(int(match["year"]), month, int(match["day"]), hour, minute, tzinfo=zone)
    except ValueError:
        return None
