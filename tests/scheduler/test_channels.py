"""Channels against real local receivers: a webhook server, an SMTP server (aiosmtpd), apprise over HTTP."""

from __future__ import annotations

import email
import hashlib
import hmac
import socket
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from db.outbox import StoredRound, StoredSource
from fundwatch.settings import Settings, SettingsError
from scheduler.alert_message import AlertMessage, build_message
from scheduler.channels import ChannelError
from scheduler.channels.apprise_channel import AppriseChannel
from scheduler.channels.email import KEY_HEADER, EmailChannel
from scheduler.channels.webhook import SIGNATURE_HEADER, WebhookChannel
from tests.scheduler.receivers import webhook_receiver


@pytest.fixture
def msg() -> AlertMessage:
    r = StoredRound(
        3, "Acme Robotics", "series_c", "Series C", Decimal(150e6), "USD", Decimal(150e6), None, None,
        date(2026, 11, 26), "announced", ("Example Ventures",), (),
        (StoredSource("Example News", "https://news.example/acme", "Acme raises", None),),
    )  # fmt: skip
    return build_message(r, "fundwatch-round-3-webhook")


def test_generic_webhook_is_signed_and_carries_the_key(msg: AlertMessage) -> None:
    with webhook_receiver() as rx:
        WebhookChannel(rx.url, "json", "s3cret").send(msg)
    [d] = rx.deliveries
    expected = "sha256=" + hmac.new(b"s3cret", d.body, hashlib.sha256).hexdigest()
    assert d.headers[SIGNATURE_HEADER] == expected and d.key == "fundwatch-round-3-webhook"
    assert (
        d.json()["company"] == "Acme Robotics"
        and d.json()["sources"][0]["url"] == "https://news.example/acme"
    )


def test_slack_webhook_payload(msg: AlertMessage) -> None:
    with webhook_receiver() as rx:
        WebhookChannel(rx.url, "slack").send(msg)
    [d] = rx.deliveries
    assert d.json()["text"] == "Acme Robotics: Series C, USD 150M" and SIGNATURE_HEADER not in d.headers
    assert "<https://news.example/acme|Example News>" in str(d.json()["blocks"])


def test_webhook_refusal_and_unreachable_raise_channel_error(msg: AlertMessage) -> None:
    with webhook_receiver() as rx:
        rx.down = True
        with pytest.raises(ChannelError, match="HTTP 503"):
            WebhookChannel(rx.url, "json").send(msg)
        url = rx.url
    with pytest.raises(ChannelError, match="unreachable"):
        WebhookChannel(url, "json", timeout_s=2).send(msg)


class Inbox(Sink):
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, Inbox]]:
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd needs a concrete port to check that it started
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_email_has_message_id_from_key_and_key_header(
    smtp: tuple[Controller, Inbox], msg: AlertMessage
) -> None:
    controller, inbox = smtp
    EmailChannel(
        "127.0.0.1", controller.port, "alerts@fundwatch.example", ("team@example.org",), security="none"
    ).send(msg)
    [mail] = inbox.messages
    assert mail["Message-ID"] == "<fundwatch-round-3-webhook@fundwatch.example>"
    assert mail[KEY_HEADER] == "fundwatch-round-3-webhook"
    assert "Acme Robotics" in mail["Subject"] and "https://news.example/acme" in mail.get_payload()


def test_email_to_a_closed_port_raises_channel_error(msg: AlertMessage) -> None:
    with pytest.raises(ChannelError, match="SMTP"):
        EmailChannel("127.0.0.1", 1, "a@b.example", ("c@d.example",), security="none", timeout_s=2).send(msg)


def test_apprise_posts_to_a_json_service(msg: AlertMessage) -> None:
    with webhook_receiver() as rx:
        AppriseChannel([rx.url.replace("http://", "json://")]).send(msg)
    [d] = rx.deliveries
    assert "fundwatch-round-3-webhook" in d.json()["message"] and "Acme Robotics" in d.json()["title"]


def test_apprise_refuses_an_unknown_url_without_echoing_it() -> None:
    with pytest.raises(SettingsError, match=r"FUNDWATCH_APPRISE_URLS.*nosuch://…$"):
        AppriseChannel(["nosuch://token-abc"])


@pytest.mark.parametrize(
    ("env", "named"),
    [
        pytest.param({"FUNDWATCH_CRAWL_CRON": "0 25 * * *"}, "FUNDWATCH_CRAWL_CRON", id="bad-cron-hour"),
        pytest.param({"FUNDWATCH_CRAWL_CRON": "every night"}, "FUNDWATCH_CRAWL_CRON", id="not-a-cron"),
        pytest.param({"FUNDWATCH_ALERT_CHANNELS": "console,pager"}, "FUNDWATCH_ALERT_CHANNELS", id="unknown-channel"),
        pytest.param({"FUNDWATCH_ALERT_CHANNELS": "email", "FUNDWATCH_SMTP_TO": "a@b.c"}, "FUNDWATCH_SMTP_HOST", id="no-smtp-host"),
        pytest.param({"FUNDWATCH_ALERT_CHANNELS": "webhook"}, "FUNDWATCH_WEBHOOK_URL", id="no-webhook-url"),
        pytest.param({"FUNDWATCH_WEBHOOK_FORMAT": "xml"}, "FUNDWATCH_WEBHOOK_FORMAT", id="bad-webhook-format"),
        pytest.param({"FUNDWATCH_TIMEZONE": "Mars/Olympus"}, "FUNDWATCH_TIMEZONE", id="bad-timezone"),
        pytest.param({"FUNDWATCH_ALERT_INTERVAL": "0"}, "FUNDWATCH_ALERT_INTERVAL", id="zero-interval"),
    ],
)  # fmt: skip
def test_malformed_configuration_is_refused_naming_the_setting(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env(env)
    assert named in str(err.value) and "\n" not in str(err.value)


def test_cron_is_read_in_the_configured_time_zone() -> None:
    from scheduler.service import default_triggers

    s = Settings.from_env({"FUNDWATCH_CRAWL_CRON": "0 2 * * *", "FUNDWATCH_TIMEZONE": "Asia/Shanghai"})
    trigger = default_triggers(s.schedule)["nightly-crawl"]
    fire = trigger.get_next_fire_time(None, datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    assert fire.astimezone(UTC) == datetime(2026, 11, 26, 18, 0, tzinfo=UTC)
