"""Paragraph hashes of each posting, by company: what tells a company's boilerplate from a job's own ask.

Stored compact, as 48-bit integers: one `posting_paragraphs` row per (company, paragraph, title, posting), the
table its own index (WITHOUT ROWID), and one `paragraph_postings` row per posting holding its packed paragraph
set, so that replacing a posting's paragraphs deletes exactly its rows. `shared_counts` is one indexed lookup per
paragraph. Keys are scoped by company, where a 48-bit collision is out of reach.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

import sqlite_utils

KEY_BYTES = 6  # 48 bits: SQLite stores such integers in 6 bytes


def company_key(posting: dict) -> str:
    """The company a posting's boilerplate is shared within: its source and board, else its company name."""
    return f"{posting.get('source') or ''}:{posting.get('board') or posting.get('company') or ''}".lower()


def text_key(text: str) -> int:
    """A 48-bit integer key of a company key or a folded title."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest(), "big")


def hash_key(paragraph_hash: str) -> int:
    """The 48-bit integer key of a hex paragraph hash (its first 12 hex digits)."""
    return int(paragraph_hash[:2 * KEY_BYTES], 16)


def _pack(keys: Iterable[int]) -> bytes:
    return b"".join(k.to_bytes(KEY_BYTES, "big") for k in keys)


def _unpack(blob: bytes | None) -> list[int]:
    blob = blob or b""
    return [int.from_bytes(blob[i:i + KEY_BYTES], "big") for i in range(0, len(blob), KEY_BYTES)]


def store_paragraphs(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                     hashes: Iterable[str]) -> None:
    """Replace the paragraph hashes stored for one posting (read as its own until record_shared says otherwise)."""
    keys = sorted({hash_key(h) for h in hashes})
    company_id, title_id = text_key(company), text_key(title)
    with db.conn:
        old = db.execute("select key, company, title, hashes from paragraph_postings where posting_id = ?",
                         [posting_id]).fetchone()
        if old:
            key = old[0]
            db.conn.executemany("delete from posting_paragraphs where company = ? and hash = ? and title = ? "
                                "and posting = ?", [(old[1], h, old[2], key) for h in _unpack(old[3])])
            db.execute("update paragraph_postings set company = ?, title = ?, hashes = ? where key = ?",
                       [company_id, title_id, _pack(keys), key])
        else:
            key = db.execute("insert into paragraph_postings (posting_id, company, title, hashes) "
                             "values (?, ?, ?, ?)", [posting_id, company_id, title_id, _pack(keys)]).lastrowid
        db.conn.executemany("insert or ignore into posting_paragraphs (company, hash, title, posting, shared) "
                            "values (?, ?, ?, ?, 0)", [(company_id, h, title_id, key) for h in keys])


def shared_counts(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                  hashes: Iterable[str]) -> dict[str, int]:
    """hash → number of the company's other postings, of another title, holding that paragraph (when > 0).

    `posting_id` needs no condition of its own: the posting's own rows carry its own title.
    """
    company_id, title_id = text_key(company), text_key(title)
    out = {}
    for h in hashes:
        n = db.execute("select count(*) from posting_paragraphs where company = ? and hash = ? and title != ?",
                       [company_id, hash_key(h), title_id]).fetchone()[0]
        if n:
            out[h] = n
    return out


def record_shared(db: sqlite_utils.Database, posting_id: str, counts: dict[str, int]) -> None:
    """Keep, on the stored paragraphs of a posting being extracted, how many other postings hold them (stored
    with 0: its own)."""
    row = db.execute("select key, company, title from paragraph_postings where posting_id = ?",
                     [posting_id]).fetchone()
    if not row:
        return
    key, company_id, title_id = row
    with db.conn:
        db.conn.executemany("update posting_paragraphs set shared = ? where company = ? and hash = ? and title = ? "
                            "and posting = ?", [(n, company_id, hash_key(h), title_id, key) for h, n in counts.items()])


def mark_sharers_stale(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                       hashes: Iterable[str]) -> int:
    """Mark stale the extractions of the company's other postings (of another title) that read one of `hashes` as
    their own text, now that `posting_id` shares it: one update over the (company, hash) key. Returns how many.

    `posting_id` needs no condition of its own: its rows carry its own title."""
    keys = [hash_key(h) for h in hashes]
    company_id, title_id = text_key(company), text_key(title)
    n = 0
    with db.conn:
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            n += db.execute(
                f"""update extractions set stale = 1 where stale = 0 and posting_id in (
                     select q.posting_id from posting_paragraphs pp join paragraph_postings q on q.key = pp.posting
                     where pp.company = ? and pp.hash in ({marks}) and pp.title != ? and coalesce(pp.shared, 0) = 0)""",
                [company_id, *chunk, title_id]).rowcount
    return n


def save_spoken_languages(db: sqlite_utils.Database, rows: Iterable[tuple[str, list[dict]]]) -> None:
    """Store the spoken languages of each (posting id, languages) on its extraction."""
    with db.conn:
        for posting_id, languages in rows:
            db.execute("update extractions set spoken_languages = ? where posting_id = ?",
                       [json.dumps(languages, ensure_ascii=False), posting_id])


def spoken_languages_of(db: sqlite_utils.Database, posting_id: str) -> list[dict]:
    """The spoken languages stored for a posting's extraction ([] when none or not extracted)."""
    row = db.execute("select spoken_languages from extractions where posting_id = ?", [posting_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else []


def companies_of(db: sqlite_utils.Database, posting_ids: list[str]) -> dict[str, str]:
    """posting id → company key (company_key) for the given postings."""
    out = {}
    for start in range(0, len(posting_ids), 500):
        chunk = posting_ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        for row in db.query(f"select id, source, board, company from postings where id in ({marks})", chunk):
            out[row["id"]] = company_key(row)
    return out


def posting_for_paragraphs(db: sqlite_utils.Database, posting_id: str) -> dict | None:
    """A posting's fields its shared paragraphs are found from: id, title, description, source, board, company."""
    rows = list(db.query("select id, title, description, source, board, company from postings where id = ?",
                         [posting_id]))
    return rows[0] if rows else None


def stored_hits(db: sqlite_utils.Database, posting_id: str) -> list[dict]:
    """A posting's stored skill hits in its description (not its title): skill_id, start, end, section, shared."""
    return list(db.query("select skill_id, start, end, section, shared from posting_skills where posting_id = ? "
                         "and section != 'title' order by start", [posting_id]))
