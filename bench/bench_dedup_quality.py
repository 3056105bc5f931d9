"""Score the merge decisions: pairwise precision and recall of "same company" and "same round".

TechCrunch CSV vs Crunchbase 2013 (ground truth as ../shared/datasets/SOURCES.md defines it: the same
permalink is the same company; the same company within 90 days with amounts within 20% is the same
round), and the Indian dataset's name variants (names equal once case, spaces and punctuation are
ignored are the same startup). Both files are imported into a fresh SQLite store with `fundwatch
import`'s code path; only cross-source pairs are scored for TechCrunch vs Crunchbase.

Each score is printed twice: against the mechanical truth above, and against it corrected by the
hand review in bench/dedup_review.toml (companies a file knows under two permalinks or spellings;
the file says how its candidates were found and judged).

    PYTHONPATH=. python bench/bench_dedup_quality.py
"""

from __future__ import annotations

import csv
import io
import re
import sys
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from db import models as m  # noqa: E402
from db.engine import transaction  # noqa: E402
from db.importer import import_file  # noqa: E402
from fundwatch.store import open_store  # noqa: E402
from ingest.imports import PRESETS, decode  # noqa: E402
from tests.shared_data import shared_dir  # noqa: E402

NOW = datetime(2026, 11, 27, tzinfo=UTC)
REVIEW = Path(__file__).with_name("dedup_review.toml")


def review() -> dict[str, list[dict[str, object]]]:
    return tomllib.loads(REVIEW.read_text(encoding="utf-8"))


def pair_scores(items: Iterable[tuple[object, object, object]]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted pairs, true pairs) over cross pairs given (side, truth, pred)."""
    items = list(items)
    by = {s: Counter() for s in ("tc", "cb")}  # type: dict[str, Counter[tuple[str, object]]]
    for side, truth, pred in items:
        by[side][("t", truth)] += 1
        by[side][("p", pred)] += 1
        by[side][("tp", (truth, pred))] += 1
    a, b = by["tc"], by["cb"]

    def cross(kind: str) -> int:
        return sum(n * b[(kind, k)] for (k0, k), n in a.items() if k0 == kind)

    tp, pred, truth = cross("tp"), cross("p"), cross("t")
    return tp / pred if pred else 1.0, tp / truth if truth else 1.0, pred, truth


def import_rows(store, path: Path, fmt: str) -> dict[int, tuple[int, int]]:  # type: ignore[no-untyped-def]
    """Import a file; line -> (company id, round id) of the mention its row became."""
    with transaction(store.sessions) as s:
        import_file(s, path, PRESETS[fmt], fmt, NOW)
    with store.sessions() as s:
        f = s.execute(select(m.ImportFile.id).where(m.ImportFile.name == path.name)).scalar_one()
        q = (
            select(m.RoundMention.import_line, m.Round.company_id, m.Round.id)
            .join(m.Round, m.Round.id == m.RoundMention.round_id)
            .where(m.RoundMention.import_file_id == f)
        )
        return {line: (cid, rid) for line, cid, rid in s.execute(q)}


def raw_rows(path: Path, encoding: str) -> Iterable[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(decode(path.read_bytes(), encoding), newline=""))
    for row in reader:
        yield reader.line_num, row


def _date(text: str, fmt: str) -> date | None:
    try:
        return datetime.strptime(text, fmt).date()
    except ValueError:
        return None


def slug(permalink: str) -> str:
    """Crunchbase gives one company several slugs (simplyhired / simply-hired, genius / genius-com)."""
    return re.sub(r"-(com|inc|\d+)$", "", permalink).replace("-", "")


def techcrunch_vs_crunchbase(store) -> None:  # type: ignore[no-untyped-def]
    base = shared_dir() / "datasets"
    tc_path = base / "techcrunch_continental_usa" / "TechCrunchcontinentalUSA.csv"
    cb_path = base / "crunchbase_2013_oct" / "crunchbase-rounds.csv"
    tc_ids, cb_ids = import_rows(store, tc_path, "techcrunch"), import_rows(store, cb_path, "crunchbase2013")
    recs = []  # (side, permalink, date, amount, company id, round id)
    for line, row in raw_rows(tc_path, "latin-1"):
        if line in tc_ids:
            d, amt = _date(row["fundedDate"], "%d-%b-%y"), float(row["raisedAmt"] or 0)
            recs.append(("tc", row["permalink"], d, amt, *tc_ids[line]))
    for line, row in raw_rows(cb_path, "mac_roman"):
        if line in cb_ids:
            d, amt = _date(row["funded_at"], "%Y-%m-%d"), float(row["raised_amount_usd"] or 0)
            recs.append(("cb", row["company_permalink"].rsplit("/", 1)[-1], d, amt, *cb_ids[line]))
    same = {slug(str(x["cb"])): slug(str(x["tc"])) for x in review()["techcrunch_crunchbase"]}
    in_cb = {slug(x[1]) for x in recs if x[0] == "cb"}
    # "labelled": only TechCrunch companies whose slug Crunchbase has. For the others the truth
    # only assumes that no Crunchbase row is the same company; the review shows 37 of those 89 are
    # there under another permalink (twine / radar-networks).
    labelled = [x for x in recs if x[0] == "cb" or slug(x[1]) in in_cb]
    for truth, key, rows in (
        ("permalink", lambda p: p, recs),
        ("slug", slug, recs),
        ("labelled", slug, labelled),
        ("reviewed", lambda p: same.get(slug(p), slug(p)), recs),
    ):
        companies = {(r[0], key(r[1])): r[4] for r in rows}
        p, r, npred, ntrue = pair_scores((side, perma, cid) for (side, perma), cid in companies.items())
        print(
            f"same company  TechCrunch x Crunchbase 2013, truth by {truth:9}: precision {p:.4f}  recall {r:.4f}  ({npred} predicted, {ntrue} true pairs)"
        )
        keyed = [(x[0], key(x[1]), *x[2:]) for x in rows]
        p, r, npred, ntrue = round_scores(keyed)
        print(
            f"same round    TechCrunch x Crunchbase 2013, truth by {truth:9}: precision {p:.4f}  recall {r:.4f}  ({npred} predicted, {ntrue} true pairs)"
        )


def round_scores(recs: list[tuple]) -> tuple[float, float, int, int]:  # type: ignore[type-arg]
    tc = [x for x in recs if x[0] == "tc"]
    cb_by_perma: dict[str, list[tuple]] = {}  # type: ignore[type-arg]
    cb_by_round: dict[int, list[tuple]] = {}  # type: ignore[type-arg]
    for x in recs:
        if x[0] == "cb":
            cb_by_perma.setdefault(x[1], []).append(x)
            cb_by_round.setdefault(x[5], []).append(x)
    true = {(id(t), id(c)) for t in tc for c in cb_by_perma.get(t[1], []) if _truly_same(t, c)}
    pred = {(id(t), id(c)) for t in tc for c in cb_by_round.get(t[5], [])}
    tp = len(true & pred)
    return tp / len(pred) if pred else 1.0, tp / len(true) if true else 1.0, len(pred), len(true)


def _truly_same(t: tuple, c: tuple) -> bool:  # type: ignore[type-arg]
    if not (t[2] and c[2] and t[3] and c[3]):
        return False
    return abs((t[2] - c[2]).days) <= 90 and abs(t[3] - c[3]) / max(t[3], c[3]) <= 0.2


def india_variants(store) -> None:  # type: ignore[no-untyped-def]
    path = shared_dir() / "datasets" / "india_startup_funding" / "startup_funding.csv"
    ids = import_rows(store, path, "india")
    names = {}
    for line, row in raw_rows(path, "cp1252"):
        if line in ids:
            names[row["StartupName"]] = ids[line][0]
    reviewed = {k: str(x["keys"][0]) for x in review()["india"] for k in x["keys"]}  # type: ignore[union-attr]
    for label, truth in (
        ("spelling", {n: _spelling(n) for n in names}),
        ("reviewed", {n: reviewed.get(_spelling(n), _spelling(n)) for n in names}),
    ):
        groups = Counter(truth.values())
        variants = sum(1 for g in groups.values() if g > 1)
        items = [("tc", truth[n], names[n]) for n in names] + [("cb", truth[n], names[n]) for n in names]
        p, r, npred, ntrue = pair_scores(items)
        n = len(names)
        # every name paired with itself appears once per side: remove those n self-pairs
        p2 = (p * npred - n) / (npred - n) if npred > n else 1.0
        r2 = (r * ntrue - n) / (ntrue - n) if ntrue > n else 1.0
        print(
            f"same company  Indian name variants, truth by {label} ({variants} groups): precision {p2:.4f}  recall {r2:.4f}"
        )


def _spelling(name: str) -> str:
    """The Indian file's names, ignoring only spelling: escaped bytes, case, spaces, punctuation, a
    '.com' and 'Pvt. Ltd.' (written independently of ingest.dedupe, to check it)."""
    text = re.sub(r"(\\+x[0-9a-f]{2})+", lambda m: _unescape(m[0]), name, flags=re.I).casefold()
    text = re.sub(r"\.com$|\b(pvt\.?|private)?\s*(ltd\.?|limited)$", "", text.strip())
    return re.sub(r"[\W_]+", "", text)


def _unescape(text: str) -> str:
    return bytes.fromhex("".join(re.findall(r"x([0-9a-fA-F]{2})", text))).decode("utf-8", "replace")


def main() -> None:
    if not (shared_dir() / "datasets").is_dir():
        sys.exit(f"{shared_dir()} is missing: the shared datasets are needed")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/quality.db")
        techcrunch_vs_crunchbase(store)
        india_variants(open_store(f"sqlite:///{tmp}/india.db"))


if __name__ == "__main__":
    main()
