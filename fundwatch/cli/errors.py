"""Turn every expected failure into one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

import click
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from db.engine import StoreError
from fundwatch.settings import SettingsError

log = logging.getLogger("fundwatch")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def run_guarded(cli: Callable[..., object]) -> None:
    try:
        code = cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (StoreError, SettingsError) as exc:
        click.echo(f"fundwatch: {exc}", err=True)
        sys.exit(2)
    except OperationalError as exc:
        click.echo(f"fundwatch: cannot use the database: {_one_line(exc.orig or exc)}", err=True)
        sys.exit(3)
    except SQLAlchemyError as exc:
        click.echo(f"fundwatch: database error: {_one_line(exc)}", err=True)
        sys.exit(3)
    except OSError as exc:
        click.echo(f"fundwatch: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    except Exception as exc:  # last resort: say what broke, keep the traceback for -vv
        log.debug("unexpected error", exc_info=True)
        click.echo(
            f"fundwatch: unexpected error: {type(exc).__name__}: {_one_line(exc)} (run with -vv for details)",
            err=True,
        )
        sys.exit(1)
    else:
        sys.exit(code if isinstance(code, int) else 0)
