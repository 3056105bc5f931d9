"""`fundwatch rounds` (search stored rounds) and `fundwatch export` (CSV or JSON)."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import nullcontext
from datetime import date
from decimal import Decimal
from pathlib import Path

import click

from db.provenance import rounds_provenance
from db.queries import RoundFilter, list_rounds
from fundwatch.render import CSV_COLUMNS, round_csv_row, round_json, rounds_table, wide_console
from fundwatch.settings import Settings
from fundwatch.store import open_store

ROUND_OPTIONS = [
    click.option("--company", help="Company name (or alias) contains this text."),
    click.option("--round", "round_code", metavar="CODE", help="Round code, e.g. series_b, seed."),
    click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Announced on or after YYYY-MM-DD."),
    click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Announced on or before YYYY-MM-DD."),
    click.option("--min-usd", type=Decimal, help="Only rounds of at least this many US dollars."),
    click.option("--background", is_flag=True, help="Include rounds only ever mentioned as history."),
]


def _filter(
    company: str | None,
    round_code: str | None,
    since: object,
    until: object,
    min_usd: Decimal | None,
    background: bool,
    order: str,
    limit: int | None,
) -> RoundFilter:
    def day(v: object) -> date | None:
        return v.date() if v is not None else None  # type: ignore[attr-defined]

    return RoundFilter(company, round_code, day(since), day(until), min_usd, background, order, limit)


def _with_options(f):  # type: ignore[no-untyped-def]
    for option in reversed(ROUND_OPTIONS):
        f = option(f)
    return f


@click.command("rounds")
@_with_options
@click.option("--sort", "order", type=click.Choice(["amount", "date"]), default="amount", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON: each round with its sources and every mention (outlet, URL, its own figures, evidence).",
)
def rounds_cmd(company, round_code, since, until, min_usd, background, order, limit, as_json) -> None:  # type: ignore[no-untyped-def]
    """List and search stored rounds, largest first (or newest with --sort date)."""
    store = open_store(Settings.from_env().database_url)
    with store.sessions() as session:
        rows = list_rounds(
            session, _filter(company, round_code, since, until, min_usd, background, order, limit)
        )
        mentions = rounds_provenance(session, [r.id for r in rows]) if as_json else {}
    if as_json:
        click.echo(
            json.dumps([round_json(r, mentions.get(r.id, ())) for r in rows], ensure_ascii=False, indent=2)
        )
    elif rows:
        wide_console().print(rounds_table(rows))
    else:
        click.echo("No rounds match.")


@click.command("export")
@_with_options
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write here instead of stdout (written whole, then renamed into place).",
)
def export_cmd(company, round_code, since, until, min_usd, background, fmt, output) -> None:  # type: ignore[no-untyped-def]
    """Export stored rounds as CSV or JSON, with investors and source URLs."""
    store = open_store(Settings.from_env().database_url)
    with store.sessions() as session:
        rows = list_rounds(
            session, _filter(company, round_code, since, until, min_usd, background, "date", None)
        )
        mentions = rounds_provenance(session, [r.id for r in rows]) if fmt == "json" else {}
    tmp = output.with_name(output.name + ".partial") if output else None
    with tmp.open("w", newline="", encoding="utf-8") if tmp else nullcontext(sys.stdout) as out:
        if fmt == "json":
            json.dump(
                [round_json(r, mentions.get(r.id, ())) for r in rows], out, ensure_ascii=False, indent=2
            )
            out.write("\n")
        else:
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(round_csv_row(r) for r in rows)
    if tmp and output:
        tmp.replace(output)
        click.echo(f"wrote {len(rows)} rounds to {output}", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(rounds_cmd)
    cli.add_command(export_cmd)
