"""Load the labelled sets of ../shared at run time: (doc id, Article, labelled rounds) per document.

The data is never copied into the repo; FUNDWATCH_SHARED_DIR overrides the location.
"""

from __future__ import annotations

import csv
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from ingest.dates import resolve_date
from ingest.investors import split_zh_names
from ingest.money import parse_amount
from ingest.round_names import find_rounds
from ingest.scoring import names_match
from ingest.serialize import round_from_dict
from ingest.types import Article, DatePrecision, FundingRound, RoundCode

REPO_ROOT = Path(__file__).resolve().parents[1]
Doc = tuple[str, Article, list[FundingRound]]
DUEE_FUNDING = "财经/交易-融资"
DUEE_NEGATIVES = 500
DUEE_SEED = 20240601


def shared_dir() -> Path:
    return Path(os.environ.get("FUNDWATCH_SHARED_DIR", REPO_ROOT.parent / "shared"))


def _published(value: str | None) -> datetime | None:
    if not value:
        return None
    d = date.fromisoformat(value[:10])
    return datetime(d.year, d.month, d.day, 12, tzinfo=UTC)


def page_article(html: bytes | str, url: str, published: datetime | None) -> Article:
    """ingest.parse.parse when the parse branch is merged, else a plain lxml text extraction."""
    try:
        from ingest.parse import parse  # type: ignore[import-not-found]
    except ImportError:
        return _lxml_article(html, url, published)
    art = parse(html, url, published_hint=published)
    return Article(art.url, art.title, art.text, published or art.published_at, art.lang, art.site_name)


_BLOCKS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "section",
    "article",
    "blockquote",
}


def _lxml_article(html: bytes, url: str, published: datetime | None) -> Article:
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    title = (root.findtext(".//title") or "").strip()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    text = re.sub(r"[ \t\r\f\v]+", " ", root.text_content())
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return Article(url, title, text, published)


def _labels(line: dict) -> list[FundingRound]:
    return [round_from_dict(r) for r in line["rounds"]]


def load_pages(base: Path) -> Iterator[Doc]:
    for line in map(json.loads, (base / "corpus/labels/pages.jsonl").read_text().splitlines()):
        html = (base / "corpus/pages" / line["file"]).read_bytes()
        yield line["file"], page_article(html, line["file"], _published(line["published"])), _labels(line)


def load_feed_items(base: Path) -> Iterator[Doc]:
    snapshots: dict[str, dict[str, dict]] = {}
    for line in map(json.loads, (base / "corpus/labels/feed_items.jsonl").read_text().splitlines()):
        if line["file"] not in snapshots:
            data = json.loads((base / "corpus/feeds" / line["file"]).read_text())
            snapshots[line["file"]] = {f"{k}/{i['id']}": i for k in ("posts", "flashes") for i in data[k]}
        item = snapshots[line["file"]][line["item"]]
        body = item.get("content") or item.get("summary") or ""
        text = f"{item['title']}\n{body}" if item.get("title") else body
        art = Article(item.get("url", ""), item.get("title") or "", text, _published(line["published"]))
        yield line["item"], art, _labels(line)


def _csv_rows(path: Path, key: str) -> dict[str, dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8") as fh:
        return {row[key]: row for row in csv.DictReader(fh)}


def _english_text(base: Path, line: dict, cache: dict) -> tuple[str, str, str]:
    """(url, title, text) of one english.jsonl record, per the labels README."""
    path = base / "corpus" / line["file"]
    if path.suffix == ".csv":
        key = "URL" if "finsmes" in line["file"] else "url"
        rows = cache.setdefault(line["file"], _csv_rows(path, key))
        row = rows[line["item"]]
        if key == "URL":
            return line["item"], "", row["TEXT"]
        return line["item"], row["title"], f"{row['title']}\n{row['content']}\n{row['articles']}"
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        data = json.loads(raw)
        return (
            data.get("url", line["file"]),
            data.get("title", ""),
            f"{data.get('title', '')}\n{data.get('body') or data.get('text', '')}",
        )
    if "french-tech" in line["file"]:
        front, _, body = raw.partition("\n---\n")
        art = page_article(body or "<p></p>", line["file"], None)
        return line["file"], "", f"{front}\n{art.text}"
    return line["file"], "", raw


def load_english(base: Path) -> Iterator[Doc]:
    cache: dict = {}
    for line in map(json.loads, (base / "corpus/labels/english.jsonl").read_text().splitlines()):
        url, title, text = _english_text(base, line, cache)
        doc_id = f"{line['file']}#{line.get('item') or ''}"
        yield doc_id, Article(url, title, text, _published(line["published"]), "en"), _labels(line)


def _in_context(arg: dict, text: str) -> str:
    """An amount argument with the words after it ("6000万" + "B轮融资"), so RMB implied by context parses."""
    if arg["role"] != "融资金额":
        return arg["argument"]
    start = arg.get("argument_start_index", -1)
    if start < 0 or text[start : start + len(arg["argument"])] != arg["argument"]:
        return arg["argument"]
    return text[start : start + len(arg["argument"]) + 8]


def _duee_round(args: dict[str, list[str]], text: str) -> FundingRound | None:
    company = (args.get("融资方") or [""])[0].strip()
    if not company:
        return None
    label = (args.get("融资轮次") or [None])[0]
    rounds = (
        find_rounds(label if label is None or "轮" in label or len(label) > 3 else label + "轮")
        if label
        else []
    )
    money = parse_amount((args.get("融资金额") or [""])[0])
    money = money if money and money.start <= 1 else None
    when = resolve_date((args.get("时间") or [""])[0], None)
    return FundingRound(
        company=company,
        round=rounds[0].code if rounds else RoundCode.UNKNOWN,
        round_label=label,
        amount=money.amount if money else None,
        currency=money.currency if money else None,
        amount_text=money.text if money else None,
        lead_investors=tuple(n for a in args.get("领投方", []) for n in split_zh_names(a)),
        other_investors=tuple(n for a in args.get("跟投方", []) for n in split_zh_names(a)),
        announced_on=when[0] if when else None,
        announced_precision=when[1] if when else DatePrecision.DAY,
        evidence=text,
    )


def load_duee(base: Path) -> Iterator[Doc]:
    """DuEE train: every sentence with a 财经/交易-融资 event, plus a fixed-seed sample of other sentences."""
    lines = [json.loads(x) for x in (base / "datasets/duee/duee_train.json").read_text().splitlines() if x]
    funding = [x for x in lines if any(e["event_type"] == DUEE_FUNDING for e in x["event_list"])]
    others = [x for x in lines if x not in funding]
    negatives = random.Random(DUEE_SEED).sample(others, DUEE_NEGATIVES)
    for x in funding + negatives:
        golds = []
        for e in x["event_list"]:
            if e["event_type"] == DUEE_FUNDING:
                args: dict[str, list[str]] = {}
                for a in e["arguments"]:
                    args.setdefault(a["role"], []).append(_in_context(a, x["text"]))
                r = _duee_round(args, x["text"])
                if r and not any(
                    names_match(g, r) and (g.round, g.amount) == (r.round, r.amount) for g in golds
                ):
                    golds.append(r)  # DuEE repeats an event once per trigger word
        yield x["id"], Article(x["id"], "", x["text"], None, "zh"), golds


SETS = {"pages": load_pages, "feed_items": load_feed_items, "english": load_english, "duee": load_duee}
