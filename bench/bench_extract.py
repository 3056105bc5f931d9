"""Extraction speed, as ratios against baselines measured in the same run.

1. extract_rounds on ~5 KB article texts (the labelled corpus, cut or joined to 5 KB): articles/s, against
   the 200 articles/s requirement and against a plain lxml parse of the same text as HTML.
2. parse + extract of ~100 KB pages against a plain lxml.html.fromstring of the same pages (limit: 2x).

Run: PYTHONPATH=. python bench/bench_extract.py [--repeat 5] [--wall]
Times are the thread's CPU time (other jobs on the shared machine do not inflate it); --wall for wall-clock.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import SETS, shared_dir  # noqa: E402
from ingest.extract import extract_rounds  # noqa: E402
from ingest.parse import parse  # noqa: E402
from ingest.types import Article  # noqa: E402

TEXT_SIZE = 5000
PAGE_RANGE = (70_000, 150_000)


def five_kb_articles() -> list[Article]:
    """Corpus article texts joined and cut into ~5 KB articles (the typical news body size)."""
    base = shared_dir()
    texts = [a.text for name in ("feed_items", "english", "pages") for _, a, _ in SETS[name](base) if a.text]
    pool = "\n".join(texts)
    chunks = [pool[i : i + TEXT_SIZE] for i in range(0, len(pool) - TEXT_SIZE, TEXT_SIZE)]
    return [Article(f"bench:{i}", "", c, None) for i, c in enumerate(chunks)]


def pages_100kb() -> list[tuple[str, bytes]]:
    folder = shared_dir() / "corpus/pages"
    return [
        (p.name, p.read_bytes())
        for p in sorted(folder.iterdir())
        if PAGE_RANGE[0] <= p.stat().st_size <= PAGE_RANGE[1]
    ]


def medians(
    repeat: int, runs: dict[str, Callable[[], object]], clock: Callable[[], float] = time.thread_time
) -> dict[str, float]:
    """Median time of each run, the runs interleaved so that machine load hits them alike.

    The thread's CPU time by default, which other jobs on the (shared, 2-core) machine do not inflate, as in
    bench_parse.py; `time.perf_counter` for wall-clock time.
    """
    times: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            start = clock()
            run()
            times[name].append(clock() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--wall", action="store_true", help="wall-clock time instead of the thread's CPU time")
    args = ap.parse_args(argv)
    articles = five_kb_articles()
    for a in articles[:20]:
        extract_rounds(a)  # warm up: the ECB table loads once per process (~1 s), regexes compile
    pages = pages_100kb()
    parsed = [parse(html, name) for name, html in pages]
    t = medians(
        args.repeat,
        {
            "extract": lambda: [extract_rounds(a) for a in articles],
            "lxml": lambda: [lxml.html.fromstring(html) for _, html in pages],
            "parse": lambda: [parse(html, name) for name, html in pages],
            "parse+extract": lambda: [extract_rounds(parse(html, name)) for name, html in pages],
            "extract-pages": lambda: [extract_rounds(a) for a in parsed],
        },
        time.perf_counter if args.wall else time.thread_time,
    )
    rate = len(articles) / t["extract"]
    per_page = t["lxml"] / len(pages)
    print(f"extract_rounds on {len(articles)} texts of {TEXT_SIZE} chars: {rate:,.0f} articles/s")
    print(f"   ratio to the 200 articles/s requirement: {rate / 200:.2f}x")
    print(f"   one 5 KB extraction costs {1 / rate / per_page:.2f}x a plain lxml parse of a 100 KB page")
    size = sum(len(h) for _, h in pages) // max(len(pages), 1) // 1000
    print(
        f"{len(pages)} pages of ~{size} KB: plain lxml.html.fromstring {1000 * per_page:.2f} ms/page (baseline)"
    )
    print(f"   ingest.parse alone: {t['parse'] / t['lxml']:.2f}x the baseline")
    print(f"   extract_rounds alone on the pages' text: {t['extract-pages'] / t['lxml']:.2f}x the baseline")
    print(
        f"   ingest.parse + extract_rounds: {t['parse+extract'] / t['lxml']:.2f}x the baseline (limit 2.00x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
