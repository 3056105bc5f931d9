"""Crawl speed and memory: the full fundwatch crawl against a bare Scrapy spider, same local mirror, same run.

    PYTHONPATH=. python bench/bench_crawl.py [--pages 2000] [--big 4000] [--repeat 2]

Serves a generated mirror (article pages of ~60-120 KB, each with a few KB of article text stating one
funding round, listed in a sitemap) on 127.0.0.1, then runs
1. a bare Scrapy spider that fetches every page and does nothing (the baseline; the same
   concurrency settings as the crawl),
2. the full crawl as `fundwatch crawl` runs it: the crawl subprocess (robots.txt, seen-state
   lookups, canonical URLs, pages stored and extracted by its writer process) and then the ingest
   of anything the writer left, on a fresh store, timed from the first article request to the end,
3. the sequential design for comparison: crawl with --no-extract, then ingest every page,
and prints pages/s of each, their ratio to the bare spider, and the peak RSS of the crawl process and
of its writer process at two mirror sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from crawler.process import child_env, crawl_command  # noqa: E402
from db import models as m  # noqa: E402
from fundwatch.settings import Settings  # noqa: E402
from fundwatch.store import open_store  # noqa: E402
from scheduler.ingest_job import ingest_pending  # noqa: E402

# Neutral filler: the article text is mostly prose that states no round, as in a real article.
WORDS = [
    "the",
    "team",
    "said",
    "its",
    "product",
    "helps",
    "customers",
    "plan",
    "work",
    "across",
    "offices",
    "and",
    "partners",
    "while",
    "the",
    "market",
    "for",
    "software",
    "keeps",
    "changing",
    "and",
    "buyers",
    "ask",
    "for",
    "tools",
    "that",
    "fit",
    "how",
    "people",
    "already",
    "work",
]
INVESTORS = ["Northwind Capital", "Harbor Lane Ventures", "Blue Fjord Partners", "Quarry Hill Fund"]
ROUNDS = ["seed", "Series A", "Series B", "Series C"]
BARE_SPIDER = """
import re, scrapy
class Bare(scrapy.Spider):
    name = "bare"
    custom_settings = {"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                       "REMOTE_CONTROL_ENABLED": False, "CONCURRENT_ITEMS": 1, "CONCURRENT_REQUESTS": 16,
                       "CONCURRENT_REQUESTS_PER_DOMAIN": %d}
    async def start(self):
        yield scrapy.Request(self.sitemap, self.parse_sitemap)
    def parse_sitemap(self, response):
        for url in re.findall(rb"<loc>([^<]+)</loc>", response.body):
            yield scrapy.Request(url.decode(), self.parse)
    def parse(self, response):
        pass
"""
PER_DOMAIN = 8


def article_page(i: int, rng: random.Random) -> bytes:
    """A news page shaped like the outlets' (median ~90 KB): scripts, styles and navigation around a
    few KB of article text with one funding sentence, JSON-LD and og: metadata."""
    company = f"Examplo{i} Systems"
    amount = 2 + i % 97
    sentence = (
        f"{company}, a maker of planning software, has raised ${amount} million in a "
        f"{ROUNDS[i % 4]} round led by {INVESTORS[i % 4]}, with participation from {INVESTORS[(i + 1) % 4]}."
    )
    paras = [" ".join(rng.choices(WORDS, k=rng.randint(60, 110))).capitalize() + "." for _ in range(8)]
    paras.insert(1, sentence)
    day = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
    script = (
        "var cfg=" + "{" + ",".join(f'"k{j}":"{rng.random():.12f}"' for j in range(1500 + i % 2500)) + "};"
    )
    nav = "".join(f'<li><a href="/section/{j}">Section {j}</a></li>' for j in range(150))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{company} raises ${amount}M</title>'
        f'<meta property="og:title" content="{company} raises ${amount}M">'
        f'<meta property="article:published_time" content="{day}T08:00:00Z">'
        f'<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{company} raises ${amount}M",'
        f'"datePublished":"{day}T08:00:00Z"}}</script><style>{".c{color:red} " * 600}</style>'
        f"<script>{script}</script></head><body><header><nav><ul>{nav}</ul></nav></header>"
        f'<main><article><h1>{company} raises ${amount}M</h1><time datetime="{day}">{day}</time>'
        + "".join(f"<p>{p}</p>" for p in paras)
        + f"</article></main><footer><ul>{nav}</ul></footer></body></html>"
    ).encode()


class Mirror:
    """An in-process static site: /sitemap.xml and /a/<i>.html, pages built on request."""

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.first_hit: float | None = None
        mirror = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                body, ctype = mirror.render(self.path)
                self.send_response(200 if body is not None else 404)
                body = body or b"not found"
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        # Built once: the server must cost the measured crawls as little as possible.
        self.bodies = [article_page(i, random.Random(i)) for i in range(pages)]

    def render(self, path: str) -> tuple[bytes | None, str]:
        if path == "/sitemap.xml":
            urls = "".join(f"<url><loc>{self.base}/a/{i}.html</loc></url>" for i in range(self.pages))
            return (
                f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}'
                "</urlset>"
            ).encode(), "application/xml"
        if path.startswith("/a/"):
            if self.first_hit is None:
                self.first_hit = time.monotonic()
            return self.bodies[int(path[3:].split(".")[0])], "text/html; charset=utf-8"
        return None, "text/plain"

    def close(self) -> None:
        self.httpd.shutdown()


@dataclass
class Peaks:
    """Peak RSS (VmHWM, KB) and CPU seconds of a process and of its children, sampled until it exits."""

    main: int = 0
    children: int = 0
    main_cpu: float = 0.0
    children_cpu: dict[int, float] = field(default_factory=dict)


def _hwm(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def watch_memory(pid: int, peaks: Peaks, stop: threading.Event) -> None:
    while not stop.wait(0.05):
        peaks.main = max(peaks.main, _hwm(pid))
        peaks.main_cpu = max(peaks.main_cpu, _cpu(pid))
        for child in _children(pid):
            peaks.children = max(peaks.children, _hwm(child))
            peaks.children_cpu[child] = max(peaks.children_cpu.get(child, 0.0), _cpu(child))


def run_timed(mirror: Mirror, cmd: list[str], env: dict[str, str]) -> tuple[float, Peaks]:
    """Seconds from the first article request to the process's exit, and peak RSS of it and its children."""
    mirror.first_hit = None
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peaks, stop = Peaks(), threading.Event()
    watcher = threading.Thread(target=watch_memory, args=(proc.pid, peaks, stop), daemon=True)
    watcher.start()
    code = proc.wait()
    end = time.monotonic()
    stop.set()
    watcher.join()
    if code != 0 or mirror.first_hit is None:
        raise SystemExit(f"{cmd[:4]} failed with exit status {code}")
    return end - mirror.first_hit, peaks


def bare(mirror: Mirror, tmp: Path) -> tuple[float, Peaks]:
    spider = tmp / "bare_spider.py"
    spider.write_text(BARE_SPIDER % PER_DOMAIN)
    cmd = [
        sys.executable,
        "-m",
        "scrapy",
        "runspider",
        str(spider),
        "-a",
        f"sitemap={mirror.base}/sitemap.xml",
    ]
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": ""}
    return run_timed(mirror, cmd, env)


@dataclass(frozen=True)
class FullRun:
    seconds: float
    crawl_seconds: float
    peaks: Peaks
    stored: int
    extracted: int
    rounds: int


def full(mirror: Mirror, tmp: Path, tag: str, *, extract: bool = True) -> FullRun:
    """`fundwatch crawl`: the crawl subprocess, then the ingest of whatever its writer did not extract."""
    db = tmp / f"{tag}.db"
    sources = tmp / f"{tag}.toml"
    sources.write_text(
        f'[[source]]\nname = "mirror"\nsitemaps = ["{mirror.base}/sitemap.xml"]\n'
        'allowed_domains = ["127.0.0.1"]\n'
    )
    settings = Settings(database_url=f"sqlite:///{db}", sources_file=sources)
    env = child_env(
        settings,
        {
            **os.environ,
            "FUNDWATCH_CRAWL_AUTOTHROTTLE": "off",
            "FUNDWATCH_CRAWL_DELAY": "0",
            "FUNDWATCH_CRAWL_CONCURRENCY_PER_DOMAIN": str(PER_DOMAIN),
            "FUNDWATCH_CRAWL_MAX_PAGES": "none",
            "FUNDWATCH_PROGRESS": "off",
            "FUNDWATCH_CRAWL_LOG_LEVEL": "WARNING",
        },
    )
    store = open_store(settings.database_url)  # schema first, as run_crawl does
    cmd = crawl_command(tag, None, None, None, False, True, extract)
    crawl_seconds, peaks = run_timed(mirror, cmd, env)
    t0 = time.monotonic()
    ingest_pending(store.sessions, datetime.now(UTC), settings.alert_policy)
    seconds = crawl_seconds + time.monotonic() - t0
    with store.sessions() as s:
        stored = s.execute(select(func.count()).select_from(m.Article)).scalar_one()
        extracted = s.execute(
            select(func.count()).select_from(m.Article).where(m.Article.extractor_version.is_not(None))
        ).scalar_one()
        rounds = s.execute(select(func.sum(m.Article.rounds_found))).scalar_one() or 0
    store.engine.dispose()
    return FullRun(seconds, crawl_seconds, peaks, stored, extracted, rounds)


def mb(kb: int) -> str:
    return f"{kb / 1024:4.0f} MB"


def cpu(peaks: Peaks, pages: int) -> str:
    """CPU per page (startup included) of the crawl process and of its writer."""
    return (
        f"CPU {peaks.main_cpu / pages * 1e3:.2f} + writer {sum(peaks.children_cpu.values()) / pages * 1e3:.2f}"
        " ms/page"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--big", type=int, default=4000, help="second mirror size, for the memory comparison")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each crawl (the best is reported)")
    ap.add_argument("--no-sequential", action="store_true", help="skip the crawl-then-ingest comparison")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        mirror = Mirror(args.pages)
        bare_runs, full_runs, seq_runs = [], [], []
        for i in range(args.repeat):  # interleaved, so that a busy spell on the machine hits both
            bare_runs.append(bare(mirror, tmp))
            full_runs.append(full(mirror, tmp, f"full{i}"))
            if not args.no_sequential:
                seq_runs.append(full(mirror, tmp, f"seq{i}", extract=False))
        mirror.close()
        big = Mirror(args.big)
        big_run = full(big, tmp, "big")
        big.close()
    b_s, b_peaks = min(bare_runs, key=lambda r: r[0])
    f = min(full_runs, key=lambda r: r.seconds)
    for run, n in [(f, args.pages), (big_run, args.big)]:
        assert run.stored == run.extracted == n, f"stored {run.stored}, extracted {run.extracted} of {n}"
    rate = args.pages / b_s
    print(f"mirror: {args.pages} pages (60-120 KB each, one round stated in each); best of {args.repeat}")
    print(
        f"bare Scrapy spider          : {rate:6.1f} pages/s  peak RSS {mb(b_peaks.main)}  "
        f"CPU {b_peaks.main_cpu / args.pages * 1e3:.2f} ms/page"
    )
    print(
        f"fundwatch crawl (fetch, store, extract): {args.pages / f.seconds:6.1f} pages/s  ratio {b_s / f.seconds:.2f}"
        f"  peak RSS crawl {mb(f.peaks.main)}, writer {mb(f.peaks.children)}  ({f.rounds} rounds)"
    )
    print(f"  {cpu(f.peaks, args.pages)}")
    if seq_runs:
        q = min(seq_runs, key=lambda r: r.seconds)
        print(
            f"crawl --no-extract, then ingest       : {args.pages / q.seconds:6.1f} pages/s  ratio "
            f"{b_s / q.seconds:.2f}  peak RSS crawl {mb(q.peaks.main)}, writer {mb(q.peaks.children)}"
        )
        print(
            f"  of which the crawl (fetch, store): {args.pages / q.crawl_seconds:6.1f} pages/s  ratio "
            f"{b_s / q.crawl_seconds:.2f}  {cpu(q.peaks, args.pages)}"
        )
    g = big_run
    print(
        f"fundwatch crawl at {args.big} pages    : {args.big / g.seconds:6.1f} pages/s  peak RSS crawl "
        f"{mb(g.peaks.main)}, writer {mb(g.peaks.children)}; RSS ratio {args.big}/{args.pages} pages: "
        f"crawl {g.peaks.main / f.peaks.main:.2f}, writer {g.peaks.children / max(1, f.peaks.children):.2f}"
    )


if __name__ == "__main__":
    main()
