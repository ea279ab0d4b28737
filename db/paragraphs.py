"""Paragraph hashes of each posting, by company: what tells a company's boilerplate from a job's own ask.

One row per (company, paragraph hash, posting); `shared_counts` is one indexed lookup per paragraph.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils


def company_key(posting: dict) -> str:
    """The company a posting's boilerplate is shared within: its source and board, else its company name."""
    return f"{posting.get('source') or ''}:{posting.get('board') or posting.get('company') or ''}".lower()


def store_paragraphs(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                     hashes: Iterable[str]) -> None:
    """Replace the paragraph hashes stored for one posting (read as its own until record_shared says otherwise)."""
    with db.conn:
        db.execute("delete from posting_paragraphs where posting_id = ?", [posting_id])
        db["posting_paragraphs"].insert_all(
            ({"company": company, "hash": h, "posting_id": posting_id, "title": title, "shared": 0} for h in hashes),
            pk=("company", "hash", "posting_id"), replace=True)


def shared_counts(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                  hashes: Iterable[str]) -> dict[str, int]:
    """hash → number of the company's other postings, of another title, holding that paragraph (when > 0)."""
    out = {}
    for h in hashes:
        n = db.execute(
            "select count(*) from posting_paragraphs where company = ? and hash = ? and posting_id != ?"
            " and title != ?", [company, h, posting_id, title]).fetchone()[0]
        if n:
            out[h] = n
    return out


def record_shared(db: sqlite_utils.Database, posting_id: str, counts: dict[str, int]) -> None:
    """Keep, on the stored paragraphs of a posting being extracted, how many other postings hold them (stored
    with 0: its own)."""
    with db.conn:
        db.conn.executemany("update posting_paragraphs set shared = ? where posting_id = ? and hash = ?",
                            [(n, posting_id, h) for h, n in counts.items()])


def mark_sharers_stale(db: sqlite_utils.Database, company: str, posting_id: str, title: str,
                       hashes: Iterable[str]) -> int:
    """Mark stale the extractions of the company's other postings (of another title) that read one of `hashes` as
    their own text, now that `posting_id` shares it: one update over the (company, hash) index. Returns how many."""
    hashes = list(hashes)
    n = 0
    with db.conn:
        for start in range(0, len(hashes), 500):
            chunk = hashes[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            n += db.execute(
                f"""update extractions set stale = 1 where stale = 0 and posting_id in (
                     select posting_id from posting_paragraphs where company = ? and hash in ({marks})
                     and posting_id != ? and title != ? and coalesce(shared, 0) = 0)""",
                [company, *chunk, posting_id, title]).rowcount
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
