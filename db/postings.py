"""The postings table: keys, batched upserts, content hashes already stored, closing postings gone from a board."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

import sqlite_utils

from jobfit.db.clock import utcnow

POSTING_FIELDS = (
    "id source external_id title company location city postal_code country remote contract "
    "salary_min salary_max salary_currency salary_period salary_text posted_at valid_through "
    "url apply_url language description content_hash raw"
    " salary_annual_min salary_annual_max seniority experience_years education source_skills rome_code board"
    " locations"
).split()


def posting_id(source: str, external_id: str) -> str:
    """The primary key of a posting."""
    return f"{source}:{external_id}"


def known_content_hashes(db: sqlite_utils.Database, ids: list[str]) -> dict[str, str | None]:
    """The stored content hash of each of these postings that is already stored."""
    known: dict[str, str | None] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        known.update(db.execute(
            f"select id, content_hash from postings where id in ({','.join('?' * len(chunk))})", chunk).fetchall())
    return known


def upsert_postings(db: sqlite_utils.Database, postings: list[dict], now: str | None = None,
                    known: dict[str, str | None] | None = None) -> dict[str, int]:
    """Insert new postings and refresh known ones in one transaction; returns counts new/updated/unchanged.

    `known` is known_content_hashes of these postings when the caller has already read it. A posting marked
    `detail_missing` (only what a list gave; its detail failed) never blanks what is stored: a known one keeps its
    fields, only empty ones are filled, and it counts as unchanged.
    """
    now = now or utcnow()
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    if not postings:
        return counts
    known = dict(known) if known is not None else known_content_hashes(db, [p["id"] for p in postings])
    columns = POSTING_FIELDS + ["first_seen", "last_seen"]
    insert = f"insert into postings ({', '.join(columns)}) values ({', '.join('?' * len(columns))}) "
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("id", "first_seen"))
    sql = f"{insert}on conflict(id) do update set {updates}, closed_at = null"
    fills = ", ".join(f"{c} = coalesce(nullif(postings.{c}, ''), excluded.{c})" for c in POSTING_FIELDS
                      if c not in ("id", "content_hash"))
    keep = (f"{insert}on conflict(id) do update set {fills}, last_seen = excluded.last_seen, closed_at = null, "
            "content_hash = case when coalesce(postings.description, '') = '' then excluded.content_hash "
            "else postings.content_hash end")
    rows, kept = [], []
    for p in postings:
        if p["id"] not in known:
            counts["new"] += 1
        elif p.get("detail_missing") or known[p["id"]] == p.get("content_hash"):
            counts["unchanged"] += 1
        else:
            counts["updated"] += 1
        known[p["id"]] = p.get("content_hash")
        (kept if p.get("detail_missing") else rows).append([_column_value(p.get(c)) for c in POSTING_FIELDS]
                                                           + [now, now])
    with db.conn:
        db.conn.executemany(sql, rows)
        db.conn.executemany(keep, kept)
    return counts


def _column_value(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def close_unseen(db: sqlite_utils.Database, seen: Mapping[tuple[str, str], set[str]], now: str | None = None) -> int:
    """Mark closed the open postings of each (source, board) that are not among its seen ids; returns how many.

    Postings are closed, never deleted: seen again, they reopen (upsert_postings clears closed_at).
    """
    now = now or utcnow()
    closed = 0
    with db.conn:
        for (source, board), ids in seen.items():
            known = {r[0] for r in db.execute(
                "select id from postings where source = ? and board = ? and closed_at is null", [source, board])}
            gone = sorted(known - ids)
            for start in range(0, len(gone), 500):
                chunk = gone[start:start + 500]
                db.execute(f"update postings set closed_at = ? where id in ({','.join('?' * len(chunk))})",
                           [now, *chunk])
            closed += len(gone)
    return closed


def touch_postings(db: sqlite_utils.Database, ids: Iterable[str], now: str | None = None) -> None:
    """Mark these postings seen now (a page left unread because unchanged), reopening any that was closed."""
    now = now or utcnow()
    ids = list(ids)
    with db.conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(f"update postings set last_seen = ?, closed_at = null where id in ({marks})", [now, *chunk])
