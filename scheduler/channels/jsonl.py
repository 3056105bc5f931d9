"""The JSON Lines channel: one JSON object per alert appended to a file and fsynced."""

from __future__ import annotations

import json
import os
from pathlib import Path

from scheduler.alert_message import AlertMessage, to_json
from scheduler.channels import ChannelError


def keys_in(path: Path) -> set[str]:
    """Idempotency keys already in the file (a torn last line, from a crash mid-write, is ignored)."""
    keys: set[str] = set()
    if not path.exists():
        return keys
    with path.open(encoding="utf-8") as f:
        for line in f:
            try:
                keys.add(json.loads(line)["idempotency_key"])
            except (ValueError, KeyError, TypeError):
                continue
    return keys


class JsonlChannel:
    """Appends are skipped when the key is already in the file, so a crash between writing and
    marking sent never yields a second line for the same alert."""

    name = "jsonl"

    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, msg: AlertMessage) -> None:
        line = json.dumps(to_json(msg), ensure_ascii=False, sort_keys=True) + "\n"
        try:
            if msg.idempotency_key in keys_in(self.path):
                return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as f:
                if f.tell() > 0 and not _ends_with_newline(self.path):
                    f.write("\n")  # finish a line torn by an earlier crash before appending
                f.write(line)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise ChannelError(f"cannot append to {self.path}: {exc.strerror or exc}") from exc


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1) == b"\n"
