"""Time ingest.parse.parse against a plain lxml.html.fromstring of the same pages (ratio, same run).

Run from the repo root:  PYTHONPATH=. python bench/bench_parse.py [--repeat 25]
Uses the saved pages in ../shared/corpus/pages/ (read at run time, never copied); skips without them.
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

# Full pages around 100 KB (50–350 KB); feed fragments are too small to say anything about the hot path.
MIN_SIZE, MAX_SIZE = 50_000, 350_000


def pages_dir() -> Path:
    shared = Path(os.environ.get("FUNDWATCH_SHARED_DIR", REPO_ROOT.parent / "shared"))
    return shared / "corpus" / "pages"


def paired_medians_ms(runs: list[Callable[[], object]], repeat: int) -> list[float]:
    """Median ms of each callable, run in turn within each round so all see the same machine load."""
    timings: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, samples in zip(runs, timings, strict=True):
            start = time.perf_counter()
            run()
            samples.append(time.perf_counter() - start)
    return [statistics.median(samples) * 1000 for samples in timings]


def extract_or_none() -> Callable[..., object] | None:
    try:
        from ingest.extract import extract_rounds  # type: ignore[import-not-found]
    except ImportError:
        return None
    return extract_rounds


def bench(pages: list[tuple[str, bytes]], repeat: int) -> None:
    extract = extract_or_none()
    parse(pages[0][1], "warm-up")  # loads the language model once, as a crawl process would
    header = f"{'page':48} {'KB':>5} {'lxml ms':>8} {'parse ms':>9} {'ratio':>6}"
    print(header + ("  parse+extract ms  ratio" if extract else ""))
    ratios, totals = [], []
    for name, data in pages:
        runs: list[Callable[[], object]] = [
            lambda data=data: lxml.html.fromstring(data),
            lambda data=data, name=name: parse(data, name),
        ]
        if extract is not None:
            runs.append(lambda data=data, name=name: extract(parse(data, name)))
        base, ours, *both = paired_medians_ms(runs, repeat)
        ratios.append(ours / base)
        line = f"{name[:48]:48} {len(data) // 1000:5} {base:8.2f} {ours:9.2f} {ours / base:6.2f}"
        if both:
            totals.append(both[0] / base)
            line += f"  {both[0]:16.2f}  {both[0] / base:5.2f}"
        print(line)
    print(
        f"\nmedian ratio parse / lxml.html.fromstring over {len(pages)} pages: {statistics.median(ratios):.2f}"
    )
    print(f"best / worst page ratio: {min(ratios):.2f} / {max(ratios):.2f}")
    if totals:
        print(f"median ratio parse+extract / lxml.html.fromstring: {statistics.median(totals):.2f}")
    else:
        print("ingest.extract.extract_rounds not on this branch: parse+extract not timed")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=25, help="runs per page; the median is reported")
    args = options.parse_args()
    folder = pages_dir()
    if not folder.is_dir():
        print(f"skipped: {folder} is missing (the shared corpus, ../shared, is needed for this benchmark)")
        return 0
    pages = [(path.name, path.read_bytes()) for path in sorted(folder.glob("*.html"))]
    pages = [(name, data) for name, data in pages if MIN_SIZE <= len(data) <= MAX_SIZE]
    bench(pages, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
