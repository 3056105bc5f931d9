"""The `fundwatch` command: a thin click front end; each cmd_*.py module adds its commands."""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys

import click

from fundwatch.cli.errors import run_guarded


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """fundwatch: turn tech news into a clean, shared database of startup funding rounds.

    The store is FUNDWATCH_DATABASE_URL (default sqlite:///fundwatch.db in this directory).
    """
    level = logging.WARNING - 10 * verbose
    logging.basicConfig(
        level=max(level, logging.DEBUG),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


for _mod in pkgutil.iter_modules(__path__):
    if _mod.name.startswith("cmd_"):
        importlib.import_module(f"{__name__}.{_mod.name}").register(cli)


def main() -> None:
    run_guarded(cli)
