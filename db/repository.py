"""Writes of pages and rounds: every write an upsert on a natural key; the caller owns the transaction."""

from __future__ import annotations

import gzip
import hashlib
from collections import ChainMap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from db import models as m
from db.dialect import insert_ignore, insert_ignore_id, lock_key, upsert_many
from db.engine import transaction_memo
from ingest.aliases import NO_ALIASES, AliasBook
from ingest.dedupe import (
    RoundFacts,
    block_of,
    company_key,
    extension_candidates,
    fuzzy_match,
    investor_key,
    same_reported_round,
    split_aliases,
)
from ingest.types import RawPage, RoundCode


def ensure_source(
    session: Session, name: str, now: datetime, language: str | None = None, homepage: str | None = None
) -> int:
    insert_ignore(
        session,
        m.Source.__table__,
        {"name": name, "language": language, "homepage": homepage, "created_at": now},
        ["name"],
    )
    return session.execute(select(m.Source.id).where(m.Source.name == name)).scalar_one()


def known_urls(session: Session, urls: Sequence[str]) -> set[str]:
    """Which of these canonical article URLs are already stored (the crawler's seen state)."""
    found: set[str] = set()
    for i in range(0, len(urls), 500):
        chunk = list(urls[i : i + 500])
        found.update(session.execute(select(m.Article.url).where(m.Article.url.in_(chunk))).scalars())
    return found


@dataclass(frozen=True, slots=True)
class StoredPage:
    article_id: int
    created: bool
    changed: bool


def store_page(session: Session, page: RawPage, source_id: int, *, compresslevel: int = 6) -> StoredPage:
    """Store a fetched page under its canonical URL. A refetch with new content replaces the HTML and
    marks the article for re-extraction; identical content changes nothing. The crawler passes a
    low `compresslevel`: gzip level 6 of a 90 KB page took 4x as long as level 1 and capped the crawl."""
    values = _page_values(page, source_id, compresslevel)
    digest = values["content_hash"]
    created = insert_ignore(session, m.Article.__table__, values, ["url"])
    row = session.execute(select(m.Article.id, m.Article.content_hash).where(m.Article.url == page.url)).one()
    if created or row.content_hash == digest:
        return StoredPage(row.id, created, created)
    values.pop("url")
    session.execute(
        update(m.Article)
        .where(m.Article.id == row.id)
        .values(**values, extractor_version=None, extracted_at=None, extract_error=None)
    )
    return StoredPage(row.id, False, True)


def store_pages(
    session: Session, pages: Sequence[RawPage], source_id: int, *, compresslevel: int = 6
) -> list[StoredPage]:
    """store_page for a batch (the crawl's writer): one lookup and one multi-row insert for the new
    URLs, which cost a fraction of a statement pair per page; a refetched page goes through store_page."""
    urls = [p.url for p in pages]
    if len(set(urls)) != len(urls):
        return [store_page(session, p, source_id, compresslevel=compresslevel) for p in pages]
    before = _ids_and_hashes(session, urls)
    fresh = [_page_values(p, source_id, compresslevel) for p in pages if p.url not in before]
    upsert_many(session, m.Article.__table__, fresh, ["url"], [])
    after = _ids_and_hashes(session, [v["url"] for v in fresh]) if fresh else {}
    out = []
    for p in pages:
        if p.url in before:
            out.append(store_page(session, p, source_id, compresslevel=compresslevel))
        else:
            out.append(StoredPage(after[p.url][0], True, True))
    return out


def _ids_and_hashes(session: Session, urls: Sequence[str]) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for i in range(0, len(urls), 500):
        rows = session.execute(
            select(m.Article.url, m.Article.id, m.Article.content_hash).where(
                m.Article.url.in_(urls[i : i + 500])
            )
        )
        found.update((r.url, (r.id, r.content_hash)) for r in rows)
    return found


def _page_values(page: RawPage, source_id: int, compresslevel: int) -> dict[str, object]:
    return {
        "source_id": source_id,
        "url": page.url,
        "title": page.title_hint,
        "published_at": page.published_hint,
        "fetched_at": page.fetched_at,
        "http_status": page.status,
        "content_hash": hashlib.sha256(page.html).hexdigest(),
        "html_gz": gzip.compress(page.html, compresslevel=compresslevel),
        "rounds_found": 0,
    }


# The statements of the per-article path, built once: building a statement and its cache key cost
# SQLAlchemy several times what SQLite takes to run it (bench/bench_record.py).
A, CA, IV, RM = m.Article.__table__, m.CompanyAlias.__table__, m.Investor.__table__, m.RoundMention.__table__
_HTML = select(A.c.html_gz).where(A.c.id == bindparam("article_id"))
_MARK_EXTRACTED = update(A).where(A.c.id == bindparam("article_id"))
_ALIASES = select(CA.c.alias_key, CA.c.company_id).where(
    CA.c.alias_key.in_(bindparam("keys", expanding=True))
)
_BLOCK = (
    select(CA.c.alias_key, CA.c.company_id, CA.c.alias)
    .where(CA.c.block == bindparam("block"))
    .order_by(CA.c.id)
)
_COMPANY_ID = select(m.Company.__table__.c.id).where(m.Company.__table__.c.key == bindparam("key"))
_INVESTOR_ID = select(IV.c.id).where(IV.c.key == bindparam("key"))
_DELETE_MENTIONS = delete(RM).where(RM.c.article_id == bindparam("article_id")).returning(RM.c.round_id)


def load_html(session: Session, article_id: int) -> bytes:
    return gzip.decompress(session.execute(_HTML, {"article_id": article_id}).scalar_one())


def pending_article_ids(session: Session, extractor_version: int, limit: int | None = None) -> list[int]:
    """Articles never extracted, or extracted by an older extractor version (replay)."""
    q = (
        select(m.Article.id)
        .where((m.Article.extractor_version.is_(None)) | (m.Article.extractor_version != extractor_version))
        .order_by(m.Article.id)
    )
    if limit:
        q = q.limit(limit)
    return list(session.execute(q).scalars())


def mark_extracted(
    session: Session,
    article_id: int,
    version: int,
    now: datetime,
    *,
    rounds_found: int,
    error: str | None = None,
    title: str | None = None,
    published_at: datetime | None = None,
    language: str | None = None,
) -> None:
    values: dict[str, object] = {
        "extractor_version": version,
        "extracted_at": now,
        "extract_error": error,
        "rounds_found": rounds_found,
    }
    if error is None:
        values.update(title=title, published_at=published_at, language=language)
    session.execute(_MARK_EXTRACTED, {**values, "article_id": article_id})


def identity_lock(session: Session) -> None:
    """Serialise company and round identity decisions until the transaction ends (taken once per
    transaction; again after a rollback to a savepoint, which may have released it)."""
    held = transaction_memo(session)
    if not held.get("identity_lock"):
        lock_key(session, "identity", "rounds")
        held["identity_lock"] = True


def resolve_company(
    session: Session, name: str, aliases: Sequence[str], now: datetime, facts: RoundFacts | None = None
) -> int:
    """The company for a name and its aliases; a new one when no key is known, exactly or as a
    spelling variant within its block, or (given the round the name reports) as the same name with
    words added or dropped at the end that reports the same round ("Pandora" / "Pandora Media").
    Aliases are recorded so that a later article naming the company either way finds the same row."""
    identity_lock(session)
    names = company_names(name, aliases, alias_book(session))
    keys = list(dict.fromkeys(k for k in (company_key(n) for n in names) if k))
    if not keys:
        raise ValueError(f"company name {name!r} has no letters or digits")
    blocks = _blocks(session)
    known = _known(session, keys, blocks)
    found = next((known[k] for k in keys if k in known), None)
    by_key = {k: n for n in reversed(names) if (k := company_key(n))}
    if found is None:
        found = _fuzzy_company(session, keys, by_key, blocks)
    if found is None and facts is not None:
        found = _extended_company(session, keys, by_key, facts, blocks)
    if found is None:
        found = insert_ignore_id(
            session, m.Company.__table__, {"key": keys[0], "name": names[0], "created_at": now}, ["key"]
        )
        if found is None:
            found = session.execute(_COMPANY_ID, {"key": keys[0]}).scalar_one()
    for n in names:
        k = company_key(n)
        if k and k not in known:
            values = {"company_id": found, "alias_key": k, "alias": n, "block": block_of(k)}
            if (
                insert_ignore(session, m.CompanyAlias.__table__, values, ["alias_key"])
                and values["block"] in blocks
            ):
                blocks[block_of(k)].add(k, n, found)
    return found


def alias_book(session: Session) -> AliasBook:
    """The user's alias file the session's store was opened with (fundwatch.store.open_store)."""
    return session.info.get("aliases", NO_ALIASES)  # type: ignore[no-any-return]


def company_names(name: str, aliases: Sequence[str], book: AliasBook = NO_ALIASES) -> list[str]:
    """Every name a round gives its company, the main one first ("ByteDance (字节跳动)" gives two);
    when the alias file knows one of them, its group comes first, the file's main name leading."""
    names = list(dict.fromkeys(n for raw in (name, *aliases) for n in split_aliases(raw) if n))
    return book.company_names(names)


class _Block:
    """The aliases of one block (ingest.dedupe.block_of) in the order they were recorded."""

    __slots__ = ("companies", "keys", "names")

    def __init__(self, rows: Iterable[Any]) -> None:
        self.keys: list[str] = []
        self.names: dict[str, str] = {}
        self.companies: dict[str, int] = {}
        for r in rows:
            self.add(r.alias_key, r.alias, r.company_id)

    def add(self, key: str, name: str, company_id: int) -> None:
        self.keys.append(key)
        self.names[key] = name
        self.companies[key] = company_id


def _blocks(session: Session) -> dict[str, _Block]:
    """The blocks read in this transaction. Complete while it lasts: it holds the identity lock,
    under which alone aliases are added, and adds its own to them; a rollback drops them."""
    return transaction_memo(session).setdefault("alias_blocks", {})  # type: ignore[no-any-return]


def _known(session: Session, keys: list[str], blocks: dict[str, _Block]) -> dict[str, int]:
    """The companies of these keys that are aliases already."""
    if all(block_of(k) in blocks for k in keys):
        return {k: blocks[block_of(k)].companies[k] for k in keys if k in blocks[block_of(k)].companies}
    return dict(session.execute(_ALIASES, {"keys": keys}).all())  # type: ignore[arg-type]


def _block(session: Session, key: str, blocks: dict[str, _Block]) -> _Block:
    block = block_of(key)
    if block not in blocks:
        blocks[block] = _Block(session.execute(_BLOCK, {"block": block}))
    return blocks[block]


def _fuzzy_company(
    session: Session, keys: Sequence[str], names: dict[str, str], blocks: dict[str, _Block]
) -> int | None:
    for key in keys:
        block = _block(session, key, blocks)
        match = fuzzy_match(key, block.keys, ChainMap(names, block.names))
        if match is not None:
            return block.companies[match]
    return None


def _extended_company(
    session: Session,
    keys: Sequence[str],
    names: dict[str, str],
    facts: RoundFacts,
    blocks: dict[str, _Block],
) -> int | None:
    """The company whose name is this one with words added or dropped and that reports this round."""
    for key in keys:
        block = _block(session, key, blocks)
        found = extension_candidates(key, block.keys, ChainMap(names, block.names))
        ids = sorted({block.companies[k] for k in found})
        if not ids:
            continue
        R = m.Round
        cols = (R.company_id, R.round_code, R.announced_on, R.amount, R.currency)
        for r in session.execute(select(*cols).where(R.company_id.in_(ids)).order_by(R.company_id, R.id)):
            if same_reported_round(
                RoundFacts(RoundCode(r.round_code), r.announced_on, r.amount, r.currency), facts
            ):
                return int(r.company_id)
    return None


def resolve_investor(session: Session, name: str) -> int:
    """The investor for a name (under the alias file's main name when it lists this one); known ids
    are remembered for the rest of the transaction."""
    name = alias_book(session).investor_name(name)
    key = investor_key(name)
    ids: dict[str, int] = transaction_memo(session).setdefault("investor_ids", {})
    if key not in ids:
        found = session.execute(_INVESTOR_ID, {"key": key}).scalar()
        if found is None:
            found = insert_ignore_id(session, m.Investor.__table__, {"key": key, "name": name}, ["key"])
        if found is None:  # another writer inserted it in between
            found = session.execute(_INVESTOR_ID, {"key": key}).scalar_one()
        ids[key] = found
    return ids[key]


def delete_article_mentions(session: Session, article_id: int) -> list[int]:
    """Forget what an article said (before replaying its extraction); returns the touched rounds."""
    return list(session.execute(_DELETE_MENTIONS, {"article_id": article_id}).scalars())
