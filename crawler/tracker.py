"""Which listings (feeds, sitemaps) were fully handled, so their validators may be saved.

A listing's ETag is saved only when every article it led to was stored (or failed for good): if a
crawl dies half-way, the next run fetches the listing in full again and finishes the work.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from db.crawl_state import Validators


@dataclass
class ListingTracker:
    validators: dict[str, Validators] = field(default_factory=dict)
    pending: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    listings_of: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    dirty: set[str] = field(default_factory=set)

    def opened(self, listing: str, validators: Validators | None) -> None:
        if validators and (validators.etag or validators.last_modified):
            self.validators[listing] = validators

    def scheduled(self, listing: str, article: str) -> None:
        self.pending[listing].add(article)
        self.listings_of[article].add(listing)

    def truncated(self, listing: str) -> None:
        self.dirty.add(listing)

    def done(self, article: str) -> None:
        for listing in self.listings_of.pop(article, ()):
            self.pending[listing].discard(article)

    def failed(self, article: str) -> None:
        for listing in self.listings_of.pop(article, ()):
            self.pending[listing].discard(article)
            self.dirty.add(listing)

    def completed(self) -> dict[str, Validators]:
        """The validators of listings whose articles were all handled."""
        return {
            url: v
            for url, v in self.validators.items()
            if url not in self.dirty and not self.pending.get(url)
        }
