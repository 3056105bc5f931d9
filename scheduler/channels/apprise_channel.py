"""The apprise channel: any of the many services apprise knows (Telegram, Teams, Discord, ntfy, …)."""

from __future__ import annotations

from collections.abc import Sequence

import apprise

from fundwatch.settings import SettingsError
from scheduler.alert_message import AlertMessage, render_text
from scheduler.channels import ChannelError


class AppriseChannel:
    name = "apprise"

    def __init__(self, urls: Sequence[str]) -> None:
        self._apprise = apprise.Apprise()
        for url in urls:
            if not self._apprise.add(url):
                shown = url.split("://", 1)[0] + "://…"  # never echo a token back
                raise SettingsError(f"FUNDWATCH_APPRISE_URLS: apprise does not understand {shown}")

    def send(self, msg: AlertMessage) -> None:
        # apprise has no idempotency header; the key is in the body so a reader can spot a repeat.
        ok = self._apprise.notify(body=render_text(msg), title=f"[fundwatch] {msg.title}")
        if not ok:
            raise ChannelError("apprise: at least one service did not accept the notification")
