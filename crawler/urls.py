"""Canonical article URLs (the seen-state key) and the private-address rule."""

from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs", "ga_")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "mkt_tok",
        "ref_src",
        "cmpid",
        "ncid",
        "sr_share",
        "guccounter",
        "guce_referrer",
        "guce_referrer_sig",
        "spm",
        "_ga",
    }
)


def is_tracking_param(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def canonical_url(url: str, drop: tuple[str, ...] = ()) -> str:
    """The URL under which an article is stored: tracking parameters and fragment dropped, the rest
    normalised by w3lib (lower-case host, sorted query, percent-encoding). `drop` names a source's own
    tracking parameters (36Kr's feed adds ?f=rss).

    >>> canonical_url("https://Example.com/a/b?utm_source=x&id=2&fbclid=y#top")
    'https://example.com/a/b?id=2'
    """
    parts = urlsplit(url.strip())
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not is_tracking_param(k) and k not in drop
    ]
    cleaned = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    return canonicalize_url(cleaned)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_private_host(host: str) -> bool:
    """True for loopback, private, link-local and other non-public address literals and 'localhost'."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not addr.is_global


def is_allowed(url: str, domains: tuple[str, ...]) -> bool:
    host = host_of(url)
    return any(host == d or host.endswith("." + d) for d in domains)
