"""`extract_rounds`: an Article -> the funding rounds it reports (ROUNDS_SPEC.md), pure and never raising."""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from rapidfuzz.distance import Levenshtein

from ingest.backer_kinds import is_corporate
from ingest.backers import en_backer_mention, zh_backer_mention
from ingest.cards import card_mentions, kv_card_mentions
from ingest.companies import title_subject
from ingest.dates import url_date
from ingest.events import Mention, en_mention, follow_up, zh_mention
from ingest.figures import Figure, Role
from ingest.fx import to_usd
from ingest.multi import assign_round_clause, round_clause, split_listed
from ingest.sentences import Sentence, is_candidate, river_paragraphs, split_sentences
from ingest.types import Article, DatePrecision, FundingRound, RoundCode, RoundStatus

log = logging.getLogger(__name__)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SPACES = re.compile(r"\s")
_LATIN = re.compile(r"[A-Za-z]")


def extract_rounds(article: Article) -> list[FundingRound]:
    """The funding rounds `article` reports, news and background, in the order first mentioned.

    Never raises: odd input yields [] (and a log line), so a nightly batch is not stopped by one page.
    """
    try:
        return _extract(article)
    except Exception:  # noqa: BLE001 - a bad page must not stop a batch; the caller sees no rounds
        log.exception("extraction failed for %s", getattr(article, "url", "?"))
        return []


def _published(article: Article) -> date | None:
    return article.published_at.date() if article.published_at else None


def _dated(article: Article) -> tuple[date, DatePrecision] | None:
    """The article's own date: its publication day, else the date in its URL."""
    if article.published_at:
        return article.published_at.date(), DatePrecision.DAY
    return url_date(article.url or "")


def _sentences(article: Article) -> list[Sentence]:
    """The article's sentences, with the title first when the text does not repeat it (offset -1)."""
    sentences = split_sentences(article.text or "")
    title = (article.title or "").strip()
    if title and title not in (article.text or "")[:2000]:
        sentences.insert(0, Sentence(title, -1, -1))
    return sentences


def _mentions(article: Article) -> list[Mention]:
    published, text = _published(article), article.text or ""
    out: list[Mention] = card_mentions(text) if " / " in text else []
    out += kv_card_mentions(text) if "Round:" in text or "Amount Raised:" in text else []
    named: list[tuple[int, str]] = []  # "Knowunity是一个…平台", "Acme is a …": who "the company" is
    clauses_seen: dict[int, int] = {}  # per-round clauses given to each mention so far
    skip = river_paragraphs(text)
    for s in _sentences(article):
        if len(s.text) > 1500 or s.paragraph in skip:
            continue
        if defined := _DEFINES.match(s.text) or _CALLED.search(s.text):
            named.append((s.start, next(g for g in defined.groups() if g).strip(" .,")))
        if not is_candidate(s.text):
            continue
        mention = _sentence_mention(_SPACES.sub(" ", s.text), published)  # same length: offsets stay verbatim
        if mention is None or mention.company is None and not mention.pronoun:
            _follow(out, s, clauses_seen)  # "本轮融资近10亿元，由京东集团领投": about the round before
            continue
        headline = s.start < 0 or s.text == (article.title or "").strip() or s.text.startswith("# ")
        mention.evidence, mention.from_title, mention.pos = s.text, headline, s.start
        if mention.company is None and mention.pronoun:
            mention.company, mention.aliases = _antecedent(out, named, s.start, article.title)
        if mention.company:
            out += split_listed(mention)
    return out


def _follow(out: list[Mention], s: Sentence, clauses_seen: dict[int, int]) -> None:
    """A sentence about the round named before it: one of its several rounds ("A2轮由X领投"), or its
    investors and money ("本轮由X领投", "The round was led by X")."""
    target = _nearest(out, s.start) or (out[-1] if out else None)
    if target is None:
        return
    if clause := round_clause(s.text):
        seen = clauses_seen.get(id(target), 0)
        clauses_seen[id(target)] = seen + 1
        if copy := assign_round_clause(target, clause, s.text, part=seen + 1):
            copy.pos = s.start
            out.append(copy)
    elif extra := follow_up(s.text):
        _attach(target, *extra, s.text)


_DEFINES = re.compile(
    r"^([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}),? (?:is|was) (?:a|an|the) |^([^，。是\s]{2,24}?)是一(?:家|个)"
)


_CALLED = re.compile(
    r"\b(?:startup|company|venture|firm)\b[^.]{0,30}?\bcalled ([A-Z][\w.]*(?: [A-Z][\w.]*)?)"
)


def _nearest(previous: list[Mention], pos: int) -> Mention | None:
    return max((m for m in previous if m.pos <= pos), key=lambda m: m.pos, default=None)


def _sentence_mention(sentence: str, published: date | None) -> Mention | None:
    """The round a sentence reports, read as Chinese first when it has Chinese in it (names mix scripts)."""
    readers = [zh_mention, zh_backer_mention] if _CJK.search(sentence) else []
    readers += [en_mention, en_backer_mention]
    if readers[0] is zh_mention and len(_CJK.findall(sentence)) * 3 < len(_LATIN.findall(sentence)):
        readers = readers[2:] + readers[:2]  # mostly English with a Chinese alias: "ByteDance (字节跳动)"
    fallback = None
    for read in readers:
        mention = read(sentence, published)
        if mention and (mention.company or mention.pronoun):
            return mention
        fallback = fallback or mention
    return fallback


def _antecedent(
    previous: list[Mention], named: list[tuple[int, str]], pos: int, title: str
) -> tuple[str | None, tuple[str, ...]]:
    """What "the company" / "该公司" points back to: the nearest round or company introduced before it,
    else the headline's subject."""
    last = _nearest(previous, pos)
    defined = max(((p, n) for p, n in named if p < pos), default=None)
    if defined and (last is None or defined[0] > last.pos):
        return defined[1], ()
    if last:
        return last.company, last.aliases
    return title_subject(title), ()


def _attach(target: Mention, lead: list[str], others: list[str], vals: list[Figure], text: str) -> None:
    target.lead += [n for n in lead if n not in target.lead]
    target.others += [n for n in others if n not in target.others and n not in target.lead]
    for fig in vals:
        if not any(f.role is fig.role for f in target.figures):
            target.figures.append(fig)
    target.extra_evidence.append(text)


def norm_name(name: str) -> str:
    """Company name for comparison: width, case, punctuation and legal suffixes removed.

    >>> norm_name("VideoKen, Inc."), norm_name("杭州原子矩阵计算有限公司")
    ('videoken', '杭州原子矩阵计算')
    """
    s = unicodedata.normalize("NFKC", name).lower()
    s = re.sub(
        r"[,.]?\s*\b(?:inc|ltd|llc|corp|corporation|co|plc|gmbh|ag|sa|limited|holdings?|group)\b\.?", "", s
    )
    s = re.sub(r"(?:股份)?有限公司|集团|控股", "", s)
    return re.sub(r"[\W_]+", "", s)


def _same_name(x: str, y: str) -> bool:
    """Equal, one containing the other, or one typo apart in a long name ("MediShoud" for "MediShout")."""
    if x == y or (min(len(x), len(y)) >= 2 and (x in y or y in x)):
        return True
    return min(len(x), len(y)) >= 7 and Levenshtein.distance(x, y) <= 1


def _same_company(a: Mention, b: Mention) -> bool:
    names_a = {norm_name(n) for n in (a.company or "", *a.aliases)} - {""}
    names_b = {norm_name(n) for n in (b.company or "", *b.aliases)} - {""}
    return any(_same_name(x, y) for x in names_a for y in names_b)


def _round_code(m: Mention) -> RoundCode:
    return m.rounds[0].code if m.rounds else RoundCode.UNKNOWN


def _amount(m: Mention) -> Figure | None:
    """The round's money: the first stated figure, else the first magnitude ("千万元" then "近1100万元")."""
    money = [f for f in m.figures if f.role is Role.ROUND]
    return next((f for f in money if f.money.amount is not None), money[0] if money else None)


def _compatible(a: Mention, b: Mention) -> bool:
    if not _same_company(a, b) or a.status != b.status or a.part and b.part and a.part != b.part:
        return False
    ca, cb = _round_code(a), _round_code(b)
    if RoundCode.UNKNOWN not in (ca, cb) and ca != cb:
        return False
    fa, fb = _amount(a), _amount(b)
    if fa and fb and fa.money.amount and fb.money.amount and fa.money.currency == fb.money.currency:
        return abs(fa.money.amount - fb.money.amount) <= fa.money.amount * Decimal("0.1")
    return a.history == b.history or a.from_title or b.from_title


def _merge(into: Mention, other: Mention) -> None:
    """Fill what `into` lacks from a later mention of the same round (title facts never override body)."""
    if not into.rounds:
        into.rounds = other.rounds
    mine, theirs = _amount(into), _amount(other)
    if theirs and (mine is None or mine.money.amount is None and theirs.money.amount is not None):
        into.figures = [f for f in into.figures if f is not mine] + [theirs]  # a figure beats a magnitude
    if not any(f.role is Role.VALUATION for f in into.figures):
        into.figures += [f for f in other.figures if f.role is Role.VALUATION][:1]
    _attach(into, other.lead, other.others, [], other.evidence)
    into.dates = into.dates or other.dates
    names = (*into.aliases, *other.aliases, other.company or "")
    into.aliases = tuple(n for n in dict.fromkeys(names) if n and n != into.company)
    into.history = into.history and other.history


def _grouped(mentions: list[Mention]) -> list[Mention]:
    body = [m for m in mentions if not m.from_title]
    title = [m for m in mentions if m.from_title]
    kept: list[Mention] = []
    for m in body + title:
        target = next((k for k in kept if _compatible(k, m)), None)
        if target is None:
            kept.append(m)
        else:
            _merge(target, m)
    return kept


def _extract(article: Article) -> list[FundingRound]:
    dated = _dated(article)
    return [r for m in _grouped(_mentions(article)) if (r := _to_round(m, dated))]


def _is_background(m: Mention, when: tuple[date, DatePrecision] | None, published: date | None) -> bool:
    if m.history:
        return True
    if when is None or published is None:
        return False
    day, precision = when
    if precision is DatePrecision.YEAR:
        return day.year < published.year
    if precision is DatePrecision.MONTH:
        return (published.year - day.year) * 12 + published.month - day.month >= 1
    return day < published - timedelta(days=45)


def _to_round(m: Mention, dated: tuple[date, DatePrecision] | None) -> FundingRound | None:
    published = dated[0] if dated else None
    when = m.dates[0] if m.dates else None
    background = _is_background(m, when, published)
    if when is None and not background and dated:
        when = dated
    fig = _amount(m)
    money = fig.money if fig else None
    code = _round_code(m)
    backers = m.lead + [n for n in m.others if n not in m.lead]
    if code is RoundCode.UNKNOWN and len(backers) == 1 and not m.lead and is_corporate(backers[0]):
        code = RoundCode.CORPORATE  # ROUNDS_SPEC.md: a single corporate investor's (untyped) round
    on = when[0] if when else published
    return FundingRound(
        company=m.company or "",
        round=code,
        round_label=m.rounds[0].label if m.rounds else None,
        amount=money.amount if money else None,
        currency=money.currency if money else None,
        amount_text=money.text if money else None,
        amount_usd=_usd(m, money, on),
        valuation=(val := _valuation(m)) and val.money.amount,
        valuation_currency=val.money.currency if val else None,
        lead_investors=tuple(m.lead),
        other_investors=tuple(n for n in m.others if n not in m.lead),
        announced_on=when[0] if when else None,
        announced_precision=when[1] if when else DatePrecision.DAY,
        status=m.status,
        background=background,
        evidence=" ".join([m.evidence, *m.extra_evidence][:3]),
        confidence=_confidence(m, money is not None),
        company_aliases=m.aliases,
    )


def _valuation(m: Mention) -> Figure | None:
    return next((f for f in m.figures if f.role is Role.VALUATION and f.money.amount), None)


def _usd(m: Mention, money, on: date | None) -> Decimal | None:  # noqa: ANN001
    if money is None or money.amount is None or money.currency is None:
        return None
    if money.currency == "USD":
        return money.amount
    conv = next((f for f in m.figures if f.role is Role.CONVERSION and f.money.currency == "USD"), None)
    if conv and conv.money.amount:
        return conv.money.amount
    return to_usd(money.amount, money.currency, on) if on else None


def _confidence(m: Mention, has_amount: bool) -> float:
    score = 0.45 + 0.2 * has_amount + 0.15 * bool(m.rounds) + 0.1 * bool(m.lead or m.others)
    if m.status is RoundStatus.IN_TALKS:
        score -= 0.15
    if m.from_title:
        score -= 0.1
    return round(max(0.05, min(score, 0.98)), 3)
