"""First-person announcements ("We have raised $60 million"): the company is the one the post keeps naming."""

from __future__ import annotations

import re
from collections import Counter

from ingest.companies import plausible_en, title_subject

_FIRST_PERSON = re.compile(
    r"(?:^|[\s,;:])(?:we(?:['’](?:ve|re|d|ll))?|our (?:company|team|startup))\s*$", re.I
)
_NAME = re.compile(r"(?<=[a-z0-9,;:()] )[A-Z][\w&.-]*(?: (?:&|[A-Z][\w&.-]*)){0,2}")
_NOT_NAMES = {
    "I",
    "We",
    "Our",
    "VC",
    "CEO",
    "SEC",
    "Series",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}


def is_first_person(subject: str) -> bool:
    """Whether an English subject is the writer's own company ("We", "I'm thrilled to say that we").

    >>> is_first_person("We"), is_first_person("So, I'm excited to announce that we"), is_first_person("Acme")
    (True, True, False)
    """
    return bool(_FIRST_PERSON.search(subject.strip()))


def publisher_company(title: str, site_name: str | None, text: str) -> str | None:
    """Who "we" is in a first-person post: the headline's subject or the site's name when the text names
    it twice, else the name the text most often makes the subject of a company's verb ("Acme now has 80
    employees", "a new Acme investment round"), named at least twice (a name met once is someone else).

    >>> publisher_company("", None, "Today Acme ships. Acme has 80 staff. We love Ruby, Ruby and Ruby.")
    'Acme'
    >>> publisher_company("", None, "We thank Bob. We raised money.") is None
    True
    """
    site = re.split(r"\s[|–—-]\s", site_name or "")[0].removesuffix(" Blog").strip()
    for name in (title_subject(title), site or None):
        if name and _usable(name) and _times(name, text, None) >= 2:
            return name
    names = dict.fromkeys(m.group(0).rstrip(".") for m in _NAME.finditer(text))  # text order: ties stable
    scored = Counter(  # str.count first: most names are met once, and a regex per name scans the whole text
        {
            n: k
            for n in names
            if text.count(n) >= 2
            and _usable(n)
            and (k := _times(n, text, _ACTS))
            and _times(n, text, None) >= 2
        }
    )
    return scored.most_common(1)[0][0] if scored else None


_ACTS = re.compile(
    r"(?:[’']s)? (?:is|was|has|had|now|will|became|grew|employs|offers|hosts|team|employees|customers|users|investment|round|funding)\b"
)


def _usable(name: str) -> bool:
    return name.split()[0] not in _NOT_NAMES and plausible_en(name)


def _times(name: str, text: str, after: re.Pattern[str] | None) -> int:
    r"""How often `name` (not empty) stands in `text` as a whole word (no letter, digit, "_" or "-" on
    either side), followed by a match of `after` if given.

    Counted without overlaps, as re.findall counts `(?<![\w-])name(?![\w-])after`, but without compiling a
    pattern per name: most names are new to the regex cache, and a compile costs more than scanning a long
    article with str.find.
    """
    count, at = 0, text.find(name) if name else -1
    while at >= 0:
        end = at + len(name)
        whole = not (_word_char(text, at - 1) or _word_char(text, end))
        tail = after.match(text, end) if whole and after is not None else None
        if whole and (after is None or tail is not None):
            count += 1
            at = text.find(name, tail.end() if tail is not None else end)
        else:
            at = text.find(name, at + 1)
    return count


def _word_char(text: str, i: int) -> bool:
    r"""Whether text[i] exists and is a regex word character (\w) or a hyphen."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")
