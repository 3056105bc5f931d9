"""Time ingest.parse.parse (and parse + extract_rounds) against a plain lxml.html.fromstring of the same page.

Run from the repo root:  PYTHONPATH=. python bench/bench_parse.py [--repeat 25]
Prints, for the corpus pages of 50 KB and more in ../shared/corpus/pages/ (read at run time, never copied;
skipped with a message when absent) and for a synthetic ~100 KB news page built here: the median baseline
time, and medians of the per-page ratios parse/baseline and (parse + extract_rounds)/baseline, and of
the extractor's own share (their difference). Each page's callables run in turn within every round, so all
of them see the same machine load; times are the thread's CPU time (time.thread_time), which other jobs on
a busy machine do not inflate (--wall for wall-clock time). --steady N times N calls of each callable in a
row instead (each then pays for freeing its own trees; see docs/parsing.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import lxml.html

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from ingest.parse import parse  # noqa: E402

MIN_SIZE = 50_000
SYNTHETIC_SIZE = 100_000
Run = Callable[[], object]
# Made-up story sentences (fictional companies) for the synthetic page.
STORY = (
    "Brightwater Robotics said on Thursday it had raised a $12 million Series A round led by Example Capital.",
    "Northwind Ventures and two angel investors also joined the round, the company said in a statement.",
    "The startup builds low-cost water-quality sensors that small farms can install without an engineer.",
    "It plans to use the money to hire twenty people and to open an office in Lisbon next spring.",
    "Brightwater was founded in 2021 by two former irrigation engineers and now sells in four countries.",
)


def pages_dir() -> Path:
    shared = Path(os.environ.get("FUNDWATCH_SHARED_DIR", REPO_ROOT.parent / "shared"))
    return shared / "corpus" / "pages"


def synthetic_page(size: int = SYNTHETIC_SIZE) -> bytes:
    """A made-up news page of about `size` bytes: head metadata, scripts, menus, a story, teaser rivers."""
    head = (
        '<meta charset="utf-8"><title>Brightwater raises $12 million | Example Wire</title>'
        '<meta property="og:title" content="Brightwater raises $12 million">'
        '<meta property="og:site_name" content="Example Wire">'
        '<meta property="article:published_time" content="2024-05-02T08:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Brightwater raises $12 million",'
        ' "datePublished": "2024-05-02T08:00:00Z"}</script>'
        "<style>.nav a{color:#333}.story p{margin:0 0 1em}</style>"
    )
    menu = "".join(f'<li class="menu-item"><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
    story = "".join(f"<p>{sentence}</p>" for sentence in STORY * 3)
    icon = '<svg viewBox="0 0 24 24"><path d="M12 2L2 7l10 5 10-5-10-5z"></path></svg>'
    teaser = (
        '<div class="teaser related-item"><a href="/story/{n}">'
        + icon
        + "<h3>Another startup story number {n}"
        "</h3></a><p>A short summary of a different story with a link.</p><span class='byline'>By A. Writer</span>"
        "</div>"
    )
    body = (
        f'<header class="masthead"><nav class="nav"><ul>{menu}</ul></nav></header>'
        f'<main><article><h1>Brightwater raises $12 million</h1><div class="article-body">{story}</div></article>'
        f'<aside class="sidebar">{{river}}</aside></main><footer class="footer"><ul>{menu}</ul></footer>'
        "<script>window.dataLayer = window.dataLayer || []; function track(e) { dataLayer.push(e); }</script>"
    )
    page = f"<!DOCTYPE html><html lang='en'><head>{head}</head><body>{body}</body></html>"
    teasers, count = [], 0
    while len(page.replace("{river}", "".join(teasers))) < size:
        teasers.append(teaser.format(n=count))
        count += 1
    return page.replace("{river}", "".join(teasers)).encode()


def extract_or_none() -> Callable[..., object] | None:
    try:
        from ingest.extract import extract_rounds
    except ImportError:
        return None
    return extract_rounds


CLOCK: list[Callable[[], float]] = [time.thread_time]
# Calls per timed block with --steady (after one untimed call); 1 means plain interleaving.
BLOCK = [1]


def paired_medians(runs: list[Run], repeat: int) -> list[float]:
    """Median seconds of each callable, run in turn within each round so all see the same machine load.

    With BLOCK > 1 each turn is one untimed call and BLOCK timed calls of the same callable in a row (a
    steady state, as a crawl parses page after page): each callable then pays for freeing its own trees
    instead of the previous callable's.
    """
    clock, block = CLOCK[0], BLOCK[0]
    timings: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, samples in zip(runs, timings, strict=True):
            if block > 1:
                run()
            start = clock()
            for _ in range(block):
                run()
            samples.append((clock() - start) / block)
    return [statistics.median(samples) for samples in timings]


def bench(title: str, pages: list[tuple[str, bytes]], repeat: int, *, verbose: bool) -> None:
    extract = extract_or_none()
    header = f"{'page':44} {'KB':>5} {'lxml ms':>8} {'parse':>6}" + ("  +extract" if extract else "")
    if verbose:
        print(header)
    bases, ratios, totals = [], [], []
    for name, data in pages:
        runs: list[Run] = [
            lambda data=data: lxml.html.fromstring(data),
            lambda data=data, name=name: parse(data, name),
        ]
        if extract is not None:
            runs.append(lambda data=data, name=name: extract(parse(data, name)))
        base, ours, *both = paired_medians(runs, repeat)
        bases.append(base)
        ratios.append(ours / base)
        totals += [both[0] / base] if both else []
        if verbose:
            line = f"{name[:44]:44} {len(data) // 1000:5} {base * 1000:8.2f} {ours / base:6.2f}"
            print(line + (f"  {both[0] / base:8.2f}" if both else ""))
    sizes = statistics.median(len(data) for _, data in pages) // 1000
    print(f"\n{title}: {len(pages)} page(s), median {sizes} KB")
    print(f"  baseline lxml.html.fromstring: median {statistics.median(bases) * 1000:.2f} ms")
    print(
        f"  parse / baseline: median {statistics.median(ratios):.2f} (best {min(ratios):.2f}, worst {max(ratios):.2f})"
    )
    if totals:
        print(f"  (parse + extract_rounds) / baseline: median {statistics.median(totals):.2f}")
        extracts = [total - ratio for total, ratio in zip(totals, ratios, strict=True)]
        print(f"    of which extract_rounds alone: median {statistics.median(extracts):.2f}")
    else:
        print("  ingest.extract.extract_rounds is not importable here: parse + extract not timed")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=25, help="paired runs per page; medians are reported")
    options.add_argument("--quiet", action="store_true", help="summaries only, no line per page")
    options.add_argument(
        "--wall", action="store_true", help="wall-clock time instead of the thread's CPU time"
    )
    options.add_argument(
        "--steady",
        type=int,
        default=1,
        metavar="N",
        help="time N calls of each callable in a row (after an untimed one) instead of strict alternation",
    )
    args = options.parse_args()
    if args.wall:
        CLOCK[0] = time.perf_counter
    BLOCK[0] = max(args.steady, 1)
    synthetic = synthetic_page()
    parse(synthetic, "warm-up")  # loads the language model once, as a crawl process would
    extract = extract_or_none()
    if extract is not None:
        extract(parse(synthetic, "warm-up"))  # the extractor loads its tables once too
    folder = pages_dir()
    if folder.is_dir():
        pages = [(path.name, path.read_bytes()) for path in sorted(folder.glob("*.html"))]
        corpus = [(name, data) for name, data in pages if len(data) >= MIN_SIZE]
        bench(f"corpus pages >= {MIN_SIZE // 1000} KB", corpus, args.repeat, verbose=not args.quiet)
    else:
        print(f"corpus skipped: {folder} is missing (the shared data, ../shared, holds the saved pages)")
    bench("synthetic news page", [("synthetic", synthetic)], args.repeat, verbose=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
