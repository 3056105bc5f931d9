"""`fundwatch extract`: rounds from saved pages, text files, or JSON Lines on stdin (a stable interface)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from ingest.documents import BadDocument, article_from_bytes, article_from_record, published_from
from ingest.extract import extract_rounds
from ingest.parse import ParseError
from ingest.serialize import round_to_dict


def _rounds_json(article: Any) -> list[dict[str, Any]]:
    return [round_to_dict(r) for r in extract_rounds(article)]


def _one_record(line: str) -> dict[str, Any]:
    """The output line for one input line; never raises for bad input."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"id": None, "error": f"not JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(record, dict):
        return {"id": None, "error": "each line must be a JSON object"}
    rid = record.get("id")
    try:
        return {"id": rid, "rounds": _rounds_json(article_from_record(record))}
    except (BadDocument, ParseError) as exc:
        return {"id": rid, "error": str(exc)}
    except Exception as exc:  # one broken document must not end the batch
        return {"id": rid, "error": f"extraction failed: {type(exc).__name__}: {exc}"}


def extract_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    """One output line per non-blank input line, in input order, flushed as it goes."""
    count = 0
    for line in stdin:
        if not line.strip():
            continue
        stdout.write(json.dumps(_one_record(line), ensure_ascii=False) + "\n")
        stdout.flush()
        count += 1
    return count


def extract_files(paths: list[Path], published: str | None) -> Any:
    when = published_from(published)
    results = []
    for path in paths:
        try:
            article = article_from_bytes(path.read_bytes(), path.resolve().as_uri(), when)
        except (BadDocument, ParseError) as exc:
            raise BadDocument(f"{path}: {exc}") from None
        results.append({"file": str(path), "rounds": _rounds_json(article)})
    return results[0]["rounds"] if len(results) == 1 else results


@click.command("extract")
@click.argument(
    "files", nargs=-1, type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)
)
@click.option(
    "--jsonl", is_flag=True, help='Read JSON Lines on stdin: {"id", "text"} or {"id", "html", "url"}.'
)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for FILES that carry none.")
def extract_cmd(files: tuple[Path, ...], jsonl: bool, published: str | None) -> None:
    """Print the funding rounds found in saved HTML pages or plain-text FILES, as JSON.

    With one FILE the output is the list of rounds (ROUNDS_SPEC.md shape); with several, a list of
    {"file", "rounds"} objects. With --jsonl, each input line {"id": ..., "text": ...} or
    {"id": ..., "html": ..., "url": ...} (optional "published": "YYYY-MM-DD") gives one output line
    {"id": ..., "rounds": [...]}, or {"id": ..., "error": "..."} for a bad line; the batch goes on.
    """
    if jsonl == bool(files):
        raise click.UsageError(
            "give either FILE arguments or --jsonl (records on stdin), not both or neither"
        )
    if jsonl:
        extract_jsonl(sys.stdin, sys.stdout)
        return
    try:
        result = extract_files(list(files), published)
    except (BadDocument, ParseError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(result, ensure_ascii=False, indent=2))


def register(cli: click.Group) -> None:
    cli.add_command(extract_cmd)
