"""The alias file: valid files give name groups; each kind of mistake is one line naming file and entry."""

from __future__ import annotations

import pytest

from ingest.aliases import AliasFileError, parse_aliases

GOOD = """
[[company]]
name = "ByteDance"
aliases = ["字节跳动", "Bytedance Ltd"]

[[investor]]
name = "SoftBank Vision Fund"
aliases = ["SVF", "Vision Fund"]
"""


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(["字节跳动"], ["ByteDance", "字节跳动", "Bytedance Ltd"], id="alias-brings-its-group"),
        pytest.param(
            ["ByteDance, Ltd."], ["ByteDance", "字节跳动", "Bytedance Ltd", "ByteDance, Ltd."], id="by-key"
        ),
        pytest.param(["TikTok"], ["TikTok"], id="unknown-name-untouched"),
    ],
)
def test_company_names(names: list[str], expected: list[str]) -> None:
    assert parse_aliases(GOOD, "aliases.toml").company_names(names) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("SVF", "SoftBank Vision Fund", id="alias"),
        pytest.param("vision fund", "SoftBank Vision Fund", id="case"),
        pytest.param("Sequoia", "Sequoia", id="unknown"),
    ],
)
def test_investor_name(name: str, expected: str) -> None:
    assert parse_aliases(GOOD, "aliases.toml").investor_name(name) == expected


BAD = [
    ("not-toml", "[[company]\nname=1", "aliases.toml: not valid TOML"),
    ("unknown-section", '[[companies]]\nname = "A"', "unknown section 'companies'"),
    ("section-not-array", '[company]\nname = "A"', "company must be an array of tables"),
    ("missing-name", '[[company]]\naliases = ["A"]', '[[company]] entry 1 needs name = "..."'),
    ("empty-name", '[[investor]]\nname = " "', "[[investor]] entry 1 needs name"),
    ("aliases-not-list", '[[company]]\nname = "A"\naliases = "B"', "entry 1 ('A'): aliases must be a list"),
    ("empty-alias", '[[company]]\nname = "A"\naliases = [""]', "aliases must be a list of non-empty"),
    ("unknown-key", '[[company]]\nname = "A"\nalias = ["B"]', "unknown key 'alias'"),
    ("no-letters", '[[company]]\nname = "A"\naliases = ["--"]', "'--' has no letters or digits"),
    (
        "name-in-two-groups",
        '[[company]]\nname = "A"\naliases = ["B"]\n[[company]]\nname = "C"\naliases = ["b"]',
        "[[company]] entry 2 ('C'): 'b' is already a name of 'A'",
    ),
]


@pytest.mark.parametrize(("text", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_file_is_one_line_naming_file_and_entry(text: str, message: str) -> None:
    with pytest.raises(AliasFileError) as err:
        parse_aliases(text, "aliases.toml")
    assert message in str(err.value)
    assert str(err.value).startswith("aliases.toml: ")
    assert "\n" not in str(err.value)
