"""The webhook channel: a Slack-compatible payload, or generic JSON signed with HMAC-SHA256."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.request

from scheduler.alert_message import AlertMessage, to_json, to_slack
from scheduler.channels import ChannelError

SIGNATURE_HEADER = "X-Fundwatch-Signature"


def sign(body: bytes, secret: str) -> str:
    """The signature header value: `sha256=` and the hex HMAC-SHA256 of the exact body bytes."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(msg: AlertMessage, fmt: str) -> bytes:
    data = to_slack(msg) if fmt == "slack" else to_json(msg)
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode()


class WebhookChannel:
    name = "webhook"

    def __init__(
        self, url: str, fmt: str = "slack", secret: str | None = None, timeout_s: float = 30
    ) -> None:
        self.url, self.fmt, self.secret, self.timeout_s = url, fmt, secret, timeout_s

    def request(self, msg: AlertMessage) -> urllib.request.Request:
        body = payload(msg, self.fmt)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "fundwatch-alerts",
            "Idempotency-Key": msg.idempotency_key,
        }
        if self.secret:
            headers[SIGNATURE_HEADER] = sign(body, self.secret)
        return urllib.request.Request(self.url, data=body, headers=headers, method="POST")

    def send(self, msg: AlertMessage) -> None:
        try:
            with urllib.request.urlopen(self.request(msg), timeout=self.timeout_s) as resp:
                resp.read()
        except urllib.error.HTTPError as exc:
            raise ChannelError(f"webhook answered HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ChannelError(f"webhook unreachable: {reason}") from exc
