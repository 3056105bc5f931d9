"""A separate OS process that runs the ingest job over a store (used by test_concurrent_ingest).

python -m tests.db.concurrent_ingest URL START_AT
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

from db.engine import make_engine, make_sessionmaker
from scheduler.ingest_job import ingest_pending

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)


def main(url: str, start_at: float) -> None:
    factory = make_sessionmaker(make_engine(url))
    time.sleep(max(0.0, start_at - time.time()))
    report = ingest_pending(factory, NOW, None)
    print(report.articles, dict(report.errors))


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
