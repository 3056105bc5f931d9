"""Alert channels: each sends one AlertMessage or raises ChannelError; built once from the settings."""

from __future__ import annotations

from typing import Protocol

from fundwatch.settings import Settings
from scheduler.alert_message import AlertMessage


class ChannelError(RuntimeError):
    """A send failed; the alert stays in the outbox and is retried later."""


class Channel(Protocol):
    name: str

    def send(self, msg: AlertMessage) -> None: ...


def build_channel(name: str, settings: Settings) -> Channel:
    """The channel called `name`, configured from the settings (validated at start-up)."""
    from scheduler.channels.apprise_channel import AppriseChannel
    from scheduler.channels.console import ConsoleChannel
    from scheduler.channels.email import EmailChannel
    from scheduler.channels.jsonl import JsonlChannel
    from scheduler.channels.webhook import WebhookChannel

    c = settings.channels
    if name == "console":
        return ConsoleChannel()
    if name == "jsonl":
        return JsonlChannel(settings.alerts_jsonl)
    if name == "webhook":
        assert c.webhook_url is not None
        return WebhookChannel(c.webhook_url, c.webhook_format, c.webhook_secret, c.send_timeout_s)
    if name == "email":
        return EmailChannel.from_settings(c)
    if name == "apprise":
        return AppriseChannel(c.apprise_urls)
    raise ValueError(f"unknown channel {name!r}")


def build_channels(settings: Settings) -> dict[str, Channel]:
    """Every channel named in FUNDWATCH_ALERT_CHANNELS."""
    return {name: build_channel(name, settings) for name in settings.alert_policy.channels}
