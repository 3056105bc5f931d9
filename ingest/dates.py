"""Dates in funding sentences ("on Tuesday", "6月24日", "In November 2009", "今日"), resolved against a given day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from ingest.types import DatePrecision

Resolved = tuple[date, DatePrecision]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        )
    )  # fmt: skip
    for m in names.split()
}
_MONTH = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Every branch starts at a word boundary, and the lookahead names the letters and digits they start with:
# the scan skips other positions at once instead of trying each word there (the same matches, faster).
_EN = re.compile(
    r"\b(?=[JFMASONDIYTLECR\d])(?:\b"
    + _MONTH
    + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?\b"
    r"|\b(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH.replace("mon", "mon2") + r",?\s+(?P<y2>\d{4})\b"
    # "said on 3 March": day first without a year, the month capitalised ("10 may join" is no date)
    r"|\b(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?-i:" + _MONTH.replace("mon", "mon4") + r")\b(?![.,\s]*\d)"
    r"|\b(?:in|since|during|on)\s+" + _MONTH.replace("mon", "mon3") + r"(?:,?\s+(?P<y3>\d{4}))?\b(?![.\s]*\d)"
    r"|\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b"
    r"|\blast (?P<wd3>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?P<rel>today|yesterday|on (?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)|last year|earlier this year|last month)\b"
    r"|\b(?:said|says|announced|announces|confirmed|confirms|disclosed|revealed|reported)\s+(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:in|since|during)\s+(?P<y4>(?:19|20)\d{2})\b)",
    re.I,
)
_ZH = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s?年\s?|(?P<yr>今年|去年))?(?P<m>\d{1,2})\s?月\s?(?:(?P<d>\d{1,2})\s?[日号])?"
    r"|(?P<yo>(?:19|20)\d{2})\s?年(?![\d度内间])"
    r"|(?P<wk>本周|这周|上周|本星期|上星期)(?P<wkd>[一二三四五六日天])"
    r"|(?P<rel>今日|今天|昨日|昨天|前日|前天|去年|上月|上个月|今年)"
)
_ZH_WEEKDAYS = "一二三四五六日"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, ref: date) -> date | None:
    """A month-day without a year: the latest such day not after the reference (news reports the past)."""
    day = _safe_date(ref.year, m, d)
    if day and day > ref + timedelta(days=2):
        day = _safe_date(ref.year - 1, m, d)
    return day


def _en_rel(rel: str, wd: str | None, ref: date) -> Resolved | None:
    rel = rel.lower()
    if rel == "today":
        return ref, DatePrecision.DAY
    if rel == "yesterday":
        return ref - timedelta(days=1), DatePrecision.DAY
    if wd:
        back = (ref.weekday() - _WEEKDAYS.index(wd.lower())) % 7
        return ref - timedelta(days=back), DatePrecision.DAY
    if rel == "last year":
        return date(ref.year - 1, 1, 1), DatePrecision.YEAR
    if rel == "last month":
        prev = ref.replace(day=1) - timedelta(days=1)
        return prev.replace(day=1), DatePrecision.MONTH
    return None


def _en(m: re.Match[str], ref: date | None) -> Resolved | None:
    if m["mon"]:
        mon, d = _MONTHS[m["mon"][:3].lower()] if m["mon"].lower() != "sept" else 9, int(m["d1"])
        day = _safe_date(int(m["y1"]), mon, d) if m["y1"] else _infer_year(mon, d, ref) if ref else None
        return (day, DatePrecision.DAY) if day else None
    if m["mon2"]:
        day = _safe_date(int(m["y2"]), _MONTHS[m["mon2"][:3].lower()], int(m["d2"]))
        return (day, DatePrecision.DAY) if day else None
    if m["mon4"]:
        mon, d = _MONTHS[m["mon4"][:3].lower()], int(m["d4"])
        day = _infer_year(mon, d, ref) if ref else None
        return (day, DatePrecision.DAY) if day else None
    if m["mon3"]:
        mon = _MONTHS[m["mon3"][:3].lower()]
        if m["y3"]:
            return date(int(m["y3"]), mon, 1), DatePrecision.MONTH
        if ref is None:
            return None
        return date(ref.year if mon <= ref.month else ref.year - 1, mon, 1), DatePrecision.MONTH
    if m["y4"]:
        return date(int(m["y4"]), 1, 1), DatePrecision.YEAR
    if m["iy"]:  # ISO 8601 in the text: "2024-03-05"
        day = _safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
        return (day, DatePrecision.DAY) if day else None
    if m["wd3"]:  # "last Thursday": the one before today's, a week back on a Thursday
        if ref is None:
            return None
        back = (ref.weekday() - _WEEKDAYS.index(m["wd3"].lower())) % 7 or 7
        return ref - timedelta(days=back), DatePrecision.DAY
    if m["wd2"]:  # "the company said Monday": US wire style drops the "on"
        return _en_rel("", m["wd2"], ref) if ref else None
    return _en_rel(m["rel"], m["wd"], ref) if ref else None


def _zh(m: re.Match[str], ref: date | None) -> Resolved | None:
    if m["m"]:
        mon = int(m["m"])
        year = int(m["y"]) if m["y"] else None
        if m["yr"] and ref:  # "今年3月", "去年12月"
            year = ref.year - (m["yr"] == "去年")
        if m["d"]:
            d = int(m["d"])
            day = _safe_date(year, mon, d) if year else (_infer_year(mon, d, ref) if ref else None)
            return (day, DatePrecision.DAY) if day else None
        if year is None and ref is None:
            return None
        year = year or (ref.year if mon <= ref.month else ref.year - 1)  # type: ignore[union-attr]
        return (date(year, mon, 1), DatePrecision.MONTH) if 1 <= mon <= 12 else None
    if m["yo"]:
        return date(int(m["yo"]), 1, 1), DatePrecision.YEAR
    if ref is None:
        return None
    if m["wk"]:  # "本周二", "上周五": that day of this or last week (weeks start on Monday)
        monday = ref - timedelta(days=ref.weekday()) - timedelta(days=7 * m["wk"].startswith("上"))
        return monday + timedelta(days=_ZH_WEEKDAYS.index(m["wkd"].replace("天", "日"))), DatePrecision.DAY
    rel = m["rel"]
    if rel in {"今日", "今天"}:
        return ref, DatePrecision.DAY
    if rel in {"昨日", "昨天"}:
        return ref - timedelta(days=1), DatePrecision.DAY
    if rel in {"前日", "前天"}:
        return ref - timedelta(days=2), DatePrecision.DAY
    if rel == "去年":
        return date(ref.year - 1, 1, 1), DatePrecision.YEAR
    if rel == "今年":
        return date(ref.year, 1, 1), DatePrecision.YEAR
    prev = ref.replace(day=1) - timedelta(days=1)
    return prev.replace(day=1), DatePrecision.MONTH


def find_dates(text: str, relative_to: date | None) -> list[tuple[int, Resolved]]:
    """Every date in `text` with its offset, resolved against `relative_to` (None: absolute dates only)."""
    out: list[tuple[int, Resolved]] = []
    if any(c in text for c in "年月日天周期"):
        out += [(m.start(), r) for m in _ZH.finditer(text) if (r := _zh(m, relative_to))]
    if text.isascii() or re.search(r"[A-Za-z]{3}", text):
        out += [(m.start(), r) for m in _EN.finditer(text) if (r := _en(m, relative_to))]
    return sorted(out, key=lambda x: x[0])


def resolve_date(text: str, relative_to: date | None) -> Resolved | None:
    """The first date in `text`, resolved against `relative_to`.

    >>> resolve_date("8月18日，Etched宣布完成融资", date(2026, 8, 20))
    (datetime.date(2026, 8, 18), <DatePrecision.DAY: 'day'>)
    >>> resolve_date("announced on Tuesday", date(2011, 11, 2))
    (datetime.date(2011, 11, 1), <DatePrecision.DAY: 'day'>)
    >>> resolve_date("In November 2009 it raised", None)
    (datetime.date(2009, 11, 1), <DatePrecision.MONTH: 'month'>)
    """
    found = find_dates(text, relative_to)
    return found[0][1] if found else None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})(?:[/-](\d{1,2}))?(?=/|$|-)")


def url_date(url: str) -> Resolved | None:
    """The date a news URL carries ("/2018/01/" is month precision), for pages without a publication date.

    >>> url_date("http://www.finsmes.com/2018/01/thinkful-raises-9-6m.html")
    (datetime.date(2018, 1, 1), <DatePrecision.MONTH: 'month'>)
    """
    m = _URL_DATE.search(url or "")
    if not m or not 1 <= int(m[2]) <= 12:
        return None
    if m[3] and (day := _safe_date(int(m[1]), int(m[2]), int(m[3]))):
        return day, DatePrecision.DAY
    return date(int(m[1]), int(m[2]), 1), DatePrecision.MONTH
