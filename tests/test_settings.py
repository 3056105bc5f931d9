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


def test_alias_file_is_loaded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "aliases.toml"
    path.write_text('[[company]]\nname = "ByteDance"\naliases = ["字节跳动"]\n', encoding="utf-8")
    s = Settings.from_env({"FUNDWATCH_ALIASES_FILE": str(path)})
    assert s.aliases.company_names(["字节跳动"]) == ["ByteDance", "字节跳动"]
    assert Settings.from_env({}).aliases.company_names(["字节跳动"]) == ["字节跳动"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(None, r"FUNDWATCH_ALIASES_FILE=.*cannot be read", id="missing-file"),
        pytest.param(
            '[[company]]\nname = "A"\naliases = "B"', r"aliases\.toml: \[\[company\]\] entry 1", id="entry"
        ),
    ],
)
def test_bad_alias_file_is_one_line_naming_file_and_entry(tmp_path, text: str | None, expected: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "aliases.toml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match=expected) as err:
        Settings.from_env({"FUNDWATCH_ALIASES_FILE": str(path)})
    assert "\n" not in str(err.value)
