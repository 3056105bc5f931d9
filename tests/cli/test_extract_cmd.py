"""The `fundwatch extract --jsonl` contract: one output line per input line, in order; bad lines get
an error and the batch goes on; exit 0 unless the command itself is misused (issue 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = [sys.executable, "-m", "fundwatch"]

ARTICLE = (
    "Acme Robotics, a warehouse automation startup, has raised $40 million in a Series B round led by "
    "Example Ventures, with participation from Sample Capital."
)


def run(args: list[str], stdin: str = "", cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(RUN + args, input=stdin, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_jsonl_contract() -> None:
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2024-03-05"}),
        "{not json",
        json.dumps({"id": 7}),
        json.dumps(
            {
                "id": "b",
                "html": f"<html><body><article><p>{ARTICLE}</p></article></body></html>",
                "url": "https://news.test/acme",
            }
        ),
        json.dumps({"id": "c", "text": "A quiet day in the markets."}),
        json.dumps({"id": "d", "text": ARTICLE, "published": "last week"}),
    ]
    proc = run(["extract", "--jsonl"], "\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", None, 7, "b", "c", "d"]
    assert "error" in out[1] and "error" in out[2] and "error" in out[5]
    assert out[4] == {"id": "c", "rounds": []}
    for o in (out[0], out[3]):
        (r,) = o["rounds"]
        assert (r["company"], r["round"], r["amount"], r["currency"]) == (
            "Acme Robotics",
            "series_b",
            40_000_000,
            "USD",
        )
        assert r["lead_investors"] == ["Example Ventures"]
    assert out[0]["rounds"][0]["announced_on"] == "2024-03-05"


def test_files_and_misuse(tmp_path: Path) -> None:
    page = tmp_path / "acme.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    proc = run(["extract", str(page), "--published", "2024-03-05"])
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["company"] == "Acme Robotics"
    two = run(["extract", str(page), str(page)])
    assert [x["file"] for x in json.loads(two.stdout)] == [str(page), str(page)]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["extract"], id="nothing-to-read"),
        pytest.param(["extract", "--jsonl", "x.html"], id="both"),
        pytest.param(["extract", "/no/such/file.html"], id="missing-file"),
        pytest.param(["rounds", "--limit", "zero"], id="bad-option"),
    ],
)
def test_misuse_is_one_line_and_nonzero(args: list[str], tmp_path: Path) -> None:
    proc = run(args, cwd=tmp_path)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip()


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    env_url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    proc = subprocess.run(
        RUN + ["rounds"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "FUNDWATCH_DATABASE_URL": env_url},
        cwd=tmp_path,
    )
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
