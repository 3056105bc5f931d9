"""Score extract_rounds on the labelled sets of ../shared (ROUNDS_SPEC.md "Scoring"); prints one block per set.

Run: PYTHONPATH=. python bench/eval_extraction.py [--set pages] [--errors]
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import DUEE_NEGATIVES, DUEE_SEED, SETS, shared_dir  # noqa: E402
from ingest.extract import extract_rounds  # noqa: E402
from ingest.scoring import FIELDS, Tally, score_doc  # noqa: E402


class _Count(logging.Handler):
    """Counts the failures extract_rounds logs (it returns [] instead of raising)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.failures: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.failures.append(record.getMessage())


def evaluate(name: str) -> Tally:
    tally = Tally()
    counter = _Count()
    log = logging.getLogger("ingest.extract")
    log.addHandler(counter)
    log.propagate = False
    try:
        for doc_id, article, golds in SETS[name](shared_dir()):
            score_doc(tally, doc_id, extract_rounds(article), golds, partial_labels=name == "duee")
    finally:
        log.removeHandler(counter)
        log.propagate = True
    tally.failures = counter.failures
    return tally


def report(name: str, t: Tally) -> str:
    p, r, f = t.detection()
    sp, sr, sf = t.strict()
    lines = [
        f"== {name}: {t.docs} docs, {t.gold_news} labelled news rounds, {t.predicted} predicted rounds, "
        f"{len(t.failures)} extraction failures",
        f"   detection P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (TP {t.tp}, FP {t.fp}, misses {t.gold_news - t.tp})",
        f"   strict    P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}   (company + round + amount right: {t.strict_tp})",
        "   strict, labels' 近亿/超亿 amounts read as ROUNDS_SPEC.md reads them: P {:.3f}  R {:.3f}  F1 {:.3f}".format(
            *t.strict(spec_reading=True)
        ),
        "   fields on matched news pairs: "
        + ", ".join(
            f"{k} {v[0]}/{v[1]}" + (f" ({v[0] / v[1]:.2f})" if v[1] else "") for k, v in t.fields.items()
        ),
    ]
    if name == "duee":
        lines.insert(
            1,
            f"   (all 财经/交易-融资 sentences + {DUEE_NEGATIVES} other sentences sampled with seed {DUEE_SEED})",
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    ap.add_argument("--errors", action="store_true", help="list false positives, misses and wrong fields")
    args = ap.parse_args(argv)
    if not (shared_dir() / "corpus/labels").exists():
        print(f"{shared_dir()} has no corpus/labels: set FUNDWATCH_SHARED_DIR", file=sys.stderr)
        return 2
    for name in args.set or list(SETS):
        tally = evaluate(name)
        print(report(name, tally))
        if args.errors:
            print("\n".join("   " + e for e in tally.errors))
    assert set(FIELDS) == set(tally.fields)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
