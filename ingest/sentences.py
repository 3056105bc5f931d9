"""Sentence splitting for English and Chinese article text, with offsets, and the cheap funding prefilter."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ahocorasick_rs import AhoCorasick, BytesAhoCorasick


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    paragraph: int


# A full stop ends an English sentence unless it closes a common abbreviation or an initial.
# Group 1 is the break after the stop. Matching the stop itself (not a lookbehind tried at every
# character) lets the regex engine skip ahead to the next stop: three times faster.
_EN_END = re.compile(r"[.!?]([\"”’)]?\s+)(?=[A-Z\"“(\d$€£])")
_ABBREV = re.compile(
    r"(?:\b(?:Inc|Ltd|Corp|Co|Mr|Mrs|Ms|Dr|St|Jr|Sr|vs|No|U\.S|U\.K|L\.P|S\.A|N\.V|Bros|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b(?<![Ss]eries )(?<!SERIES )[A-Z])\.$"
)  # "Series A." ends a sentence: after "Series" a capital letter is the round, not an initial
# Chinese sentences end at 。！？；, and a feed flash's "headline — body" splits at the dash.
_ZH_END = re.compile(r"[。！？；!?](\s*)")
_ZH_END_DASH = re.compile(r"[。！？；!?](\s*)|(?<=\S)( — )(?=\S)")
_ZH_STOPS = "。！？；!?"  # what _ZH_END cuts after
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
        cut = m.start(1)
        if _ABBREV.search(text[max(start, cut - 12) : cut].rstrip('"”’)')):
            continue
        out.append((text[start:cut], base + start))
        start = m.end()
    out.append((text[start:], base + start))
    return out


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _has_cjk(text: str) -> bool:
    return _CJK.search(text, 0, 200) is not None


def paragraphs(text: str) -> list[tuple[str, int]]:
    """Paragraphs (split at line breaks and runs of 3+ spaces) with their offsets in `text`.

    An empty paragraph gets the offset where the previous one ended (what `text.find("", end)` says).
    """
    return _paragraphs(text, "   " in text)


def _paragraphs(text: str, spaced: bool) -> list[tuple[str, int]]:
    """`paragraphs`, told whether `text` holds three spaces in a row (a search that costs ~0.6 us per KB of
    non-ASCII text, which `split_sentences` needs twice)."""
    if spaced:
        out, pos = [], 0
        for part in _PARA.split(text):
            start = text.find(part, pos)
            pos = start + len(part)
            out.append((part, start))
        return out
    # Parsed articles: lines only, so offsets add up (str.find would rescan each line, ~4x the cost).
    out, line_start, end = [], 0, 0
    for part in text.split("\n"):
        start = line_start if part else end
        out.append((part, start))
        end = start + len(part)
        line_start += len(part) + 1
    return out


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets in `text`; `text[s.start:s.start+len(s.text)] == s.text`.

    Paragraphs without any funding word are skipped (their sentences could not report a round).

    >>> [s.text for s in split_sentences("Acme Inc. raised $5M. It was led by X.\\n完成融资。本轮由Y领投")]
    ['Acme Inc. raised $5M.', 'It was led by X.', '完成融资。', '本轮由Y领投']
    """
    out: list[Sentence] = []
    spaced = "   " in text
    paras = _paragraphs(text, spaced)
    for para_no in _funding_paragraphs(text, paras, spaced):
        para, pstart = paras[para_no]  # paragraphs without a funding word cannot report a round: skipped
        if not any(stop in para for stop in _ZH_STOPS) and (" — " not in para or not _has_cjk(para)):
            chunks = [(para, pstart)]  # nothing for the scan below to cut at: what it would give
        else:
            chunks = _zh_chunks(para, pstart)
        for chunk, cpos in chunks:
            pieces = _split_en(chunk, cpos) if any(p in chunk for p in _EN_STOPS) else [(chunk, cpos)]
            if len(chunk) > _LONG:  # pieces are parts of the chunk: only a long chunk can hold a long one
                pieces = [q for piece in pieces for q in _cut_long(*piece)]
            for sent, spos in pieces:
                stripped = sent.strip()
                if stripped:
                    out.append(Sentence(stripped, spos + sent.find(stripped), para_no))
    return out


def _zh_chunks(para: str, pstart: int) -> list[tuple[str, int]]:
    """`para` cut after Chinese (and ! ?) sentence ends, and at a flash's " — " when it holds Chinese."""
    chunks, cstart = [], 0
    ends = _ZH_END_DASH if _has_cjk(para) else _ZH_END
    for m in ends.finditer(para):
        cut, end = m.span(1) if m.start(1) >= 0 else m.span(2)
        if end > cstart and cut > cstart:
            chunks.append((para[cstart:cut], pstart + cstart))
            cstart = end
    chunks.append((para[cstart:], pstart + cstart))
    return chunks


_EN_KEYS = (
    "raise",
    "raising",
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
    # follow-up sentences naming only investors: "Sequoia and Lightspeed also participated."
    "participat",
    "took part",
    # headline verbs that name no funding word: "Acme nabs $6M to …" ("gets $" also reads deals: "X gets $12B reverse-acquihire")
    "lands $",
    "bags $",
    "nabs $",
    "snags $",
    "picks up $",
    "scores $",
    "nets $",
    "hauls in $",
    "draws $",
    "pulls in $",
    "rakes in $",
    # investor-first verbs: "SoftBank poured $150 million into Lalamove's Series D"
    "poured",
    "pumped",
    "injected",
)
_ZH_KEYS = ("融资", "投资", "领投", "跟投", "注资", "募资", "轮")


def _by_first_letter(keys: tuple[str, ...]) -> str:
    """An alternation grouped by first character ("r(?:aise|ound)|f(?:unding|…)"): the regex engine then
    tries one branch per position instead of every word, a quarter faster over text without any."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key[0], []).append(re.escape(key[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items())


# One scan instead of a Python loop over the words. The Chinese words are all ideographs, which lowering
# leaves alone, so one pattern serves the lower-cased text in both languages.
_FUNDING_RX = re.compile(_by_first_letter(_EN_KEYS) + "|" + "|".join(_ZH_KEYS))
_FUNDING_WORDS = AhoCorasick(list(_EN_KEYS + _ZH_KEYS))  # the same words, for whole articles
_FUNDING_BYTES = BytesAhoCorasick([key.encode() for key in _EN_KEYS + _ZH_KEYS])


def is_candidate(sentence: str) -> bool:
    """Cheap test: could this sentence report a funding round at all?

    >>> is_candidate("Agari has raised $2.5 million"), is_candidate("完成A轮融资"), is_candidate("GTA V trailer")
    (True, True, False)
    """
    if "\u0130" in sentence or "\u212a" in sentence:  # see _funding_lines
        return _FUNDING_RX.search(sentence.lower()) is not None
    # The same answer from the UTF-8 bytes, as _funding_lines reads them (~0.6 us against ~1.5 us).
    return bool(_FUNDING_BYTES.find_matches_as_indexes(sentence.encode("utf-8", "surrogatepass").lower()))


def _funding_paragraphs(text: str, paras: list[tuple[str, int]], spaced: bool) -> list[int]:
    """Numbers of the paragraphs for which `is_candidate` holds, in order.

    One Aho-Corasick pass over the lower-cased text finds every funding word at once (the regex engine
    would try its alternation at each character: three times slower); each hit names its paragraph. No
    funding word spans a paragraph break (none holds a line break or three spaces). Where lowering moves
    offsets ("İ" becomes two characters), which is rare, each paragraph is tested on its own.
    """
    if "\u0130" in text:
        return [number for number, (para, _) in enumerate(paras) if is_candidate(para)]
    if not spaced and "\u212a" not in text:
        return _funding_lines(text)
    lowered = text.lower()
    starts = [start for _, start in paras]
    found: list[int] = []
    for _, start, _ in _FUNDING_WORDS.find_matches_as_indexes(lowered):
        number = bisect_right(starts, start) - 1
        if not found or found[-1] != number:
            found.append(number)
    return found


def _funding_lines(text: str) -> list[int]:
    """`_funding_paragraphs` for a text whose paragraphs are its lines, from its UTF-8 bytes: lower-casing
    bytes (ASCII only) and searching them cost a third of lower-casing the str and searching that.

    Exact without "İ" and the Kelvin sign (the only characters whose lower case holds an ASCII letter):
    then a funding word is in the lower-cased text exactly when its UTF-8 bytes are in the lower-cased
    bytes (its ASCII letters come from ASCII letters of either case, its ideographs from themselves, and a
    match cannot start inside a multi-byte character), and a line's number is the count of line breaks
    before it. A lone surrogate raises UnicodeEncodeError, as the str search did.
    """
    data = text.encode("utf-8").lower()
    found: list[int] = []
    line, counted, end = 0, 0, -1  # the line of the last hit, counted up to `counted`, ends at `end`
    for _, start, _ in _FUNDING_BYTES.find_matches_as_indexes(data):
        if start > end:
            line += data.count(b"\n", counted, start)
            found.append(line)
            counted = start
            end = data.find(b"\n", start)
            if end < 0:
                break
    return found


_AGO_BEFORE = re.compile(r"\d (?:minutes?|hours?|days?|weeks?)$|\d\s?(?:分钟|小时|天)$")


def _has_ago(text: str) -> bool:
    """Whether "17 hours ago" / "3小时前" stands anywhere (str.find: a regex starting with a digit class
    would be tried at every character)."""
    for word in (" ago", "前"):
        at = text.find(word)
        while at >= 0:
            if _AGO_BEFORE.search(text, max(0, at - 12), at):
                return True
            at = text.find(word, at + 1)
    return False


_AGO = re.compile(r"^\d{1,2} (?:minutes?|hours?|days?|weeks?) ago$|^\d+\s?(?:分钟|小时|天)前$")


def river_paragraphs(text: str) -> set[int]:
    """Paragraph numbers of a "more stories" river: headline, byline, "16 hours ago", teaser; and of a list
    of other stories under a "Related stories" heading (headlines up to the next prose paragraph) or an
    inline "Also read: …" line.

    Sidebars that slip through body extraction report other companies' rounds as if they were news.

    >>> sorted(river_paragraphs("Body.\\nAgora raises $34M\\nMarina Temkin\\n17 hours ago\\nSince he…"))
    [1, 2, 3, 4]
    """
    ago = _has_ago(text)
    related = [0] if _RELATED_FIRST.match(text) else []
    related += [m.start() + 1 for m in _RELATED_LINE.finditer(text)]  # one scan; most articles have none
    if not (ago or related):
        return set()
    paras = [(p.strip(), start) for p, start in paragraphs(text)]
    skip: set[int] = set()
    if ago:
        for i, (para, _) in enumerate(paras):
            if _AGO.match(para):
                skip.update(j for j in range(i - 2, i + 2) if 0 <= j < len(paras))
    starts = [start for _, start in paras]
    for pos in related:
        i = max(bisect_right(starts, pos) - 1, 0)
        skip.add(i)
        if _INLINE_RELATED.match(paras[i][0]):
            continue  # "Also read: Acme raises $5M" inside a story
        for j in range(i + 1, len(paras)):  # headlines (no full stop) up to the next prose
            para = paras[j][0]
            if para and (len(para) > 150 or para[-1] in PROSE_END):
                break
            skip.add(j)
    return skip


# Headings of lists of other stories, once the page's markup is gone (plain text, feed items).
_RELATED_HEADING = (
    r"(?:related(?: stories| articles| news| posts| reading| coverage)?|read (?:more|also|next)|also read|"
    r"more (?:from|stories|news|on|in)\b[^\n.!?。]{0,40}|you (?:may|might) also like|recommended(?: for you| stories| reading)?|"
    r"trending(?: now| stories| news)?|popular(?: stories| posts| now)?|most (?:read|popular)|latest (?:news|stories)|"
    r"相关阅读|相关文章|相关新闻|相关报道|相关推荐|推荐阅读|延伸阅读|热门文章|热门推荐|热门资讯|热门新闻|猜你喜欢|"
    r"(?:\d{1,2}小时|今日|本周)?热榜|更多(?:资讯|新闻|文章)|最新(?:资讯|文章|新闻)|(?:精选|编辑)推荐|(?:阅读)?排行榜?)"
    r"[ \t]*[:：]?[ \t]*(?=\n|\Z)"
)
_INLINE = r"(?:also read|read also|read more|related|see also|相关阅读|推荐阅读|延伸阅读)[ \t]*[:：|]"
# A line that is such a heading, or that opens with an inline "Also read:". The pattern starts with a
# literal line break and a lookahead on the first letter, which lets the scan skip to line starts
# (~10 µs a page, against ~50 µs for the same pattern anchored with re.M).
_RELATED_BODY = (
    r"(?=[ \t]*[ARMYPTLSarmyptls相推延热猜更最精编阅排今本\d])[ \t]*(?:"
    + _RELATED_HEADING
    + "|"
    + _INLINE
    + ")"
)
_RELATED_LINE = re.compile(r"\n" + _RELATED_BODY, re.I)
_RELATED_FIRST = re.compile(_RELATED_BODY, re.I)
_INLINE_RELATED = re.compile(_INLINE, re.I)
PROSE_END = frozenset('.。!?！？"”’)')
