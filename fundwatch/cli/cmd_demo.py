"""`fundwatch demo`: the whole job, end to end, over the bundled sample site."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from fundwatch.demo.run import print_summary, run_demo
from fundwatch.render import wide_console
from fundwatch.settings import Settings


@click.command("demo")
def demo_cmd() -> None:
    """Serve a sample news site on 127.0.0.1, crawl it with the real spiders, extract and
    deduplicate rounds, refresh aggregates, send alerts (console and JSON Lines), and print a summary.

    The rounds land in the configured store (default sqlite:///fundwatch.db); run it twice and the
    second run adds nothing.
    """
    settings = Settings.from_env()
    console = wide_console()
    summary = run_demo(settings, datetime.now(UTC), console)
    print_summary(summary, settings, console)


def register(cli: click.Group) -> None:
    cli.add_command(demo_cmd)
