"""Run a crawl as a subprocess (a Twisted reactor cannot restart in-process) and read back its stats."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from crawler.sources import SourceConfig, SourcesError, load_sources
from db.crawl_state import CrawlCounts, crawl_stat, mark_run_failed, put_crawl_stat, run_crawl_stats
from db.engine import transaction
from db.repository import ensure_source
from fundwatch.settings import Settings
from fundwatch.store import open_store

log = logging.getLogger(__name__)
REPO_ROOT = Path(__file__).resolve().parents[1]
SHUTDOWN_GRACE_S = 15


@dataclass(frozen=True, slots=True)
class SourceResult:
    source: str
    feeds_fetched: int
    articles_new: int
    pages_stored: int
    rounds_found: int
    errors: Mapping[str, int] = field(default_factory=dict)
    healthy: bool | None = None


@dataclass(frozen=True, slots=True)
class CrawlResult:
    run_key: str
    exit_code: int
    timed_out: bool
    sources: tuple[SourceResult, ...]

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out

    @property
    def pages_stored(self) -> int:
        return sum(s.pages_stored for s in self.sources)

    @property
    def articles_new(self) -> int:
        return sum(s.articles_new for s in self.sources)


def child_env(settings: Settings, env: Mapping[str, str] | None) -> dict[str, str]:
    """The crawl subprocess's environment: the caller's, with the store and sources of `settings`."""
    out = dict(os.environ if env is None else env)
    out["FUNDWATCH_DATABASE_URL"] = settings.database_url
    out["FUNDWATCH_SOURCES_FILE"] = str(settings.sources_file)
    out["FUNDWATCH_CONTACT_URL"] = settings.user_agent_contact
    out.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    path = out.get("PYTHONPATH")
    out["PYTHONPATH"] = f"{REPO_ROOT}{os.pathsep}{path}" if path else str(REPO_ROOT)
    return out


def crawl_command(
    run_key: str,
    sources: Sequence[str] | None,
    since: date | None,
    max_pages: int | None,
    refetch: bool,
    allow_private: bool,
    extract: bool = True,
) -> list[str]:
    cmd = [sys.executable, "-m", "crawler.run", "--run-key", run_key]
    for name in sources or ():
        cmd += ["--source", name]
    if since:
        cmd += ["--since", since.isoformat()]
    if max_pages is not None:
        cmd += ["--max-pages", str(max_pages)]
    if refetch:
        cmd.append("--refetch")
    if allow_private:
        cmd.append("--allow-private")
    if not extract:
        cmd.append("--no-extract")
    return cmd


def _wait(proc: subprocess.Popen[bytes], timeout_s: int | None) -> tuple[int, bool]:
    """The exit code, and whether the crawl had to be stopped: SIGTERM (Scrapy shuts down cleanly,
    recording its stats), then SIGKILL if it is still alive after a grace period."""
    try:
        return proc.wait(timeout=timeout_s), False
    except subprocess.TimeoutExpired:
        log.error("crawl exceeded %ss; stopping it", timeout_s)
        proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(timeout=SHUTDOWN_GRACE_S), True
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait(), True


def run_crawl(
    settings: Settings,
    *,
    sources: Sequence[str] | None = None,
    since: date | None = None,
    max_pages: int | None = None,
    refetch: bool = False,
    run_key: str,
    timeout_s: int | None = None,
    allow_private: bool = False,
    env: Mapping[str, str] | None = None,
    extract: bool = True,
) -> CrawlResult:
    """Crawl `sources` (default: every enabled source) in a subprocess and return per-source stats.
    With `extract`, the crawl's writer process also extracts the rounds of the pages it stores, but
    only when the subprocess would read the caller's alert policy from its environment: a caller
    with a policy of its own (the demo) extracts afterwards with ingest_pending."""
    configured = [s for s in load_sources(settings.sources_file) if s.enabled or s.name in (sources or ())]
    known = {s.name for s in configured}
    unknown = [n for n in sources or () if n not in known]
    if unknown:
        raise SourcesError(f"unknown source {unknown[0]!r} (known: {', '.join(sorted(known))})")
    names = list(sources) if sources else [s.name for s in configured]
    store = open_store(settings.database_url)  # migrate before the child starts writing
    environ = child_env(settings, env)
    extract = extract and Settings.from_env(environ).alert_policy == settings.alert_policy
    cmd = crawl_command(run_key, names, since, max_pages, refetch, allow_private, extract)
    proc = subprocess.Popen(cmd, env=environ)
    code, timed_out = _wait(proc, timeout_s if timeout_s is not None else settings.crawl_timeout_s)
    now = datetime.now(UTC)
    try:
        with transaction(store.sessions) as session:
            if timed_out or code != 0:
                _record_failure(
                    session, run_key, names, configured, "timeout" if timed_out else "crashed", now
                )
        with store.sessions() as session:
            runs = run_crawl_stats(session, run_key)
    finally:
        store.engine.dispose()
    results = tuple(
        SourceResult(
            r.source,
            r.counts.feeds_fetched,
            r.counts.articles_new,
            r.counts.pages_stored,
            r.counts.rounds_found,
            dict(r.counts.errors),
            r.counts.healthy,
        )
        for r in runs
    )
    return CrawlResult(run_key, code, timed_out, results)


def _record_failure(
    session: Session,
    run_key: str,
    names: Sequence[str],
    configured: Sequence[SourceConfig],
    kind: str,
    now: datetime,
) -> None:
    """Every source of a stopped or crashed run gets the failure in its errors, started or not."""
    by_name = {s.name: s for s in configured}
    for name in names:
        cfg = by_name[name]
        source_id = ensure_source(session, name, now, cfg.language, cfg.homepage)
        if crawl_stat(session, run_key, source_id) is None:
            put_crawl_stat(session, run_key, source_id, CrawlCounts(), now, None)
    mark_run_failed(session, run_key, kind, now)
