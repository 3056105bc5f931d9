"""Names no key matches that may still be one company: spelling variants, and "X" / "X Media" (pure).

Both compare a new name only with the names of its block (ingest.company_keys.block_of), so the cost
stays linear in the number of companies. Word boundaries come from the original names: the keys
drop spaces.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from ingest.company_keys import company_words

_DIGITS = re.compile(r"\d+")
FUZZY_MIN_LEN = 8
FUZZY_MIN_SCORE = 93.0
# "X" in "X Media": shorter names are too common a word to be matched even with a shared round.
EXTENSION_MIN_LEN = 4
NO_NAMES: Mapping[str, str] = {}


def word_ends(key: str, name: str = "") -> frozenset[int]:
    """Positions in `key` of the last letter of each word of `name` (its key); when the name is
    unknown or has another key, only the end of the key.

    >>> sorted(word_ends("zendtechnologies", "Zend Technologies"))
    [3, 15]
    """
    words = company_words(name) if name else ()
    if "".join(words) != key:
        return frozenset({len(key) - 1})
    ends, pos = set(), -1
    for w in words:
        pos += len(w)
        ends.add(pos)
    return frozenset(ends)


def _word_ends_kept(a: str, b: str, ends_a: frozenset[int], ends_b: frozenset[int]) -> bool:
    """Whether every edit from `a` to `b` leaves the ends of words alone, but for a plural "s":
    "PowerReview" / "PowerReviews" and "Craftstvilla" / "Craftsvilla" are spellings of one name,
    "Zend" / "Zenda", "Media" / "Median", "Tastemakers" / "TastemakerX" are other words."""
    for op in Levenshtein.editops(a, b):
        if op.tag == "delete" and op.src_pos in ends_a and a[op.src_pos] != "s":
            return False
        if op.tag == "insert" and op.dest_pos in ends_b and b[op.dest_pos] != "s":
            return False
        if op.tag == "replace" and (op.src_pos in ends_a or op.dest_pos in ends_b):
            return False
    return True


def fuzzy_match(key: str, candidates: Sequence[str], names: Mapping[str, str] = NO_NAMES) -> str | None:
    """The candidate key (from the same block) that is a spelling variant of `key`, if any.

    Only long keys, only near-identical spellings (a missing letter, a plural), never a different
    number ("Grid 1" / "Grid 2"), never another word ending (`names` maps keys to a name each, for
    the word boundaries): a name that is a prefix of another ("conduit" / "conduitlabs") is a
    different company.

    >>> fuzzy_match("powerreview", ["powerreviews", "powerset"])
    'powerreviews'
    >>> fuzzy_match("conduit", ["conduitlabs"]) is None
    True
    >>> fuzzy_match("gridnetworks1", ["gridnetworks10", "gridnetworks2"]) is None
    True
    >>> fuzzy_match("socialmedia", ["socialmedian"], {"socialmedian": "Social Median"}) is None
    True
    """
    if len(key) < FUZZY_MIN_LEN:
        return None
    digits = _DIGITS.findall(key)
    pool = [c for c in candidates if len(c) >= FUZZY_MIN_LEN and abs(len(c) - len(key)) <= 2]
    ends = word_ends(key, names.get(key, ""))
    # The numbers are compared only for the near spellings: filtering after the scorer keeps the
    # order (score, then position) and is cheaper than a regex over the whole block.
    for cand, _, _ in process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE, limit=None):
        if _DIGITS.findall(cand) == digits and _word_ends_kept(
            key, cand, ends, word_ends(cand, names.get(cand, ""))
        ):
            return cand  # type: ignore[no-any-return]
    return None


def extension_candidates(
    key: str, candidates: Sequence[str], names: Mapping[str, str] = NO_NAMES
) -> list[str]:
    """Candidate keys that are `key` with whole words added or taken away at the end ("Pandora" /
    "Pandora Media"), with the same numbers. Such names are one company only when they also report
    the same round (ingest.dedupe.same_reported_round): "Conduit" and "Conduit Labs" never do.

    >>> extension_candidates("pandora", ["pandoramedia", "pandoras", "pandora2"], {"pandoramedia": "Pandora Media"})
    ['pandoramedia']
    """
    digits = _DIGITS.findall(key)
    out = []
    for c in candidates:
        if len(c) == len(key):
            continue
        short, long = (key, c) if len(key) < len(c) else (c, key)
        if len(short) < EXTENSION_MIN_LEN or not long.startswith(short):
            continue
        if len(short) - 1 in word_ends(long, names.get(long, "")) and _DIGITS.findall(c) == digits:
            out.append(c)
    return out
