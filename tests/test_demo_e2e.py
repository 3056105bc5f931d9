"""End to end: the demo pipeline over the bundled site stores what the site says, alerts once per large
new round, and a second run adds nothing (issue 2, "The demo")."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import func, select

from db import models as m
from db.queries import RoundFilter, list_rounds
from fundwatch.demo.run import run_demo
from fundwatch.demo.server import SITE_DIR
from fundwatch.settings import Settings
from fundwatch.store import open_store
from ingest.dedupe import company_key
from ingest.fx import to_usd

pytestmark = pytest.mark.slow

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
EXPECTED = json.loads((SITE_DIR / "expected.json").read_text(encoding="utf-8"))


def news_rounds() -> list[dict[str, object]]:
    return [r for a in EXPECTED for r in a["rounds"] if not r["background"]]


def expected_alert_companies(threshold: Decimal) -> set[str]:
    out = set()
    for r in news_rounds():
        if r["status"] != "announced" or r["amount"] is None:
            continue
        amount = Decimal(str(r["amount"]))
        usd = (
            amount
            if r["currency"] == "USD"
            else to_usd(amount, str(r["currency"]), date.fromisoformat(str(r["announced_on"])))
        )
        if usd is not None and usd >= threshold:
            out.add(company_key(str(r["company"])))
    return out


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, object, object]:
    tmp = tmp_path_factory.mktemp("demo")
    settings = replace(
        Settings.from_env({}),
        database_url=f"sqlite:///{tmp / 'fundwatch.db'}",
        alerts_jsonl=tmp / "alerts.jsonl",
    )
    console = Console(file=(tmp / "console.txt").open("w"), width=160)
    first = run_demo(settings, NOW, console, workdir=tmp)
    second = run_demo(settings, NOW, console, workdir=tmp)
    return settings, first, second


def test_every_article_is_stored_once(demo_runs) -> None:  # type: ignore[no-untyped-def]
    settings, first, second = demo_runs
    store = open_store(settings.database_url)
    with store.sessions() as s:
        urls = list(s.execute(select(m.Article.url)).scalars())
        errors = list(s.execute(select(m.Article.url).where(m.Article.extract_error.is_not(None))).scalars())
        credited = s.execute(select(func.sum(m.CrawlStat.rounds_found))).scalar_one()
    assert sorted(u.split("/", 3)[3] for u in urls) == sorted(a["path"] for a in EXPECTED)
    assert errors == []
    assert first.sources == 2 and first.pages_stored == len(EXPECTED)
    assert credited == sum(first.ingest.rounds_by_source.values()) > 0, "rounds found per source per run"


def test_rounds_match_the_site(demo_runs) -> None:  # type: ignore[no-untyped-def]
    settings, _, _ = demo_runs
    store = open_store(settings.database_url)
    with store.sessions() as s:
        stored = {(company_key(r.company), r.round_code): r for r in list_rounds(s, RoundFilter(limit=None))}
    for r in news_rounds():
        key = (company_key(str(r["company"])), str(r["round"]))
        assert key in stored, f"news round {key} of the demo site was not stored"
        if r["amount"] is not None and r["status"] == "announced":
            assert stored[key].currency == r["currency"], key
    wayve = stored[(company_key("Wayve"), "series_c")]
    assert wayve.source_count == 2 and len(wayve.sources) == 2, "two outlets, one round, both sources kept"
    assert len({k for k in stored}) == len(stored)


def test_alerts_once_per_large_round(demo_runs) -> None:  # type: ignore[no-untyped-def]
    settings, first, _ = demo_runs
    lines = [json.loads(x) for x in Path(settings.alerts_jsonl).read_text(encoding="utf-8").splitlines()]
    alerted = [company_key(x["company"]) for x in lines]
    assert len(alerted) == len(set(alerted)), "an alert was sent twice"
    assert set(alerted) == expected_alert_companies(settings.alert_policy.threshold_usd)
    assert first.alerts_sent == len(lines)


def test_second_run_adds_nothing(demo_runs) -> None:  # type: ignore[no-untyped-def]
    settings, first, second = demo_runs
    assert first.ingest.rounds_new > 0
    assert (second.ingest.rounds_new, second.ingest.rounds_updated, second.alerts_sent) == (0, 0, 0)
    assert second.pages_stored == 0
    store = open_store(settings.database_url)
    with store.sessions() as s:
        outbox = s.execute(select(func.count()).select_from(m.AlertOutbox)).scalar_one()
    assert outbox == first.alerts_sent * len(settings.alert_policy.channels)


def test_rounds_json_lists_every_mention_with_its_own_figures(demo_runs) -> None:  # type: ignore[no-untyped-def]
    """Provenance (issue 5): each source of a round, what it said and the sentence it said it in."""
    from click.testing import CliRunner

    from fundwatch.cli import cli

    settings, _, _ = demo_runs
    result = CliRunner().invoke(
        cli, ["rounds", "--company", "wayve", "--json"], env={"FUNDWATCH_DATABASE_URL": settings.database_url}
    )
    assert result.exit_code == 0, result.output
    (wayve,) = json.loads(result.output)
    said = {(x["outlet"], x["amount"], x["amount_text"]) for x in wayve["mentions"]}
    assert said == {
        ("demo-dailyfund", 1_050_000_000, "$1.05 billion"),
        ("demo-asiabeat", 1_000_000_000, "more than $1 billion"),
    }
    assert all("Wayve" in x["evidence"] and x["url"] for x in wayve["mentions"])
    assert wayve["amount"] == 1_050_000_000, "a precise figure outranks a bound"
