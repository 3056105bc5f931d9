"""A separate OS process that records rounds into a store (used by test_concurrency).

    python -m tests.db.concurrent_writer URL WORKER START_AT
Worker 0 and worker 1 report the same rounds from different articles, naming the companies
differently and in opposite orders, each article in its own short transaction.
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta

from db.engine import make_engine, make_sessionmaker, transaction
from db.rounds import record_round
from ingest.types import RoundCode
from tests.db.factories import T0, article, round_of

COMPANIES = 24
PER_ARTICLE = 3


def names(worker: int) -> list[tuple[str, tuple[str, ...]]]:
    if worker == 0:
        out = [(f"Grid Networks {i}", ()) for i in range(COMPANIES - 1)]
        return [*out, ("ByteDance", ("字节跳动",))]
    out = [(f"GridNetworks{i} Inc.", ()) for i in range(COMPANIES - 1)]
    return list(reversed([*out, ("北京字节跳动科技有限公司", ())]))


def main(url: str, worker: int, start_at: float) -> None:
    factory = make_sessionmaker(make_engine(url))
    todo = names(worker)
    time.sleep(max(0.0, start_at - time.time()))
    for a in range(0, len(todo), PER_ARTICLE):
        with transaction(factory) as s:
            aid = article(s, f"https://outlet{worker}.example/{a}", f"outlet-{worker}")
            for name, aliases in todo[a : a + PER_ARTICLE]:
                r = round_of(
                    name, RoundCode.SERIES_A, 10_000_000 + worker, on=date(2026, 11, 20) + timedelta(worker)
                )
                record_round(
                    s, aid, r.__class__(**{**_fields(r), "company_aliases": aliases}), T0.date(), T0, None
                )


def _fields(r: object) -> dict[str, object]:
    return {f: getattr(r, f) for f in r.__slots__}  # type: ignore[attr-defined]


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
