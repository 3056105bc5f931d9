"""The dispatcher: due outbox rows are sent once, marked sent, and a failure is kept with backoff."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db import models as m
from db.engine import transaction
from db.outbox import claim, list_outbox
from fundwatch.settings import Settings
from fundwatch.store import Store
from scheduler.alert_message import SourceLink
from scheduler.alert_rule import AlertPolicy, Watchlist
from scheduler.alerts import dispatch_pending
from scheduler.channels import Channel
from scheduler.channels.console import ConsoleChannel
from scheduler.channels.jsonl import JsonlChannel, keys_in
from tests.scheduler.rounds_fixture import add_round

POLICY = AlertPolicy(channels=("console", "jsonl"))


def settings_for(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"FUNDWATCH_ALERTS_JSONL": str(tmp_path / "alerts.jsonl"), **env})


def channels(tmp_path: Path, out: io.StringIO) -> dict[str, Channel]:
    return {"console": ConsoleChannel(out), "jsonl": JsonlChannel(tmp_path / "alerts.jsonl")}


def test_due_alerts_are_sent_once_and_marked_sent(store: Store, now: datetime, tmp_path: Path) -> None:
    big = add_round(
        store.sessions, now, POLICY, company="Acme Robotics", amount_m=150, url="https://a.example/1"
    )
    add_round(store.sessions, now, POLICY, company="Tiny Co", amount_m=5, url="https://a.example/2")
    out = io.StringIO()
    report = dispatch_pending(store.sessions, now, settings_for(tmp_path), channels(tmp_path, out))
    assert sorted(s.channel for s in report.sent) == ["console", "jsonl"]
    assert "Acme Robotics" in out.getvalue() and "https://a.example/1" in out.getvalue()
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert [json.loads(x)["idempotency_key"] for x in lines] == [f"fundwatch-round-{big}-jsonl"]
    with store.sessions() as session:
        assert {(r.status, r.attempts) for r in list_outbox(session)} == {("sent", 1)}
    again = dispatch_pending(
        store.sessions, now + timedelta(days=1), settings_for(tmp_path), channels(tmp_path, out)
    )
    assert again.sent == [] and len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1


def test_round_crossing_threshold_alerts_once_and_updates_do_not_realert(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    """Merged amount: the figure most reports agree on (a tie keeps the earliest one)."""

    def report(amount_m: int, outlet: str) -> None:
        url = f"https://{outlet}.example/acme"
        add_round(
            store.sessions, now, POLICY, company="Acme Robotics", amount_m=amount_m, url=url, outlet=outlet
        )

    def dispatch() -> list[tuple[SourceLink, ...]]:
        report = dispatch_pending(
            store.sessions, now, settings_for(tmp_path), channels(tmp_path, io.StringIO())
        )
        return [s.message.sources for s in report.sent if s.channel == "jsonl"]

    report(80, "a")
    report(120, "b")
    assert dispatch() == []
    report(120, "c")
    [sources] = dispatch()
    assert [s.outlet for s in sources] == ["a", "b", "c"]
    report(120, "d")
    report(130, "e")
    assert dispatch() == []
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1


def test_failure_is_kept_and_retried_with_growing_backoff(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    add_round(store.sessions, now, POLICY, company="Acme Robotics", amount_m=150, url="https://a.example/1")
    settings = settings_for(tmp_path, FUNDWATCH_ALERT_BACKOFF="60")
    broken = {"jsonl": JsonlChannel(tmp_path)}  # a directory: every append fails with a real OSError
    first = dispatch_pending(store.sessions, now, settings, broken)
    assert [(f.attempts, f.retry_at - now) for f in first.failed] == [(1, timedelta(seconds=60))]
    assert dispatch_pending(store.sessions, now + timedelta(seconds=59), settings, broken).failed == []
    second = dispatch_pending(store.sessions, now + timedelta(seconds=60), settings, broken)
    assert [(f.attempts, f.retry_at - now) for f in second.failed] == [(2, timedelta(seconds=180))]
    with store.sessions() as session:
        row = next(r for r in list_outbox(session) if r.channel == "jsonl")
    assert row.status == "pending" and row.last_error and "cannot append" in row.last_error
    fixed = {"jsonl": JsonlChannel(tmp_path / "alerts.jsonl")}
    assert len(dispatch_pending(store.sessions, now + timedelta(seconds=180), settings, fixed).sent) == 1


def test_crash_between_send_and_mark_resends_after_the_lease(
    store: Store, now: datetime, tmp_path: Path
) -> None:
    """The one repeat the outbox allows; the JSON Lines channel drops it by key, others carry the key."""
    lease = timedelta(seconds=settings_for(tmp_path).channels.claim_lease_s)
    add_round(store.sessions, now, POLICY, company="Acme Robotics", amount_m=150, url="https://a.example/1")
    out = io.StringIO()
    first = dispatch_pending(store.sessions, now, settings_for(tmp_path), channels(tmp_path, out))
    assert len(first.sent) == 2
    with transaction(store.sessions) as session:  # undo the marks: as if the process died before them
        session.execute(
            m.AlertOutbox.__table__.update().values(status="sending", next_attempt_at=now + lease)
        )
    assert dispatch_pending(store.sessions, now, settings_for(tmp_path), channels(tmp_path, out)).sent == []
    later = now + lease
    again = dispatch_pending(store.sessions, later, settings_for(tmp_path), channels(tmp_path, out))
    assert sorted(s.message.idempotency_key for s in again.sent) == sorted(
        s.message.idempotency_key for s in first.sent
    )
    assert len((tmp_path / "alerts.jsonl").read_text().splitlines()) == 1


def test_a_row_is_claimed_by_one_dispatcher_only(store: Store, now: datetime) -> None:
    add_round(store.sessions, now, POLICY, company="Acme Robotics", amount_m=150, url="https://a.example/1")
    with store.sessions() as session:
        row_id = session.execute(select(m.AlertOutbox.id).limit(1)).scalar_one()
    results = []
    for _ in range(2):
        with transaction(store.sessions) as session:
            results.append(claim(session, row_id, now, now + timedelta(minutes=2)))
    assert results == [True, False]


def test_rows_of_an_unconfigured_channel_stay_pending(store: Store, now: datetime, tmp_path: Path) -> None:
    add_round(store.sessions, now, POLICY, company="Acme Robotics", amount_m=150, url="https://a.example/1")
    report = dispatch_pending(
        store.sessions, now, settings_for(tmp_path), {"console": ConsoleChannel(io.StringIO())}
    )
    assert len(report.sent) == 1 and report.skipped == {"channel jsonl not configured": 1}
    with store.sessions() as session:
        assert sorted(r.status for r in list_outbox(session)) == ["pending", "sent"]


def test_watchlist_alerts_a_small_round_of_a_watched_investor(store: Store, now: datetime) -> None:
    policy = replace(POLICY, watchlist=Watchlist(investors=("sequoia",)))
    add_round(
        store.sessions,
        now,
        policy,
        company="Small A",
        amount_m=8,
        url="https://a.example/1",
        leads=("Sequoia China",),
    )
    add_round(
        store.sessions,
        now,
        policy,
        company="Small B",
        amount_m=8,
        url="https://a.example/2",
        leads=("Other",),
    )
    with store.sessions() as session:
        companies = session.execute(
            select(m.Company.name)
            .join(m.Round, m.Round.company_id == m.Company.id)
            .join(m.AlertOutbox, m.AlertOutbox.round_id == m.Round.id)
        ).scalars()
        assert set(companies) == {"Small A"}


def test_jsonl_ignores_a_torn_last_line(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_text('{"idempotency_key": "a"}\n{"idempotency_key": "b"')
    assert keys_in(path) == {"a"}
