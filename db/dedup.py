"""The duplicate-group queries: MinHash signatures and their band buckets, and a posting's group and dedup key.

None of these commits: the crawler runs them inside the transaction that stores a batch.
"""

from __future__ import annotations

import json
import re
import struct
from collections.abc import Iterable

import sqlite_utils

from jobfit.db.fold import fold

# A bucket shared by more postings of one employer than this is a template (one company blurb on every job): only
# the first CANDIDATES_PER_BUCKET of it are compared, so storing stays linear however large the bucket grows.
CANDIDATES_PER_BUCKET = 50
_COMPANY_SUFFIX = re.compile(r"\b(sas|sa|sarl|inc|ltd|gmbh|llc|group|groupe)\b\.?")


def company_key(name: str | None) -> str:
    """An employer's name folded, without legal suffix or punctuation ("" when unknown)."""
    return " ".join(re.findall(r"[a-z0-9]+", _COMPANY_SUFFIX.sub("", fold(name or "", compat=True))))


def pack_signature(signature: list[int]) -> bytes:
    """A signature as 4 bytes a value (MinHash values stay below 2**31)."""
    return struct.pack(f"<{len(signature)}I", *signature)


def unpack_signature(stored: bytes | str) -> list[int]:
    """A stored signature: packed bytes, or the JSON list databases before m014 hold."""
    if isinstance(stored, str):
        return json.loads(stored)
    return list(struct.unpack(f"<{len(stored) // 4}I", stored))


def ungrouped(db: sqlite_utils.Database, posting_ids: list[str]) -> set[str]:
    """Those of these postings that are stored and have no group yet, in one query."""
    found: set[str] = set()
    for start in range(0, len(posting_ids), 500):
        chunk = posting_ids[start:start + 500]
        found.update(r[0] for r in db.execute(
            f"select id from postings where id in ({','.join('?' * len(chunk))}) and canonical_id is null", chunk))
    return found


def is_ungrouped(db: sqlite_utils.Database, posting_id: str) -> bool:
    """True when the posting is stored and has no group yet."""
    return bool(ungrouped(db, [posting_id]))


def pack_buckets(bands: Iterable[tuple[int, int]]) -> bytes:
    """A posting's (band, bucket) pairs as 9 bytes each: what replacing its signature deletes."""
    return b"".join(struct.pack("<Bq", band, bucket) for band, bucket in bands)


def unpack_buckets(stored: bytes | None) -> list[tuple[int, int]]:
    stored = stored or b""
    return [struct.unpack_from("<Bq", stored, i) for i in range(0, len(stored), 9)]


def save_signature(db: sqlite_utils.Database, posting_id: str, signature: list[int] | None,
                   bands: Iterable[tuple[int, int]] = (), source: str = "", company: str = "") -> None:
    """Replace a posting's signature and its (band, bucket) rows, filed under its source and company key.

    None only deletes them. The bucket table is its own index (WITHOUT ROWID) and names the posting by its
    posting_minhash key; the posting's row there lists its buckets, which is how its old rows are found.
    """
    bands = list(bands)
    old = db.execute("select key, buckets from posting_minhash where posting_id = ?", [posting_id]).fetchone()
    if old:
        db.conn.executemany("delete from posting_minhash_bands where band = ? and bucket = ? and posting = ?",
                            [(band, bucket, old[0]) for band, bucket in unpack_buckets(old[1])])
        db.execute("delete from posting_minhash where key = ?", [old[0]])
    if signature:
        key = db.execute("insert into posting_minhash (key, posting_id, signature, buckets) values (?, ?, ?, ?)",
                         [old[0] if old else None, posting_id, pack_signature(signature),
                          pack_buckets(bands)]).lastrowid
        db.conn.executemany(
            "insert or ignore into posting_minhash_bands (band, bucket, company, source, posting) "
            "values (?, ?, ?, ?, ?)", [(band, bucket, company, source, key) for band, bucket in bands])


def similar_candidates(db: sqlite_utils.Database, bands: Iterable[tuple[int, int]], source: str, company: str,
                       other_than: str) -> list[tuple[str, list[int], str]]:
    """(id, signature, canonical_id) of grouped postings sharing a bucket: other sources, same or unknown employer.

    The bucket table's key holds source and company, so same-source and other-employer postings are never read;
    each bucket gives at most CANDIDATES_PER_BUCKET; their signatures come in one query.
    """
    own = db.execute("select key from posting_minhash where posting_id = ?", [other_than]).fetchone()
    employer = "and company in (?, '')" if company else ""
    sql = (f"select posting from posting_minhash_bands where band = ? and bucket = ? {employer} "
           f"and source != ? and posting != ? limit {CANDIDATES_PER_BUCKET}")
    candidates: set[int] = set()
    for band, bucket in bands:
        params = [band, bucket, *([company] if company else []), source, own[0] if own else -1]
        candidates.update(r[0] for r in db.execute(sql, params))
    if not candidates:
        return []
    keys = sorted(candidates)
    rows = db.execute(f"""select s.posting_id, s.signature, p.canonical_id from posting_minhash s
                          join postings p on p.id = s.posting_id
                          where s.key in ({','.join('?' * len(keys))}) and p.canonical_id is not null
                          order by s.posting_id""", keys).fetchall()
    return [(pid, unpack_signature(signature), group) for pid, signature, group in rows]


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
    """Store a posting's dedup key, leaving its group as it is (no write when it is already that key)."""
    db.execute("update postings set dedup_key = ? where id = ? and dedup_key is not ?", [key, posting_id, key])


def set_group(db: sqlite_utils.Database, posting_id: str, canonical_id: str, key: str | None) -> None:
    """Put a posting in the group `canonical_id` and store its dedup key."""
    db.execute("update postings set canonical_id = ?, dedup_key = ? where id = ?", [canonical_id, key, posting_id])
