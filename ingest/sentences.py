"""Sentence splitting for English and Chinese article text, with offsets, and the cheap funding prefilter."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    paragraph: int


# A full stop ends an English sentence unless it closes a common abbreviation or an initial.
_EN_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z\"“(\d$€£])")
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Ltd|Corp|Co|Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|No|U\.S|U\.K|L\.P|S\.A|N\.V|Bros|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$"
)
# Chinese sentences end at 。！？；, and a feed flash's "headline — body" splits at the dash.
_ZH_END = re.compile(r"(?<=[。！？；!?])\s*")
_ZH_END_DASH = re.compile(r"(?<=[。！？；!?])\s*|(?<=\S) — (?=\S)")
_EN_STOPS = (". ", "! ", "? ", '." ', ".\u201d ", ".) ")
_PARA = re.compile(r"\n+|\s{3,}")


_LONG = 1500
_ANY_END = re.compile(r"(?<=[.!?;。；！？])\s*")


def _cut_long(sentence: str, pos: int) -> list[tuple[str, int]]:
    """A "sentence" longer than any real one (a failed split) cut at every full stop, then every 1,500 chars."""
    if len(sentence) <= _LONG:
        return [(sentence, pos)]
    out, start = [], 0
    for m in _ANY_END.finditer(sentence):
        if m.start() > start:
            out.append((sentence[start : m.start()], pos + start))
            start = m.end()
    out.append((sentence[start:], pos + start))
    return [(s[i : i + _LONG], p + i) for s, p in out for i in range(0, len(s), _LONG)]


def _split_en(text: str, base: int) -> list[tuple[str, int]]:
    out, start = [], 0
    for m in _EN_END.finditer(text):
        if _ABBREV.search(text[max(start, m.start() - 12) : m.start()].rstrip('"”’)')):
            continue
        out.append((text[start : m.start()], base + start))
        start = m.end()
    out.append((text[start:], base + start))
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text, 0, 200) is not None


def paragraphs(text: str) -> list[tuple[str, int]]:
    """Paragraphs (split at line breaks and runs of 3+ spaces) with their offsets in `text`."""
    parts = text.split("\n") if "   " not in text else _PARA.split(text)
    out, pos = [], 0
    for part in parts:
        start = text.find(part, pos)
        pos = start + len(part)
        out.append((part, start))
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets in `text`; `text[s.start:s.start+len(s.text)] == s.text`.

    Paragraphs without any funding word are skipped (their sentences could not report a round).

    >>> [s.text for s in split_sentences("Acme Inc. raised $5M. It was led by X.\\n完成融资。本轮由Y领投")]
    ['Acme Inc. raised $5M.', 'It was led by X.', '完成融资。', '本轮由Y领投']
    """
    out: list[Sentence] = []
    for para_no, (para, pstart) in enumerate(paragraphs(text)):
        if not is_candidate(para):
            continue  # no funding word anywhere in the paragraph: none of its sentences can report a round
        chunks, cstart = [], 0
        ends = _ZH_END_DASH if _has_cjk(para) else _ZH_END
        for m in ends.finditer(para):
            if m.end() > cstart and m.start() > cstart:
                chunks.append((para[cstart : m.start()], pstart + cstart))
                cstart = m.end()
        chunks.append((para[cstart:], pstart + cstart))
        for chunk, cpos in chunks:
            pieces = _split_en(chunk, cpos) if any(p in chunk for p in _EN_STOPS) else [(chunk, cpos)]
            pieces = [q for piece in pieces for q in _cut_long(*piece)]
            for sent, spos in pieces:
                stripped = sent.strip()
                if stripped:
                    out.append(Sentence(stripped, spos + sent.find(stripped), para_no))
    return out


_EN_KEYS = (
    "raise",
    "funding",
    "financing",
    "round",
    "investment",
    "invest",
    "led by",
    "secure",
    "backed",
    "capital",
    "series",
    "seed",
    "lead",
    "backs",
    "backer",
    "facility",
    "loan",
    "grant",
    "placement",
    "notes",
)
_ZH_KEYS = ("融资", "投资", "领投", "跟投", "注资", "募资", "轮")
# One scan each instead of a Python loop over the words (the prefilter runs on every paragraph).
_EN_RX = re.compile("|".join(map(re.escape, _EN_KEYS)))
_ZH_RX = re.compile("|".join(_ZH_KEYS))


def is_candidate(sentence: str) -> bool:
    """Cheap test: could this sentence report a funding round at all?

    >>> is_candidate("Agari has raised $2.5 million"), is_candidate("完成A轮融资"), is_candidate("GTA V trailer")
    (True, True, False)
    """
    if _CJK.search(sentence) and _ZH_RX.search(sentence):
        return True
    return _EN_RX.search(sentence.lower()) is not None


_AGO = re.compile(r"^\d{1,2} (?:minutes?|hours?|days?|weeks?) ago$|^\d+\s?(?:分钟|小时|天)前$")


def river_paragraphs(text: str) -> set[int]:
    """Paragraph numbers of a "more stories" river: headline, byline, "16 hours ago", teaser.

    Sidebars that slip through body extraction report other companies' rounds as if they were news.

    >>> sorted(river_paragraphs("Body.\\nAgora raises $34M\\nMarina Temkin\\n17 hours ago\\nSince he…"))
    [1, 2, 3, 4]
    """
    if " ago" not in text and "前" not in text:
        return set()
    paras = [p for p, _ in paragraphs(text)]
    skip: set[int] = set()
    for i, para in enumerate(paras):
        if _AGO.match(para.strip()):
            skip.update(j for j in range(i - 2, i + 2) if 0 <= j < len(paras))
    return skip
