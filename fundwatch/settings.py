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


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise SettingsError(f"{name}={raw!r} must not be negative")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}={raw!r} is not on/off")


@dataclass(frozen=True)
class CrawlSettings:
    """How politely and how far a crawl goes (docs/crawling.md documents each FUNDWATCH_CRAWL_* name)."""

    per_domain_concurrency: int = 4
    download_delay_s: float = 0.5
    autothrottle: bool = True
    download_timeout_s: int = 30
    max_page_bytes: int = 5 * 1024 * 1024
    max_feed_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    retry_backoff_s: float = 2.0
    retry_after_max_s: float = 120.0
    max_pages: int | None = 500

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CrawlSettings:
        d = cls()
        return cls(
            per_domain_concurrency=_int(
                env, "FUNDWATCH_CRAWL_CONCURRENCY_PER_DOMAIN", d.per_domain_concurrency
            )
            or d.per_domain_concurrency,
            download_delay_s=_float(env, "FUNDWATCH_CRAWL_DELAY", d.download_delay_s),
            autothrottle=_bool(env, "FUNDWATCH_CRAWL_AUTOTHROTTLE", d.autothrottle),
            download_timeout_s=_int(env, "FUNDWATCH_CRAWL_DOWNLOAD_TIMEOUT", d.download_timeout_s)
            or d.download_timeout_s,
            max_page_bytes=_int(env, "FUNDWATCH_CRAWL_MAX_PAGE_BYTES", d.max_page_bytes) or 0,
            max_feed_bytes=_int(env, "FUNDWATCH_CRAWL_MAX_FEED_BYTES", d.max_feed_bytes) or 0,
            retries=_int(env, "FUNDWATCH_CRAWL_RETRIES", d.retries) or 0,
            retry_backoff_s=_float(env, "FUNDWATCH_CRAWL_RETRY_BACKOFF", d.retry_backoff_s),
            retry_after_max_s=_float(env, "FUNDWATCH_CRAWL_RETRY_AFTER_MAX", d.retry_after_max_s),
            max_pages=_int(env, "FUNDWATCH_CRAWL_MAX_PAGES", d.max_pages),
        )


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
    crawl: CrawlSettings = field(default_factory=CrawlSettings)

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
            crawl=CrawlSettings.from_env(env),
        )
