"""`python -m crawler.run`: crawl several sources in one Scrapy process (what run_crawl starts)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from crawler.sources import SourcesError
from crawler.spiderloader import SourceSpiderLoader


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m crawler.run", description=__doc__)
    p.add_argument("--run-key", required=True, help="the crawl_stats key of this run")
    p.add_argument("--source", action="append", default=[], help="a source name (repeatable; default all)")
    p.add_argument("--since", type=date.fromisoformat, help="skip articles listed as older (YYYY-MM-DD)")
    p.add_argument("--max-pages", type=int, help="at most this many article pages per source")
    p.add_argument("--refetch", action="store_true", help="fetch stored articles and listings again")
    p.add_argument("--allow-private", action="store_true", help="allow loopback/private addresses")
    p.add_argument("--no-extract", action="store_true", help="store pages only; leave extraction to ingest")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    overrides = {
        "FUNDWATCH_RUN_KEY": args.run_key,
        "FUNDWATCH_SINCE": args.since.isoformat() if args.since else None,
        "FUNDWATCH_REFETCH": args.refetch,
        "FUNDWATCH_ALLOW_PRIVATE": args.allow_private or settings.getbool("FUNDWATCH_ALLOW_PRIVATE"),
        "FUNDWATCH_CRAWL_EXTRACT": not args.no_extract,
    }
    if args.max_pages is not None:
        overrides["FUNDWATCH_MAX_PAGES"] = args.max_pages
    settings.setdict(overrides, priority="cmdline")
    try:
        loader = SourceSpiderLoader.from_settings(settings)
    except SourcesError as exc:
        print(f"fundwatch crawl: {exc}", file=sys.stderr)
        return 2
    names = args.source or loader.list()
    unknown = [n for n in names if n not in loader.list()]
    if unknown:
        print(
            f"fundwatch crawl: unknown source {unknown[0]!r} (known: {', '.join(loader.list())})",
            file=sys.stderr,
        )
        return 2
    process = CrawlerProcess(settings)
    for name in names:
        process.crawl(loader.load(name))
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
