"""The listing_digests table: what each board listing's body hashed to when a complete crawl last read it."""

from __future__ import annotations

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
