"""Every FUNDWATCH_* setting, read in one place (the README documents each one)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ingest.aliases import NO_ALIASES, AliasBook, AliasFileError, parse_aliases
from scheduler.alert_rule import AlertPolicy, Watchlist

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


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated list (whitespace around items ignored, empty items dropped)."""
    return tuple(x.strip() for x in env.get(name, "").split(",") if x.strip())


def _positive(env: Mapping[str, str], name: str, default: int) -> int:
    value = _int(env, name, default)
    if value is None or value <= 0:
        raise SettingsError(f"{name}={env.get(name)!r} must be a positive whole number")
    return value


def _choice(env: Mapping[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = (env.get(name) or default).strip().lower()
    if value not in allowed:
        raise SettingsError(f"{name}={value!r} is not one of {', '.join(allowed)}")
    return value


def _watchlist(env: Mapping[str, str]) -> Watchlist:
    return Watchlist(
        round_codes=tuple(c.lower() for c in _list(env, "FUNDWATCH_WATCH_ROUNDS")),
        companies=_list(env, "FUNDWATCH_WATCH_COMPANIES"),
        investors=_list(env, "FUNDWATCH_WATCH_INVESTORS"),
        keywords=_list(env, "FUNDWATCH_WATCH_KEYWORDS"),
    )


@dataclass(frozen=True)
class ChannelSettings:
    """How to reach each alert channel; only the enabled ones need values."""

    webhook_url: str | None = None
    webhook_format: str = "slack"
    webhook_secret: str | None = None
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "fundwatch@localhost"
    smtp_to: tuple[str, ...] = ()
    apprise_urls: tuple[str, ...] = ()
    send_timeout_s: int = 30
    backoff_s: int = 60
    backoff_max_s: int = 6 * 3600

    @classmethod
    def from_env(cls, env: Mapping[str, str], channels: tuple[str, ...]) -> ChannelSettings:
        c = cls(
            webhook_url=env.get("FUNDWATCH_WEBHOOK_URL") or None,
            webhook_format=_choice(env, "FUNDWATCH_WEBHOOK_FORMAT", "slack", ("slack", "json")),
            webhook_secret=env.get("FUNDWATCH_WEBHOOK_SECRET") or None,
            smtp_host=env.get("FUNDWATCH_SMTP_HOST") or None,
            smtp_port=_positive(env, "FUNDWATCH_SMTP_PORT", 587),
            smtp_security=_choice(env, "FUNDWATCH_SMTP_SECURITY", "starttls", ("starttls", "ssl", "none")),
            smtp_user=env.get("FUNDWATCH_SMTP_USER") or None,
            smtp_password=env.get("FUNDWATCH_SMTP_PASSWORD") or None,
            smtp_from=env.get("FUNDWATCH_SMTP_FROM") or "fundwatch@localhost",
            smtp_to=_list(env, "FUNDWATCH_SMTP_TO"),
            apprise_urls=tuple(u for u in (env.get("FUNDWATCH_APPRISE_URLS") or "").split() if u),
            send_timeout_s=_positive(env, "FUNDWATCH_ALERT_TIMEOUT", 30),
            backoff_s=_positive(env, "FUNDWATCH_ALERT_BACKOFF", 60),
            backoff_max_s=_positive(env, "FUNDWATCH_ALERT_BACKOFF_MAX", 6 * 3600),
        )
        c.require(channels)
        return c

    @property
    def claim_lease_s(self) -> int:
        """How long a dispatcher reserves an alert it is sending: well beyond one send's time-out,
        so that two dispatchers never send one alert at the same time."""
        return 4 * self.send_timeout_s

    def require(self, channels: tuple[str, ...]) -> None:
        """Refuse an enabled channel that lacks what it needs (named, one line)."""
        needs = {
            "webhook": [("FUNDWATCH_WEBHOOK_URL", self.webhook_url)],
            "email": [("FUNDWATCH_SMTP_HOST", self.smtp_host), ("FUNDWATCH_SMTP_TO", self.smtp_to)],
            "apprise": [("FUNDWATCH_APPRISE_URLS", self.apprise_urls)],
        }
        for channel in channels:
            for name, value in needs.get(channel, []):
                if not value:
                    raise SettingsError(
                        f"{name} is required when FUNDWATCH_ALERT_CHANNELS includes {channel}"
                    )
        if self.webhook_url and not self.webhook_url.startswith(("http://", "https://")):
            raise SettingsError(f"FUNDWATCH_WEBHOOK_URL={self.webhook_url!r} is not an http(s) URL")


def _cron(env: Mapping[str, str], name: str, default: str, tz: ZoneInfo) -> str:
    from apscheduler.triggers.cron import CronTrigger

    value = (env.get(name) or default).strip()
    try:
        CronTrigger.from_crontab(value, timezone=tz)
    except ValueError as exc:
        raise SettingsError(
            f"{name}={value!r} is not a cron expression (minute hour day month weekday): {exc}"
        ) from None
    return value


def _timezone(env: Mapping[str, str]) -> ZoneInfo:
    raw = env.get("FUNDWATCH_TIMEZONE") or "UTC"
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"FUNDWATCH_TIMEZONE={raw!r} is not an IANA time zone (e.g. Europe/Berlin)"
        ) from None


@dataclass(frozen=True)
class ScheduleSettings:
    """When the scheduler service runs each job (cron fields are read in `timezone`)."""

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    crawl_cron: str = "0 2 * * *"
    refresh_cron: str = "30 * * * *"
    health_cron: str = "0 7 * * *"
    dispatch_interval_s: int = 300
    crawl_misfire_grace_s: int = 6 * 3600
    misfire_grace_s: int = 600
    lock_lease_s: int = 60

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ScheduleSettings:
        tz = _timezone(env)
        return cls(
            timezone=tz,
            crawl_cron=_cron(env, "FUNDWATCH_CRAWL_CRON", "0 2 * * *", tz),
            refresh_cron=_cron(env, "FUNDWATCH_REFRESH_CRON", "30 * * * *", tz),
            health_cron=_cron(env, "FUNDWATCH_HEALTH_CRON", "0 7 * * *", tz),
            dispatch_interval_s=_positive(env, "FUNDWATCH_ALERT_INTERVAL", 300),
            crawl_misfire_grace_s=_positive(env, "FUNDWATCH_CRAWL_MISFIRE_GRACE", 6 * 3600),
            misfire_grace_s=_positive(env, "FUNDWATCH_MISFIRE_GRACE", 600),
            lock_lease_s=_positive(env, "FUNDWATCH_LOCK_LEASE", 60),
        )


def load_aliases(env: Mapping[str, str]) -> AliasBook:
    """The alias file named by FUNDWATCH_ALIASES_FILE (TOML, docs/dedup.md), validated; none when unset."""
    raw = env.get("FUNDWATCH_ALIASES_FILE")
    if not raw:
        return NO_ALIASES
    path = Path(raw).expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"FUNDWATCH_ALIASES_FILE={raw!r} cannot be read: {exc}") from None
    try:
        return parse_aliases(text, str(path))
    except AliasFileError as exc:
        raise SettingsError(f"FUNDWATCH_ALIASES_FILE: {exc}") from None


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    sources_file: Path = BUNDLED_SOURCES
    alert_policy: AlertPolicy = field(default_factory=AlertPolicy)
    alerts_jsonl: Path = Path("alerts.jsonl")
    crawl_timeout_s: int = 3600
    user_agent_contact: str = "https://github.com/fundwatch/fundwatch"
    channels: ChannelSettings = field(default_factory=ChannelSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    # FUNDWATCH_ALIASES_FILE: names that are one company or investor, applied by every ingest path.
    aliases: AliasBook = NO_ALIASES

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        channels = _channels(env)
        return cls(
            database_url=env.get("FUNDWATCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
            sources_file=Path(env.get("FUNDWATCH_SOURCES_FILE") or BUNDLED_SOURCES),
            alert_policy=AlertPolicy(
                threshold_usd=_decimal(env, "FUNDWATCH_ALERT_THRESHOLD_USD", Decimal(100_000_000)),
                max_age_days=_int(env, "FUNDWATCH_ALERT_MAX_AGE_DAYS", 30),
                channels=channels,
                watchlist=_watchlist(env),
            ),
            alerts_jsonl=Path(env.get("FUNDWATCH_ALERTS_JSONL") or "alerts.jsonl"),
            crawl_timeout_s=_int(env, "FUNDWATCH_CRAWL_TIMEOUT", 3600) or 3600,
            user_agent_contact=env.get("FUNDWATCH_CONTACT_URL") or "https://github.com/fundwatch/fundwatch",
            channels=ChannelSettings.from_env(env, channels),
            schedule=ScheduleSettings.from_env(env),
            crawl=CrawlSettings.from_env(env),
            aliases=load_aliases(env),
        )
