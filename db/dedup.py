"""The duplicate-group queries: MinHash signatures and their band buckets, and a posting's group and dedup key.

None of these commits: the crawler runs them inside the transaction that stores a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils


def is_ungrouped(db: sqlite_utils.Database, posting_id: str) -> bool:
    """True when the posting is stored and has no group yet."""
    row = db.execute("select canonical_id from postings where id = ?", [posting_id]).fetchone()
    return row is not None and not row[0]


def save_signature(db: sqlite_utils.Database, posting_id: str, signature: list[int] | None,
                   bands: Iterable[tuple[int, str]] = ()) -> None:
    """Replace a posting's signature and its (band, bucket) rows; None only deletes them."""
    db.execute("delete from posting_minhash where posting_id = ?", [posting_id])
    db.execute("delete from posting_minhash_bands where posting_id = ?", [posting_id])
    if signature:
        db.execute("insert into posting_minhash (posting_id, signature) values (?, ?)",
                   [posting_id, json.dumps(signature)])
        db.conn.executemany("insert into posting_minhash_bands (band, bucket, posting_id) values (?, ?, ?)",
                            [(band, bucket, posting_id) for band, bucket in bands])


def band_neighbours(db: sqlite_utils.Database, bands: Iterable[tuple[int, str]], other_than: str) -> set[str]:
    """The other postings that share a bucket with one of these (band, bucket) pairs."""
    neighbours: set[str] = set()
    for band, bucket in bands:
        neighbours.update(r[0] for r in db.execute(
            "select posting_id from posting_minhash_bands where band = ? and bucket = ? and posting_id != ?",
            [band, bucket, other_than]))
    return neighbours


def grouped_signature(db: sqlite_utils.Database, posting_id: str) -> tuple[list[int], str, str, str | None] | None:
    """(signature, canonical_id, source, company) of a grouped posting with a signature; None otherwise."""
    row = db.execute("""select s.signature, p.canonical_id, p.source, p.company from posting_minhash s
                        join postings p on p.id = s.posting_id
                        where s.posting_id = ? and p.canonical_id is not null""", [posting_id]).fetchone()
    return (json.loads(row[0]), row[1], row[2], row[3]) if row else None


def postings_at_url(db: sqlite_utils.Database, url: str, other_than: str) -> list[tuple[str, str, str | None]]:
    """(id, source, canonical_id) of the other postings whose URL or apply URL is `url`, oldest first."""
    return db.execute("""select id, source, canonical_id from postings where id != ? and (url = ? or apply_url = ?)
                         order by first_seen""", [other_than, url, url]).fetchall()


def group_of_dedup_key(db: sqlite_utils.Database, key: str, other_than: str) -> str | None:
    """The group of the oldest other grouped posting with this dedup key."""
    row = db.execute("""select canonical_id from postings where id != ? and canonical_id is not null
                        and dedup_key = ? order by first_seen limit 1""", [other_than, key]).fetchone()
    return row[0] if row else None


def set_dedup_key(db: sqlite_utils.Database, posting_id: str, key: str | None) -> None:
    """Store a posting's dedup key, leaving its group as it is."""
    db.execute("update postings set dedup_key = ? where id = ?", [key, posting_id])


def set_group(db: sqlite_utils.Database, posting_id: str, canonical_id: str, key: str | None) -> None:
    """Put a posting in the group `canonical_id` and store its dedup key."""
    db.execute("update postings set canonical_id = ?, dedup_key = ? where id = ?", [canonical_id, key, posting_id])
