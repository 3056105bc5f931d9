"""`extract_rounds`: an Article -> the funding rounds it reports (ROUNDS_SPEC.md), pure and never raising."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import date

from ingest.backers import en_backer_mention, zh_backer_mention
from ingest.cards import card_mentions, kv_card_mentions
from ingest.companies import title_subject
from ingest.company_keys import company_key
from ingest.counted import counted_rounds
from ingest.dates import url_date
from ingest.events import Mention
from ingest.events_en import en_mention
from ingest.events_zh import zh_mention
from ingest.first_person import publisher_company
from ingest.follow_up import FollowUp, follow_up
from ingest.merge import attach, grouped
from ingest.multi import assign_round_clause, round_clause, since_round, split_listed
from ingest.round_names import find_rounds
from ingest.rounds import to_round
from ingest.sentences import PROSE_END, Sentence, is_candidate, paragraphs, river_paragraphs, split_sentences
from ingest.types import Article, DatePrecision, FundingRound

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
    memo: dict[str, Mention | None] = {}  # a sentence repeated (pull quotes, teasers) is read once
    memo_follow: dict[str, FollowUp] = {}
    skip = river_paragraphs(text)
    lines: list[Mention] = []  # mentions read from a bare headline line ("星辰机器人获2亿元B轮融资")
    paras: list[tuple[str, int]] | None = None
    for s in _sentences(article):
        if len(s.text) > 1500 or s.paragraph in skip:
            continue
        if defined := _defined(s.text):
            named.append((s.start, next(g for g in defined.groups() if g).strip(" .,")))
        if not is_candidate(s.text):
            continue
        if "轮融资" in s.text and (counted := counted_rounds(s.text, published)):
            headline = s.start < 0 or s.text == (article.title or "").strip()
            for c in counted:
                c.from_title, c.pos = headline, s.start
            out += counted
            continue
        # Same length: offsets stay verbatim. A printable text has no whitespace but " " (the usual case).
        spaced = s.text if s.text.isprintable() else _SPACES.sub(" ", s.text)
        mention = _read(memo, spaced, published)
        if mention is None or mention.company is None and not mention.pronoun:
            _follow(
                out, s, clauses_seen, memo_follow
            )  # "本轮融资近10亿元，由京东集团领投": about the round before
            continue
        headline = s.start < 0 or s.text == (article.title or "").strip() or s.text.startswith("# ")
        mention.evidence, mention.from_title, mention.pos = s.text, headline, s.start
        if mention.first_person:
            mention.company = publisher_company(article.title or "", article.site_name, text)
        # "the company" points back; so does a "we" the text does not name, after a round (the headline's)
        if mention.company is None and mention.pronoun and (out or not mention.first_person):
            mention.company, mention.aliases = _antecedent(out, named, s.start, article.title)
        if mention.company:
            listed = split_listed(mention)
            if not headline and s.text[-1] not in PROSE_END:
                paras = paras if paras is not None else paragraphs(text)
                if paras[s.paragraph][0].strip() == s.text:
                    lines += listed
            out += listed
            out += [earlier] if "距" in s.text and (earlier := since_round(mention)) else []
    return _without_other_headlines(out, lines) if lines else out


def _without_other_headlines(out: list[Mention], lines: list[Mention]) -> list[Mention]:
    """Drop rounds read from bare headline lines (no full stop, a paragraph of their own) of companies other
    than the one the page's headline reports: links to other stories the body extraction let through.
    A page whose headline reports no round (a roundup, a list of press coverage) keeps them all."""
    own = {company_key(m.company) for m in out if m.from_title and m.company}
    if not own:
        return out
    drop = {id(m) for m in lines if company_key(m.company or "") not in own}
    return [m for m in out if id(m) not in drop]


def _read(memo: dict[str, Mention | None], sentence: str, published: date | None) -> Mention | None:
    """`_sentence_mention`, read once per distinct sentence of an article; each caller gets its own copy
    (merging and resolving "the company" change a mention in place)."""
    if sentence not in memo:
        memo[sentence] = _sentence_mention(sentence, published)
    m = memo[sentence]
    if m is None:
        return None
    return replace(
        m, rounds=list(m.rounds), figures=list(m.figures), lead=list(m.lead), others=list(m.others),
        dates=list(m.dates), extra_evidence=list(m.extra_evidence),
    )  # fmt: skip


def _follow(out: list[Mention], s: Sentence, clauses_seen: dict[int, int], memo: dict[str, FollowUp]) -> None:
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
    elif extra := _followed(memo, s.text):
        attach(target, *extra, s.text)
        if not target.rounds and len(named := find_rounds(s.text)) == 1:
            target.rounds.append(named[0])  # "The Series C round was led by X": the round's name


def _followed(memo: dict[str, FollowUp], sentence: str) -> FollowUp:
    """`follow_up`, read once per distinct sentence (`attach` only reads what it returns)."""
    if sentence not in memo:
        memo[sentence] = follow_up(sentence)
    return memo[sentence]


_DEFINES = re.compile(
    r"^([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}),? (?:is|was) (?:a|an|the) |^([^，。是\s]{2,24}?)是一(?:家|个)"
)


_CALLED = re.compile(
    r"\b(?:startup|company|venture|firm)\b[^.]{0,30}?\bcalled ([A-Z][\w.]*(?: [A-Z][\w.]*)?)"
)


def _defined(sentence: str) -> re.Match[str] | None:
    """A company the sentence introduces; the substrings each pattern needs are tested first (most
    sentences have none, and a failed scan costs far more than `in`)."""
    if (" is " in sentence or " was " in sentence or "是一" in sentence) and (m := _DEFINES.match(sentence)):
        return m
    return _CALLED.search(sentence) if "called " in sentence else None


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


def _extract(article: Article) -> list[FundingRound]:
    dated = _dated(article)
    return [r for m in grouped(_mentions(article)) if (r := to_round(m, dated))]
