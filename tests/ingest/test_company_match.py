"""The block scans of ingest.company_match give what the plain rule, one candidate at a time, gives.

fuzzy_match scores the whole block before applying its length and number rules, and
extension_candidates picks prefix pairs before its other checks; both must return exactly what the
straightforward definitions below return (same candidate, same order), on blocks full of near
spellings, added words, numbers and ties.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process

from ingest.company_match import (
    EXTENSION_MIN_LEN,
    FUZZY_MIN_LEN,
    FUZZY_MIN_SCORE,
    _word_ends_kept,
    extension_candidates,
    fuzzy_match,
    word_ends,
)

_DIGITS = re.compile(r"\d+")


def plain_fuzzy_match(key: str, candidates: Sequence[str], names: Mapping[str, str]) -> str | None:
    if len(key) < FUZZY_MIN_LEN:
        return None
    digits = _DIGITS.findall(key)
    pool = [
        c
        for c in candidates
        if len(c) >= FUZZY_MIN_LEN and abs(len(c) - len(key)) <= 2 and _DIGITS.findall(c) == digits
    ]
    ends = word_ends(key, names.get(key, ""))
    for cand, _, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None):
        if _word_ends_kept(key, cand, ends, word_ends(cand, names.get(cand, ""))):
            return cand  # type: ignore[no-any-return]
    return None


def plain_extension_candidates(key: str, candidates: Sequence[str], names: Mapping[str, str]) -> list[str]:
    digits = _DIGITS.findall(key)
    out = []
    for c in candidates:
        short, long = sorted((key, c), key=len)
        if len(short) < EXTENSION_MIN_LEN or len(short) == len(long) or not long.startswith(short):
            continue
        if len(short) - 1 in word_ends(long, names.get(long, "")) and _DIGITS.findall(c) == digits:
            out.append(c)
    return out


WORDS = [
    "pan",
    "dora",
    "media",
    "labs",
    "s",
    "net",
    "works",
    "grid",
    "1",
    "2",
    "10",
    "x",
    "on",
    "ai",
    "systems",
]


def _slip(rng: random.Random, name: str) -> str:
    """A near spelling of a name: a letter dropped, doubled or changed, another number, a word added."""
    kind = rng.randrange(5)
    i = rng.randrange(4, len(name)) if len(name) > 4 else len(name) - 1
    if kind == 0 and len(name) > 5:
        return name[:i] + name[i + 1 :]
    if kind == 1:
        return name[:i] + name[i] + name[i:]
    if kind == 2:
        return name[:i] + rng.choice("aes") + name[i + 1 :]
    if kind == 3:
        return re.sub(r"\d+", lambda m: str(int(m[0]) + 1), name) if re.search(r"\d", name) else name + " 2"
    return f"{name} {rng.choice(WORDS)}"


def _block(rng: random.Random) -> tuple[list[str], dict[str, str]]:
    """Keys of one block (a shared start) and names for most of them: base names and near spellings
    of them (up to four slips), so that many keys are close, longer and shorter, tied in score."""
    named: list[str] = ["pan dora", "pan"] if rng.random() < 0.5 else []
    for _ in range(rng.randint(1, 15)):
        base = " ".join(["pand", *rng.choices(WORDS, k=rng.randint(0, 9))])
        named.append(base)
        for _ in range(rng.randint(0, 3)):
            variant = base
            for _ in range(rng.randint(1, 4)):
                variant = _slip(rng, variant)
            named.append(variant)
    names: dict[str, str] = {}
    for name in named:
        key = re.sub(r"\W+", "", name)
        if rng.random() < 0.8:  # some keys have no known name (word ends unknown)
            names.setdefault(key, name)
    keys = list(dict.fromkeys(re.sub(r"\W+", "", n) for n in named))
    rng.shuffle(keys)
    return keys, names


def test_block_scans_agree_with_the_plain_rule() -> None:
    rng = random.Random(5)
    fuzzy_found = extension_found = 0
    for _ in range(300):
        keys, names = _block(rng)
        for key in keys[:12] + ["pan", "pand", "pandora", "pandoramedialab", "pandoramedia1"]:
            block = [k for k in keys if k != key]  # a key is looked for only when it is not stored yet
            got = fuzzy_match(key, block, names)
            assert got == plain_fuzzy_match(key, block, names), (key, block)
            ext = extension_candidates(key, block, names)
            assert ext == plain_extension_candidates(key, block, names), (key, block)
            fuzzy_found += got is not None
            extension_found += bool(ext)
    assert fuzzy_found > 100 and extension_found > 100  # the blocks do exercise both rules
