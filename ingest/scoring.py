"""Scoring predicted rounds against labelled ones, as ROUNDS_SPEC.md "Scoring" defines it (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ingest.fx import to_usd
from ingest.merge import norm_name
from ingest.money import parse_amount
from ingest.types import FundingRound, RoundCode, RoundStatus

FIELDS = ("round", "amount", "amount_usd", "valuation", "lead_investors", "investors", "announced_on")


def names_match(a: FundingRound, b: FundingRound) -> bool:
    """Company names equal after normalisation, or one containing the other (aliases included).

    >>> names_match(FundingRound("VideoKen, Inc."), FundingRound("Videoken"))
    True
    >>> names_match(FundingRound("70年国货家用洗护品牌“活力28”"), FundingRound("活力28"))
    True
    """
    xs = {norm_name(n) for n in (a.company, *a.company_aliases)} - {""}
    ys = {norm_name(n) for n in (b.company, *b.company_aliases)} - {""}
    return any(x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)) for x in xs for y in ys)


def _close(a: Decimal | None, b: Decimal | None, tol: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= abs(b) * Decimal(tol)


def amount_right(pred: FundingRound, gold: FundingRound) -> bool:
    """Within 1% and the same currency; two undisclosed amounts agree."""
    if gold.amount is None:
        return pred.amount is None
    return pred.currency == gold.currency and _close(pred.amount, gold.amount, "0.01")


_QUALIFIED_UNIT = re.compile(r"^(?:近|超|逾|约|超过)\s?(?:亿|千万|百万)")


def spec_reading(gold: FundingRound) -> FundingRound:
    """A label read as ROUNDS_SPEC.md reads amounts: "近亿元" is the qualified figure 100,000,000.

    The labels' README files such amounts as magnitudes (amount null); the spec lists "近亿元" ->
    100000000 among qualified figures. Scores are reported both ways (docs/extraction.md).

    >>> spec_reading(FundingRound("A", currency="CNY", amount_text="近亿元")).amount
    Decimal('100000000')
    """
    if gold.amount is not None or not gold.amount_text or not _QUALIFIED_UNIT.match(gold.amount_text):
        return gold
    money = parse_amount(gold.amount_text)
    return replace(gold, amount=money.amount) if money and money.amount is not None else gold


def gold_usd(gold: FundingRound) -> Decimal | None:
    """The labelled USD value: labels carry none, so the labelled amount at the ECB rate of the labelled date."""
    if gold.amount_usd is not None or gold.amount is None or gold.currency is None:
        return gold.amount_usd
    if gold.currency == "USD":
        return gold.amount
    return to_usd(gold.amount, gold.currency, gold.announced_on) if gold.announced_on else None


def _names(xs: Iterable[str]) -> frozenset[str]:
    return frozenset(norm_name(x) for x in xs) - {""}


def field_right(name: str, pred: FundingRound, gold: FundingRound) -> bool | None:
    """Whether one field of a matched pair is right; None when the label does not score it."""
    if name == "round":
        return pred.round == gold.round
    if name == "amount":
        return amount_right(pred, gold)
    if name == "amount_usd":
        want = gold_usd(gold)
        return None if want is None else _close(pred.amount_usd, want, "0.05")
    if name == "valuation":
        return _close(pred.valuation, gold.valuation, "0.01")
    if name == "lead_investors":
        return _names(pred.lead_investors) == _names(gold.lead_investors)
    if name == "investors":
        both = (*pred.lead_investors, *pred.other_investors)
        return _names(both) == _names((*gold.lead_investors, *gold.other_investors))
    if gold.announced_on is None:
        return None
    return pred.announced_on == gold.announced_on and pred.announced_precision == gold.announced_precision


def is_news(r: FundingRound) -> bool:
    return not r.background and r.status is RoundStatus.ANNOUNCED


@dataclass
class Tally:
    """Counts over a labelled set; `fields` maps a field to (right, scored) over matched news pairs."""

    docs: int = 0
    gold_news: int = 0
    predicted: int = 0
    tp: int = 0
    fp: int = 0
    strict_tp: int = 0
    strict_spec_tp: int = 0  # strict, reading labels' "近亿元"-style amounts as ROUNDS_SPEC.md does
    fields: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0] for f in FIELDS})
    errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def detection(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / self.gold_news if self.gold_news else 1.0
        return p, r, self._f1(p, r)

    def strict(self, spec_reading: bool = False) -> tuple[float, float, float]:
        hits = self.strict_spec_tp if spec_reading else self.strict_tp
        p = hits / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = hits / self.gold_news if self.gold_news else 1.0
        return p, r, self._f1(p, r)


def _pair_score(p: FundingRound, g: FundingRound) -> int:
    return 8 * (p.background == g.background) + 4 * amount_right(p, g) + 2 * (p.round == g.round)


def match(preds: Sequence[FundingRound], golds: Sequence[FundingRound]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs with matching names, best-agreeing pairs first.

    Agreement ranks news/background first, then the amount, then the round code, so that a news
    prediction pairs with the news label of its company rather than with a background one.
    """
    cands = [
        (_pair_score(p, g), i, j)
        for i, p in enumerate(preds)
        for j, g in enumerate(golds)
        if names_match(p, g)
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    return pairs


def score_doc(
    tally: Tally,
    doc_id: str,
    preds: Sequence[FundingRound],
    golds: Sequence[FundingRound],
    *,
    partial_labels: bool = False,
) -> None:
    """Add one document's predictions and labels to `tally` (rules in docs/extraction.md, "Scoring").

    `partial_labels` (DuEE): the labels do not say news/background/in talks, so every labelled round
    counts as news and a prediction matching one detects it whatever it calls the round; and a label
    gives only the fields it names, so a round, amount or investor list it leaves out is not scored.
    """
    if partial_labels:
        golds = [replace(g, background=False, status=RoundStatus.ANNOUNCED) for g in golds]
        paired = dict(match([replace(p, background=False) for p in preds], golds))
        preds = [replace(p, background=False) if i in paired else p for i, p in enumerate(preds)]
    tally.docs += 1
    tally.gold_news += sum(is_news(g) for g in golds)
    tally.predicted += len(preds)
    pairs = dict(match(preds, golds))
    for i, p in enumerate(preds):
        g = golds[pairs[i]] if i in pairs else None
        if p.background:
            continue
        if g is None or g.background:
            tally.fp += 1
            tally.errors.append(f"FP {doc_id}: {p.company} {p.round} {p.amount_text} | {p.evidence[:120]}")
        elif is_news(g):
            tally.tp += 1
            _fields(tally, doc_id, p, g, partial_labels)
    matched_gold = set(pairs.values())
    for j, g in enumerate(golds):
        if is_news(g) and (j not in matched_gold or preds[_key(pairs, j)].background):
            tally.errors.append(f"MISS {doc_id}: {g.company} {g.round} {g.amount_text} | {g.evidence[:120]}")


def _key(pairs: dict[int, int], j: int) -> int:
    return next(i for i, jj in pairs.items() if jj == j)


def _unlabelled(name: str, g: FundingRound) -> bool:
    """Fields a partial label (DuEE) leaves out: no round words, no amount words, no investors."""
    if name == "round":
        return g.round is RoundCode.UNKNOWN and g.round_label is None
    if name in {"amount", "amount_usd"}:
        return g.amount is None and g.amount_text is None
    if name in {"lead_investors", "investors"}:
        return not (g.lead_investors or g.other_investors)
    return name == "valuation" and g.valuation is None  # DuEE has no valuation role at all


def _fields(tally: Tally, doc_id: str, p: FundingRound, g: FundingRound, partial: bool = False) -> None:
    right = {}
    for name in FIELDS:
        ok = None if partial and _unlabelled(name, g) else field_right(name, p, g)
        right[name] = ok
        if ok is None:
            continue
        tally.fields[name][0] += ok
        tally.fields[name][1] += 1
        if not ok:
            tally.errors.append(
                f"FIELD {name} {doc_id}: {p.company}: got {_show(name, p)} want {_show(name, g)}"
            )
    if right["round"] is not False and right["amount"] is not False:
        tally.strict_tp += 1
    if right["round"] is not False and (right["amount"] is not False or amount_right(p, spec_reading(g))):
        tally.strict_spec_tp += 1


def _show(name: str, r: FundingRound) -> str:
    if name == "amount":
        return f"{r.amount} {r.currency}"
    if name in {"lead_investors", "investors"}:
        return f"{list(r.lead_investors)}+{list(r.other_investors)}"
    if name == "announced_on":
        return f"{r.announced_on} {r.announced_precision}"
    return str(getattr(r, name))
