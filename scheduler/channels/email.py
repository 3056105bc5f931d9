"""The e-mail channel: one message per alert over SMTP, its Message-ID derived from the idempotency key."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate

from fundwatch.settings import ChannelSettings
from scheduler.alert_message import AlertMessage, render_text
from scheduler.channels import ChannelError

KEY_HEADER = "X-Fundwatch-Idempotency-Key"


def build_email(msg: AlertMessage, sender: str, recipients: tuple[str, ...]) -> EmailMessage:
    """The e-mail for an alert. A resend after a crash has the same Message-ID, so mail clients and
    list servers that deduplicate by Message-ID show it once."""
    domain = sender.rpartition("@")[2] or "fundwatch.localhost"
    email = EmailMessage()
    email["Subject"] = f"[fundwatch] {msg.title}"
    email["From"] = sender
    email["To"] = ", ".join(recipients)
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = f"<{msg.idempotency_key}@{domain}>"
    email[KEY_HEADER] = msg.idempotency_key
    email.set_content(render_text(msg) + "\n")
    return email


class EmailChannel:
    name = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        recipients: tuple[str, ...],
        *,
        security: str = "starttls",
        user: str | None = None,
        password: str | None = None,
        timeout_s: float = 30,
    ) -> None:
        self.host, self.port, self.sender, self.recipients = host, port, sender, recipients
        self.security, self.user, self.password, self.timeout_s = security, user, password, timeout_s

    @classmethod
    def from_settings(cls, c: ChannelSettings) -> EmailChannel:
        assert c.smtp_host is not None
        return cls(
            c.smtp_host,
            c.smtp_port,
            c.smtp_from,
            c.smtp_to,
            security=c.smtp_security,
            user=c.smtp_user,
            password=c.smtp_password,
            timeout_s=c.send_timeout_s,
        )

    def _connect(self) -> smtplib.SMTP:
        if self.security == "ssl":
            return smtplib.SMTP_SSL(
                self.host, self.port, timeout=self.timeout_s, context=ssl.create_default_context()
            )
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout_s)
        if self.security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        return smtp

    def send(self, msg: AlertMessage) -> None:
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(build_email(msg, self.sender, self.recipients))
        except (smtplib.SMTPException, OSError) as exc:
            raise ChannelError(f"SMTP {self.host}:{self.port}: {exc}") from exc
