"""Recording cost: `fundwatch ingest` of N stored bench-mirror pages against parsing and extracting them.

    PYTHONPATH=. python bench/bench_record.py [--pages 1500] [--profile]

Stores N pages of bench_crawl's mirror (one round each) in a fresh SQLite store, then times, in
this run and in CPU seconds: parse + extract_rounds of every page (the baseline), and
ingest_pending of them all (load, parse, extract, record). Recording is the difference; it prints
both per page, their ratio, and the SQL statements sent per page (an event listener counts them).
`--profile` adds a cProfile listing of the ingest.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event  # noqa: E402

from bench.bench_crawl import article_page  # noqa: E402
from db.engine import transaction  # noqa: E402
from db.repository import ensure_source, store_pages  # noqa: E402
from fundwatch.settings import Settings  # noqa: E402
from fundwatch.store import open_store  # noqa: E402
from ingest.extract import extract_rounds  # noqa: E402
from ingest.parse import parse  # noqa: E402
from ingest.types import RawPage  # noqa: E402
from scheduler.ingest_job import ingest_pending  # noqa: E402

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    n = args.pages
    pages = [
        RawPage(f"https://mirror.test/a/{i}.html", article_page(i, random.Random(i)), NOW, "mirror")
        for i in range(n)
    ]
    with tempfile.TemporaryDirectory() as d:
        store = open_store(f"sqlite:///{d}/record.db")
        with transaction(store.sessions) as session:
            store_pages(session, pages, ensure_source(session, "mirror", NOW), compresslevel=1)
        sent: Counter[str] = Counter()
        event.listen(
            store.engine, "before_cursor_execute", lambda _c, _cu, sql, *_a: sent.update([sql.split()[0]])
        )
        t0 = time.process_time()
        for p in pages:
            extract_rounds(parse(p.html, p.url))
        extract_s = time.process_time() - t0
        profile = cProfile.Profile() if args.profile else None
        t0 = time.process_time()
        if profile:
            profile.enable()
        report = ingest_pending(store.sessions, NOW, Settings().alert_policy)
        if profile:
            profile.disable()
        ingest_s = time.process_time() - t0
        store.engine.dispose()
    record_s = ingest_s - extract_s
    print(f"{n} pages, {report.rounds_new} rounds new, errors {dict(report.errors)}")
    print(f"parse + extract (baseline): {extract_s / n * 1e3:6.2f} ms/page CPU")
    print(f"ingest (load, parse, extract, record): {ingest_s / n * 1e3:6.2f} ms/page CPU")
    print(
        f"recording: {record_s / n * 1e3:6.2f} ms/page, ratio to parse + extract {record_s / extract_s:.2f}"
    )
    print(f"SQL statements per page: {sum(sent.values()) / n:.1f} {dict(sent)}")
    if profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
