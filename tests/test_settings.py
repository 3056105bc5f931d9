"""Settings: defaults, and a one-line error naming the setting for each bad value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from fundwatch.settings import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_defaults() -> None:
    s = Settings.from_env({})
    assert s.database_url == DEFAULT_DATABASE_URL
    assert s.alert_policy.threshold_usd == Decimal(100_000_000)
    assert s.alert_policy.channels == ("console", "jsonl")


@pytest.mark.parametrize(
    ("env", "names"),
    [
        pytest.param(
            {"FUNDWATCH_ALERT_THRESHOLD_USD": "lots"}, "FUNDWATCH_ALERT_THRESHOLD_USD", id="threshold"
        ),
        pytest.param({"FUNDWATCH_ALERT_THRESHOLD_USD": "-5"}, "FUNDWATCH_ALERT_THRESHOLD_USD", id="negative"),
        pytest.param({"FUNDWATCH_ALERT_CHANNELS": "console,pager"}, "FUNDWATCH_ALERT_CHANNELS", id="channel"),
        pytest.param({"FUNDWATCH_ALERT_MAX_AGE_DAYS": "week"}, "FUNDWATCH_ALERT_MAX_AGE_DAYS", id="age"),
    ],
)
def test_bad_values_name_the_setting(env: dict[str, str], names: str) -> None:
    with pytest.raises(SettingsError, match=names):
        Settings.from_env(env)


def test_threshold_accepts_separators_and_unlimited_age() -> None:
    s = Settings.from_env(
        {"FUNDWATCH_ALERT_THRESHOLD_USD": "50_000_000", "FUNDWATCH_ALERT_MAX_AGE_DAYS": "none"}
    )
    assert s.alert_policy.threshold_usd == Decimal(50_000_000)
    assert s.alert_policy.max_age_days is None
