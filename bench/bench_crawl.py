"""Crawl speed and memory: the full fundwatch crawl against a bare Scrapy spider, same local mirror, same run.

    PYTHONPATH=. python bench/bench_crawl.py [--pages 2000] [--big 4000]

Serves a generated mirror (article pages of ~60-120 KB listed in a sitemap) on 127.0.0.1, then runs
1. a bare Scrapy spider that fetches every page and does nothing (the baseline),
2. the full crawl (`crawler.run`: robots.txt, seen-state lookups, canonical URLs, storing each page in
   its own transaction in SQLite), on a fresh store,
and prints pages/s of each and their ratio, and the crawl's peak RSS at two mirror sizes.
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawler.process import child_env, crawl_command  # noqa: E402
from fundwatch.settings import Settings  # noqa: E402

WORDS = [
    "funding",
    "round",
    "series",
    "seed",
    "investors",
    "startup",
    "raised",
    "million",
    "led",
    "valuation",
    "company",
    "market",
    "growth",
]
BARE_SPIDER = """
import re, scrapy
class Bare(scrapy.Spider):
    name = "bare"
    custom_settings = {"LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False,
                       "REMOTE_CONTROL_ENABLED": False}
    async def start(self):
        yield scrapy.Request(self.sitemap, self.parse_sitemap)
    def parse_sitemap(self, response):
        for url in re.findall(rb"<loc>([^<]+)</loc>", response.body):
            yield scrapy.Request(url.decode(), self.parse)
    def parse(self, response):
        pass
"""


class Mirror:
    """An in-process static site: /sitemap.xml and /a/<i>.html, pages built on request."""

    def __init__(self, pages: int) -> None:
        rng = random.Random(7)
        self.text = " ".join(rng.choice(WORDS) for _ in range(400_000)).encode()
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
            i = int(path[3:].split(".")[0])
            start, size = (i * 7919) % 200_000, 60_000 + (i * 131) % 60_000
            return (
                b'<!doctype html><html><head><meta charset="utf-8"><title>Page %d</title>'
                b'<meta property="og:title" content="Page %d"></head><body><article><p>'
                % (i, i)
                + self.text[start : start + size]
                + b"</p></article></body></html>"
            ), "text/html; charset=utf-8"
        return None, "text/plain"

    def close(self) -> None:
        self.httpd.shutdown()


def run_timed(mirror: Mirror, cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds from the first article request to the process's exit, and its peak RSS in KB."""
    mirror.first_hit = None
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    end = time.monotonic()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or mirror.first_hit is None:
        raise SystemExit(f"{cmd[:4]} failed with exit status {proc.returncode}")
    return end - mirror.first_hit, usage.ru_maxrss


def bare(mirror: Mirror, tmp: Path) -> tuple[float, int]:
    spider = tmp / "bare_spider.py"
    spider.write_text(BARE_SPIDER)
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


def full(mirror: Mirror, tmp: Path, tag: str) -> tuple[float, int, int]:
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
            "FUNDWATCH_CRAWL_CONCURRENCY_PER_DOMAIN": "8",
            "FUNDWATCH_CRAWL_MAX_PAGES": "none",
            "FUNDWATCH_PROGRESS": "off",
            "FUNDWATCH_CRAWL_LOG_LEVEL": "WARNING",
        },
    )
    from fundwatch.store import open_store

    store = open_store(settings.database_url)  # schema first, as run_crawl does
    seconds, rss = run_timed(mirror, crawl_command(tag, None, None, None, False, True), env)
    from sqlalchemy import func, select

    from db import models as m

    with store.sessions() as s:
        stored = s.execute(select(func.count()).select_from(m.Article)).scalar_one()
    store.engine.dispose()
    return seconds, rss, stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--big", type=int, default=4000, help="second mirror size, for the memory comparison")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each crawl (the best is reported)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        mirror = Mirror(args.pages)
        bare_runs = [bare(mirror, tmp) for _ in range(args.repeat)]
        full_runs = [full(mirror, tmp, f"full{i}") for i in range(args.repeat)]
        mirror.close()
        big = Mirror(args.big)
        big_s, big_rss, big_stored = full(big, tmp, "big")
        big.close()
    b_s, b_rss = min(bare_runs)
    f_s, f_rss, stored = min(full_runs)
    assert stored == args.pages, f"full crawl stored {stored} of {args.pages} pages"
    print(f"mirror: {args.pages} pages (60-120 KB each); best of {args.repeat}")
    print(f"bare Scrapy spider : {args.pages / b_s:7.1f} pages/s  peak RSS {b_rss / 1024:6.0f} MB")
    print(
        f"fundwatch crawl    : {args.pages / f_s:7.1f} pages/s  peak RSS {f_rss / 1024:6.0f} MB  (stored {stored})"
    )
    print(f"ratio full / bare  : {b_s / f_s:7.2f}")
    print(
        f"fundwatch crawl at {args.big} pages: {args.big / big_s:7.1f} pages/s  peak RSS {big_rss / 1024:6.0f} MB "
        f"(stored {big_stored}); RSS ratio {args.big}/{args.pages} pages: {big_rss / f_rss:.2f}"
    )


if __name__ == "__main__":
    main()
