"""What a complete crawl last read: each board listing's body hash (listing_digests), each sitemap page's lastmod
and the postings it held (page_lastmods)."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from jobfit.db.clock import utcnow


def listing_digest(db: sqlite_utils.Database, key: str) -> str | None:
    """The digest stored for this listing key, or None."""
    row = db.execute("select digest from listing_digests where key = ?", [key]).fetchone()
    return row[0] if row else None


def save_listing_digests(db: sqlite_utils.Database, rows: Iterable[tuple[str, str, str, str]],
                         now: str | None = None) -> None:
    """Store (key, spider, url, digest) rows in one transaction."""
    now = now or utcnow()
    with db.conn:
        db.conn.executemany(
            "insert into listing_digests (key, spider, url, digest, seen_at) values (?, ?, ?, ?, ?) "
            "on conflict(key) do update set digest = excluded.digest, url = excluded.url, seen_at = excluded.seen_at",
            [(*row, now) for row in rows])


def page_lastmods(db: sqlite_utils.Database, spider: str) -> dict[str, tuple[str, list[str]]]:
    """url → (lastmod, posting ids) of the sitemap pages `spider` last read in a complete crawl."""
    return {url: (lastmod, json.loads(ids)) for url, lastmod, ids in db.execute(
        "select url, lastmod, posting_ids from page_lastmods where spider = ?", [spider])}


def save_page_lastmods(db: sqlite_utils.Database, spider: str, rows: Iterable[tuple[str, str, list[str]]],
                       now: str | None = None) -> None:
    """Store (url, lastmod, posting ids) rows of `spider` in one transaction."""
    now = now or utcnow()
    with db.conn:
        db.conn.executemany(
            "insert into page_lastmods (url, spider, lastmod, posting_ids, seen_at) values (?, ?, ?, ?, ?) "
            "on conflict(url) do update set spider = excluded.spider, lastmod = excluded.lastmod, "
            "posting_ids = excluded.posting_ids, seen_at = excluded.seen_at",
            [(url, spider, lastmod, json.dumps(ids), now) for url, lastmod, ids in rows])
