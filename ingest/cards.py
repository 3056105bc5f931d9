"""Deal cards of funding databases ("B+轮 / 2亿美元 / 1645499045" under the company name, "投资方: …")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from ingest.events import Mention
from ingest.figures import Figure, Role
from ingest.investors import split_zh_names
from ingest.money import find_amounts
from ingest.round_names import find_rounds
from ingest.types import DatePrecision, RoundStatus

_CARD = re.compile(
    r"^(?P<round>[^/\n]{1,20}?)\s*/\s*(?P<amount>[^/\n]{1,20}?)\s*/\s*(?P<when>\d{10}|\d{4}-\d{2}-\d{2})\s*$",
    re.M,
)
_DESCRIPTION = re.compile(r"(?:商|平台|企业|公司|品牌|服务|机构|系统|方案|工具|应用|厂商|提供者|研发|技术)$")
_NOT_ROUNDS = ("IPO上市", "基石", "收购", "并购", "上市")
_CST = timedelta(hours=8)  # the cards' Unix timestamps are read as China Standard Time dates


def _when(raw: str) -> date:
    if raw.isdigit():
        return (datetime.fromtimestamp(int(raw), tz=UTC) + _CST).date()
    return date.fromisoformat(raw)


def _company(text: str, start: int) -> str | None:
    before = [ln.strip() for ln in text[:start].splitlines() if ln.strip()][-2:]
    if not before:
        return None
    name = before[0] if len(before) == 2 and _DESCRIPTION.search(before[1]) else before[-1]
    return name if 1 <= len(name) <= 40 else None


def _investors(text: str, end: int) -> list[str]:
    tail = text[end : end + 600].lstrip().splitlines()
    if tail and tail[0].startswith("投资方") and re.search(r"[:：]", tail[0]):
        return split_zh_names(re.split(r"[:：]", tail[0], maxsplit=1)[1])
    return []


def card_mentions(text: str) -> list[Mention]:
    """The deal cards of `text` as round mentions (a card is its own evidence and date).

    >>> [(m.company, m.rounds[0].label, m.figures[0].money.amount, m.others) for m in card_mentions(
    ...     "Amber\\n数字资产服务商\\nB+轮 / 2亿美元 / 1645499045\\n投资方: 淡马锡、红杉资本中国")]
    [('Amber', 'B+轮', Decimal('200000000'), ['淡马锡', '红杉资本中国'])]
    """
    out = []
    for m in _CARD.finditer(text):
        label = m["round"].strip()
        rounds = find_rounds(label)
        if not rounds or any(w in label for w in _NOT_ROUNDS) and not label.endswith("后"):
            continue
        company = _company(text, m.start())
        if company is None:
            continue
        figures = [Figure(a, Role.ROUND) for a in find_amounts(m["amount"])[:1]]
        when = [(_when(m["when"]), DatePrecision.DAY)]
        evidence = m.group(0).strip()
        out.append(
            Mention(
                company,
                (),
                rounds,
                figures,
                [],
                _investors(text, m.end()),
                when,
                RoundStatus.ANNOUNCED,
                False,
                evidence,
            )
        )
    return out


_KV = re.compile(
    r"^\W{0,8}(?P<key>Company|Startup|Round|Amount(?: Raised)?|Investors?)\s?:\s*(?P<value>.+)$", re.M | re.I
)


def kv_card_mentions(text: str) -> list[Mention]:
    """Key-value deal cards ("Company: Twin" … "Round: Seed" … "Amount Raised: €8.4M" … "Investors: …").

    >>> m = kv_card_mentions("Company: Twin\\nRound: Seed\\nAmount Raised: €8.4M\\nInvestors: LocalGlobe, Kima Ventures")[0]
    >>> m.company, m.rounds[0].code.value, m.figures[0].money.amount, m.others
    ('Twin', 'seed', Decimal('8400000.0'), ['LocalGlobe', 'Kima Ventures'])
    """
    out: list[Mention] = []
    card: dict[str, str] = {}
    for m in _KV.finditer(text):
        key = m["key"].lower().split()[0].rstrip("s")
        if key in {"company", "startup"}:
            _close_card(card, out)
            card = {"company": m["value"].strip(), "evidence": m.group(0).strip(), "pos": str(m.start())}
        elif card:
            card[key] = m["value"].strip()
    _close_card(card, out)
    return out


def _close_card(card: dict[str, str], out: list[Mention]) -> None:
    if not card or not ({"round", "amount"} & card.keys()):
        return
    rounds = find_rounds(card.get("round", ""))
    if not rounds and card.get("round", "").lower() in {"growth", "growth equity"}:
        rounds = find_rounds("growth round")
    figures = [Figure(a, Role.ROUND) for a in find_amounts(card.get("amount", ""))[:1]]
    others = [n for n in re.split(r",\s*|\s+and\s+", card.get("investor", "")) if _investor_name(n)]
    out.append(
        Mention(
            card["company"],
            (),
            rounds,
            figures,
            [],
            others,
            [],
            RoundStatus.ANNOUNCED,
            False,
            card["evidence"],
            pos=int(card["pos"]),
        )
    )


def _investor_name(name: str) -> bool:
    """Card investor entries that name someone ("Business Angels" names no one)."""
    return bool(name.strip()) and name.strip().lower() not in {
        "business angels",
        "angels",
        "undisclosed",
        "n/a",
        "-",
    }
