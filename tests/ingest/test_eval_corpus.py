"""Regression floors on the labelled sets of ../shared (figures in docs/extraction.md, set a little below them).

A change that lowers detection or strict F1 below these floors fails; raise the floors when figures improve.
"""

from __future__ import annotations

import pytest

from tests.shared_data import require_shared

# set: (detection F1, strict F1, detection precision)
FLOORS = {
    "pages": (0.97, 0.80, 0.97),
    "feed_items": (0.95, 0.92, 0.97),
    "english": (0.97, 0.97, 0.97),
    "duee": (0.95, 0.90, 0.98),
}


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labelled_set_floor(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    base = require_shared("corpus", "labels")
    monkeypatch.setenv("FUNDWATCH_SHARED_DIR", str(base.parents[1]))
    from bench.eval_extraction import evaluate

    tally = evaluate(name)
    assert tally.failures == [], f"extract_rounds failed on {len(tally.failures)} {name} documents"
    det_f1, strict_f1, det_p = FLOORS[name]
    p, _, f1 = tally.detection()
    assert f1 >= det_f1, f"{name}: detection F1 {f1:.3f} fell below {det_f1}"
    assert tally.strict()[2] >= strict_f1, f"{name}: strict F1 {tally.strict()[2]:.3f} fell below {strict_f1}"
    assert p >= det_p, f"{name}: detection precision {p:.3f} fell below {det_p}"
