"""Mentions of the same round merged into one: same company (names, aliases, a typo), compatible round and money."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from ingest.events import Mention
from ingest.figures import Figure, Role
from ingest.types import RoundCode


def attach(target: Mention, lead: list[str], others: list[str], vals: list[Figure], text: str) -> None:
    target.lead += [n for n in lead if n not in target.lead]
    target.others += [n for n in others if n not in target.others and n not in target.lead]
    for fig in vals:
        if not any(f.role is fig.role for f in target.figures):
            target.figures.append(fig)
    target.extra_evidence.append(text)


_LEGAL_SUFFIX = re.compile(
    r"[,.]?\s*\b(?:inc|ltd|llc|corp|corporation|co|plc|gmbh|ag|sa|limited|holdings?|group)\b\.?"
)
_ZH_LEGAL_SUFFIX = re.compile(r"(?:股份)?有限公司|集团|控股")
_NON_WORD = re.compile(r"[\W_]+")


def norm_name(name: str) -> str:
    """Company name for comparison: width, case, punctuation and legal suffixes removed.

    >>> norm_name("VideoKen, Inc."), norm_name("杭州原子矩阵计算有限公司")
    ('videoken', '杭州原子矩阵计算')
    """
    s = unicodedata.normalize("NFKC", name).lower()
    s = _LEGAL_SUFFIX.sub("", s)
    return _NON_WORD.sub("", _ZH_LEGAL_SUFFIX.sub("", s))


def _same_name(x: str, y: str) -> bool:
    """Equal, one containing the other, or one typo apart in a long name ("MediShoud" for "MediShout")."""
    if x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)):
        return True
    return min(len(x), len(y)) >= 7 and Levenshtein.distance(x, y) <= 1


def _names(m: Mention) -> set[str]:
    """The mention's company name and aliases, normalised."""
    return {norm_name(n) for n in (m.company or "", *m.aliases)} - {""}


def _same_company(names_a: set[str], names_b: set[str]) -> bool:
    return any(_same_name(x, y) for x in names_a for y in names_b)


def round_code(m: Mention) -> RoundCode:
    return m.rounds[0].code if m.rounds else RoundCode.UNKNOWN


def round_money(m: Mention) -> Figure | None:
    """The round's money: the first stated figure, else the first magnitude ("千万元" then "近1100万元")."""
    money = [f for f in m.figures if f.role is Role.ROUND]
    return next((f for f in money if f.money.amount is not None), money[0] if money else None)


def _compatible(a: Mention, b: Mention, names: dict[int, set[str]]) -> bool:
    """Whether `b` reports the round `a` reports; `names` holds each mention's `_names`, keyed by id."""
    if a.status != b.status or (a.part and b.part and a.part != b.part):
        return False
    if not _same_company(names[id(a)], names[id(b)]):  # the costlier test last
        return False
    ca, cb = round_code(a), round_code(b)
    if RoundCode.UNKNOWN not in (ca, cb) and ca != cb:
        return False
    fa, fb = round_money(a), round_money(b)
    if fa and fb and fa.money.amount and fb.money.amount and fa.money.currency == fb.money.currency:
        return abs(fa.money.amount - fb.money.amount) <= fa.money.amount * Decimal("0.1")
    return a.history == b.history or a.from_title or b.from_title


def _merge(into: Mention, other: Mention) -> None:
    """Fill what `into` lacks from a later mention of the same round (title facts never override body)."""
    if not into.rounds:
        into.rounds = other.rounds
    mine, theirs = round_money(into), round_money(other)
    if theirs and (mine is None or mine.money.amount is None and theirs.money.amount is not None):
        into.figures = [f for f in into.figures if f is not mine] + [theirs]  # a figure beats a magnitude
    if not any(f.role is Role.VALUATION for f in into.figures):
        into.figures += [f for f in other.figures if f.role is Role.VALUATION][:1]
    attach(into, other.lead, other.others, [], other.evidence)
    into.dates = into.dates or other.dates
    names = (*into.aliases, *other.aliases, other.company or "")
    into.aliases = tuple(n for n in dict.fromkeys(names) if n and n != into.company)
    into.history = into.history and other.history


def grouped(mentions: list[Mention]) -> list[Mention]:
    body = [m for m in mentions if not m.from_title]
    title = [m for m in mentions if m.from_title]
    kept: list[Mention] = []
    names = {id(m): _names(m) for m in mentions}  # normalised once, not once per comparison
    for m in body + title:
        target = next((k for k in kept if _compatible(k, m, names)), None)
        if target is None:
            kept.append(m)
        else:
            _merge(target, m)
            names[id(target)] = _names(target)  # the merge may add aliases
    return kept
