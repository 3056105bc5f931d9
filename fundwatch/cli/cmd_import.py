"""`fundwatch import`: load an existing funding table through the same deduplication as the news."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import click

from db.engine import transaction
from db.importer import import_file
from fundwatch.settings import Settings
from fundwatch.store import open_store
from ingest.imports import PRESETS, ColumnMapping, load_mapping


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*PRESETS, "mapped"]),
    required=True,
    help="A known export layout, or 'mapped' with --mapping.",
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML column mapping (company = 'Name', amount = 'USD', date = 'Date', …); see docs/dedup.md.",
)
@click.option(
    "--show-bad", default=20, show_default=True, help="How many bad rows to list (all are counted)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (every bad row included).")
def import_cmd(file: Path, fmt: str, mapping: Path | None, show_bad: int, as_json: bool) -> None:
    """Import FILE (CSV) into the store. Bad rows are reported with their line number and skipped;
    the import is one transaction, so a failure leaves nothing half-imported. Importing the same
    file again changes nothing."""
    columns = _mapping(fmt, mapping)
    store = open_store(Settings.from_env().database_url)
    try:
        with transaction(store.sessions) as session:
            report = import_file(session, file, columns, fmt, datetime.now(UTC))
    except (ValueError, UnicodeError) as exc:
        raise click.ClickException(f"{file}: {exc} (nothing was imported)") from None
    if as_json:
        click.echo(json.dumps(asdict(report), default=str))
        return
    for bad in report.bad_rows[:show_bad]:
        click.echo(f"{file.name} line {bad.line}: skipped: {bad.reason}", err=True)
    more = len(report.bad_rows) - show_bad
    if more > 0:
        click.echo(f"… and {more} more bad rows (use --json to list them all)", err=True)
    click.echo(
        f"{file.name}: {report.rows_read} rows read, {report.rows_imported} imported, "
        f"{len(report.bad_rows)} skipped; rounds {report.rounds_created} new, {report.rounds_updated} updated; "
        f"companies {report.companies_created} new"
    )


def _mapping(fmt: str, mapping: Path | None) -> ColumnMapping:
    if fmt != "mapped":
        if mapping is not None:
            raise click.UsageError("--mapping goes with --format mapped")
        return PRESETS[fmt]
    if mapping is None:
        raise click.UsageError("--format mapped needs --mapping FILE.toml")
    try:
        return load_mapping(mapping)
    except (ValueError, OSError) as exc:
        raise click.ClickException(str(exc)) from None


def register(cli: click.Group) -> None:
    cli.add_command(import_cmd)
