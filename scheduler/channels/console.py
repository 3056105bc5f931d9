"""The console channel: a readable block per alert on stdout, and a line in the log."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from scheduler.alert_message import AlertMessage, render_text

log = logging.getLogger("fundwatch.alerts")


class ConsoleChannel:
    name = "console"

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream

    def send(self, msg: AlertMessage) -> None:
        stream = self._stream or sys.stdout
        stream.write(f"ALERT {render_text(msg)}\n\n")
        stream.flush()
        log.info("alert %s: %s", msg.idempotency_key, msg.title)
