"""`fundwatch alerts`, `jobs` and `schedule` from the command line: output, and one-line refusals."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from db.engine import transaction
from db.job_runs import finish_run, start_run
from fundwatch.cli import main
from fundwatch.store import Store
from scheduler.alert_rule import AlertPolicy
from tests.scheduler.rounds_fixture import add_round


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["fundwatch", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    out, err = capsys.readouterr()
    return int(exit_.value.code or 0), out, err


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, store_url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("FUNDWATCH_DATABASE_URL", store_url)
    monkeypatch.setenv("FUNDWATCH_ALERTS_JSONL", str(tmp_path / "alerts.jsonl"))
    monkeypatch.delenv("FUNDWATCH_ALERT_CHANNELS", raising=False)


@pytest.mark.usefixtures("env")
def test_alerts_sends_then_lists(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC) - timedelta(minutes=1)  # the command reads the real clock
    add_round(store.sessions, now, AlertPolicy(max_age_days=None), company="Acme Robotics", amount_m=150,
              url="https://a.example/1")  # fmt: skip
    code, out, _ = run_cli(monkeypatch, capsys, "alerts")
    assert code == 0 and "Acme Robotics" in out and "2 sent, 0 failed" in out
    code, out, _ = run_cli(monkeypatch, capsys, "alerts", "--list")
    assert out.count(" sent ") == 2
    assert run_cli(monkeypatch, capsys, "alerts")[1].strip().endswith("0 sent, 0 failed")


@pytest.mark.usefixtures("env")
def test_jobs_lists_recent_runs(
    store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with transaction(store.sessions) as session:
        start_run(session, "nightly-crawl", "nightly-crawl:1", now)
        finish_run(session, "nightly-crawl:1", now, "ok", {"ingest": {"rounds_new": 3}}, None)
    code, out, _ = run_cli(monkeypatch, capsys, "jobs")
    assert code == 0 and "nightly-crawl" in out and "rounds_new=3" in out


@pytest.mark.parametrize(
    ("var", "value"),
    [
        pytest.param("FUNDWATCH_CRAWL_CRON", "61 * * * *", id="bad-cron"),
        pytest.param("FUNDWATCH_ALERT_CHANNELS", "console,fax", id="unknown-channel"),
        pytest.param("FUNDWATCH_ALERT_CHANNELS", "email", id="missing-smtp-host"),
    ],
)
@pytest.mark.usefixtures("env")
def test_schedule_refuses_bad_configuration_in_one_line(
    var: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(var, value)
    code, _, err = run_cli(monkeypatch, capsys, "schedule")
    assert code == 2 and err.count("\n") == 1 and ("FUNDWATCH_SMTP_HOST" if value == "email" else var) in err
