"""Identity keys of company and investor names: width, case, punctuation and legal suffixes folded (pure)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from cleanco import basename
from cleanco.clean import normalized, prepare_default_terms, strip_punct, strip_tail

# Chinese registered names: "北京字节跳动科技有限公司" is 字节跳动. Region prefixes and the trade word
# 科技/网络/信息技术 go only together with a legal suffix, i.e. from a full registered name.
_ZH_LEGAL = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团股份|股份公司|集团)$")
_ZH_TRADE = re.compile(r"(?:信息|网络|数字|智能|电子)?(?:科技|技术|网络|信息|控股|电子商务)$")
_ZH_REGION = re.compile(
    r"^(北京市?|上海市?|深圳市?|广州市?|杭州市?|南京市?|成都市?|武汉市?|天津市?|苏州市?|重庆市?|西安市?|厦门市?|香港)"
)
_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_DOTCOM = re.compile(r"\.com$", re.IGNORECASE)
_PARENS = re.compile(r"^(?P<main>[^(（]+?)\s*[(（](?P<alias>[^)）]+)[)）]\s*$")
_DBA = re.compile(r"\s+(?:d/b/a|dba|a/k/a|aka|formerly)\s+", re.IGNORECASE)


def split_aliases(name: str) -> list[str]:
    """The names a company is given in one string: "ByteDance (字节跳动)" names it twice.

    >>> split_aliases("ByteDance (字节跳动)")
    ['ByteDance', '字节跳动']
    >>> split_aliases("Danal d/b/a BilltoMobile")
    ['Danal', 'BilltoMobile']
    >>> split_aliases("Acme (India) Pvt Ltd")
    ['Acme (India) Pvt Ltd']
    """
    name = name.strip()
    match = _PARENS.match(name)
    if match:
        return [match["main"].strip(), match["alias"].strip()]
    parts = [p.strip() for p in _DBA.split(name) if p.strip()]
    return parts or [name]


def _fold_chinese(text: str) -> str:
    legal = _ZH_LEGAL.sub("", text)
    if legal == text:
        return text
    core = _ZH_REGION.sub("", _ZH_TRADE.sub("", legal))
    return core if len(core) >= 2 else legal


# cleanco compares a name against each of its ~300 suffixes; a name whose last word ends none of
# them (most names) skips that loop. Same result, a tenth of the time on a 1M-row import.
_LEGAL_LAST = frozenset(parts[-1] for _, parts in prepare_default_terms())


def _legal_base(text: str) -> str:
    words = normalized(strip_tail(text)).split()
    if not words or strip_punct(words[-1]) not in _LEGAL_LAST:
        return text
    return basename(text)  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """Identity key of a company name: width, case, punctuation, spacing, a leading "The", a
    trailing ".com" and legal suffixes (English via cleanco, Chinese) folded. Words are never
    dropped otherwise: "Good Technology" and "GOOD" stay two companies.

    >>> company_key("Grid Networks, Inc.") == company_key("GridNetworks")
    True
    >>> company_key("OYO Rooms") == company_key("Oyorooms")
    True
    >>> company_key("Good Technology") == company_key("GOOD") or company_key("GOOD") == company_key("Good.Co")
    False
    >>> company_key("北京字节跳动科技有限公司") == company_key("字节跳动")
    True
    """
    return "".join(company_words(name))


@lru_cache(maxsize=65536)
def company_words(name: str) -> tuple[str, ...]:
    """The words of a company name as its key folds them; joined, they are `company_key(name)`.

    >>> company_words("Zend Technologies, Inc.")
    ('zend', 'technologies')
    """
    text = _fold_chinese(unicodedata.normalize("NFKC", name).strip())
    text = _DOTCOM.sub("", _THE.sub("", text))
    stripped = _legal_base(text)
    if len(_PUNCT.sub("", stripped)) >= 2:
        text = stripped
    return tuple(w for w in _PUNCT.split(text.casefold()) if w)


def block_of(key: str) -> str:
    """The block a company key is fuzzily compared within (its first four characters): cost stays
    linear in the number of companies, and names that differ at the start never merge."""
    return key[:4]


# Words outlets add to or drop from an investor's name: "SoftBank" / "SoftBank Group Corp.".
_INVESTOR_TAIL = re.compile(
    r"[\s,]+(?:group|holdings?|investments?|(?:asset |fund )?management)\.?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def investor_key(name: str) -> str:
    """Identity key of an investor name: the company folding, a leading "The", and trailing
    corporate words (Group, Holding(s), Investment(s), (Asset/Fund) Management, legal suffixes) as
    often as they repeat: "Hillhouse Capital Management" is "Hillhouse Capital". No other word:
    "General Catalyst" and "General Atlantic" stay two investors, as do "Sequoia" and "Sequoia Capital".

    >>> investor_key("SoftBank") == investor_key("SoftBank Group Corp.") == investor_key("Softbank Group")
    True
    >>> investor_key("The Carlyle Group") == investor_key("Carlyle")
    True
    >>> investor_key("General Catalyst") == investor_key("General Atlantic")
    False
    """
    text = _THE.sub("", unicodedata.normalize("NFKC", name).strip())
    while True:
        shorter = _INVESTOR_TAIL.sub("", _legal_base(text)).strip(" ,")
        if shorter == text or len(_PUNCT.sub("", shorter)) < 2:
            return company_key(text)
        text = shorter
