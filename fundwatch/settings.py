"""Every FUNDWATCH_* setting, read in one place (the README documents each one)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from scheduler.alert_rule import AlertPolicy

DEFAULT_DATABASE_URL = "sqlite:///fundwatch.db"
BUNDLED_SOURCES = Path(__file__).resolve().parents[1] / "crawler" / "sources.toml"
KNOWN_CHANNELS = ("console", "jsonl", "webhook", "email", "apprise")


class SettingsError(ValueError):
    """A setting has a value fundwatch cannot use; the message names the setting."""


def _int(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("none", "off", "unlimited"):
        return None
    try:
        return int(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None


def _decimal(env: Mapping[str, str], name: str, default: Decimal) -> Decimal:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = Decimal(raw.replace("_", "").replace(",", ""))
    except InvalidOperation:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise SettingsError(f"{name}={raw!r} must not be negative")
    return value


def _channels(env: Mapping[str, str]) -> tuple[str, ...]:
    raw = env.get("FUNDWATCH_ALERT_CHANNELS", "console,jsonl")
    channels = tuple(c.strip() for c in raw.split(",") if c.strip())
    unknown = [c for c in channels if c not in KNOWN_CHANNELS]
    if unknown:
        raise SettingsError(
            f"FUNDWATCH_ALERT_CHANNELS: unknown channel {unknown[0]!r} (known: {', '.join(KNOWN_CHANNELS)})"
        )
    return channels


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    sources_file: Path = BUNDLED_SOURCES
    alert_policy: AlertPolicy = field(default_factory=AlertPolicy)
    alerts_jsonl: Path = Path("alerts.jsonl")
    crawl_timeout_s: int = 3600
    user_agent_contact: str = "https://github.com/fundwatch/fundwatch"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            database_url=env.get("FUNDWATCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
            sources_file=Path(env.get("FUNDWATCH_SOURCES_FILE") or BUNDLED_SOURCES),
            alert_policy=AlertPolicy(
                threshold_usd=_decimal(env, "FUNDWATCH_ALERT_THRESHOLD_USD", Decimal(100_000_000)),
                max_age_days=_int(env, "FUNDWATCH_ALERT_MAX_AGE_DAYS", 30),
                channels=_channels(env),
            ),
            alerts_jsonl=Path(env.get("FUNDWATCH_ALERTS_JSONL") or "alerts.jsonl"),
            crawl_timeout_s=_int(env, "FUNDWATCH_CRAWL_TIMEOUT", 3600) or 3600,
            user_agent_contact=env.get("FUNDWATCH_CONTACT_URL") or "https://github.com/fundwatch/fundwatch",
        )
