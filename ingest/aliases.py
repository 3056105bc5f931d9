"""The user's alias file: names that are one company or one investor (TOML text in, AliasBook out; pure)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from ingest.dedupe import company_key, investor_key

KINDS = ("company", "investor")


class AliasFileError(ValueError):
    """The alias file cannot be used; the one-line message names the file and the entry."""


@dataclass(frozen=True)
class AliasBook:
    """Company and investor name groups; each group's first name is the one fundwatch shows.

    >>> book = parse_aliases('[[company]]\\nname = "ByteDance"\\naliases = ["字节跳动"]', "a.toml")
    >>> book.company_names(["字节跳动"])
    ['ByteDance', '字节跳动']
    >>> book.investor_name("Sequoia")
    'Sequoia'
    """

    companies: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    investors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def company_names(self, names: Sequence[str]) -> list[str]:
        """The names with, for the first one the file knows, its whole group in front of them."""
        if not self.companies:
            return list(names)
        group = next((self.companies[k] for k in map(company_key, names) if k in self.companies), ())
        return list(dict.fromkeys([*group, *names]))

    def investor_name(self, name: str) -> str:
        """The name the file gives this investor (the name itself when the file does not know it)."""
        if not self.investors:
            return name
        return self.investors.get(investor_key(name), name)


NO_ALIASES = AliasBook()


def _entry_names(kind: str, i: int, entry: object, where: str) -> tuple[str, ...]:
    label = f"{where}: [[{kind}]] entry {i}"
    if not isinstance(entry, dict):
        raise AliasFileError(f"{label} is not a table")
    name, aliases = entry.get("name"), entry.get("aliases", [])
    if not isinstance(name, str) or not name.strip():
        raise AliasFileError(f'{label} needs name = "..." (a non-empty string)')
    label = f"{label} ({name!r})"
    extra = sorted(set(entry) - {"name", "aliases"})
    if extra:
        raise AliasFileError(f"{label}: unknown key {extra[0]!r} (only name and aliases)")
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise AliasFileError(f"{label}: aliases must be a list of non-empty strings")
    names = tuple(dict.fromkeys(n.strip() for n in (name, *aliases)))
    bad = next((n for n in names if not company_key(n)), None)
    if bad is not None:
        raise AliasFileError(f"{label}: {bad!r} has no letters or digits")
    return names


def _groups(kind: str, entries: object, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(entries, list):
        raise AliasFileError(f"{where}: {kind} must be an array of tables ([[{kind}]])")
    key_of = company_key if kind == "company" else investor_key
    out: dict[str, tuple[str, ...]] = {}
    for i, entry in enumerate(entries, 1):
        names = _entry_names(kind, i, entry, where)
        for n in names:
            k = key_of(n)
            if k in out and out[k][0] != names[0]:
                raise AliasFileError(
                    f"{where}: [[{kind}]] entry {i} ({names[0]!r}): {n!r} is already a name of {out[k][0]!r}"
                )
            out[k] = names
    return out


def parse_aliases(text: str, where: str) -> AliasBook:
    """Read an alias file's text (`where` names it in errors). Names are compared by identity key,
    so "Bytedance Ltd" in the file also covers "ByteDance, Ltd." in an article."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise AliasFileError(f"{where}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(KINDS))
    if unknown:
        raise AliasFileError(f"{where}: unknown section {unknown[0]!r} (use [[company]] or [[investor]])")
    companies = _groups("company", data.get("company", []), where)
    investors = {k: names[0] for k, names in _groups("investor", data.get("investor", []), where).items()}
    return AliasBook(MappingProxyType(companies), MappingProxyType(investors))
