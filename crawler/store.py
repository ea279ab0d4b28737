"""Write normalised postings to SQLite: batched upserts, duplicate groups, and closing postings gone from a board."""

from __future__ import annotations

import hashlib

import sqlite_utils

from jobfit.crawler.dedup import assign_groups
from jobfit.db.postings import close_unseen, known_content_hashes, posting_id, touch_postings, upsert_postings

HASHED_FIELDS = ("title", "company", "location", "remote", "contract", "salary_text", "description")


def content_hash(posting: dict) -> str:
    """A short fingerprint of what a reader sees in the posting; it changes when the posting is edited."""
    text = "\x1f".join(str(posting.get(f) or "") for f in HASHED_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class PostingStore:
    """Buffer postings and write them in batches; remember which boards were seen, and which postings on them."""

    def __init__(self, db: sqlite_utils.Database, batch_size: int = 100):
        """`batch_size` 0 leaves flushing to the caller."""
        self.db = db
        self.batch_size = batch_size
        self.buffer: list[dict] = []
        self.counts = {"new": 0, "updated": 0, "unchanged": 0, "grouped": 0}
        self.seen: dict[tuple[str, str], set[str]] = {}  # (source, board) -> posting ids
        self.untouched: list[str] = []  # postings of pages left unread, to mark seen

    def add(self, item: dict) -> dict:
        """Queue one posting (PostingItem fields, description_html dropped); flush when the batch is full."""
        posting = {k: v for k, v in item.items() if k != "description_html"}
        posting["id"] = posting_id(posting["source"], str(posting["external_id"]))
        posting["content_hash"] = content_hash(posting)
        if posting.get("board"):
            self.seen.setdefault((posting["source"], posting["board"]), set()).add(posting["id"])
        self.buffer.append(posting)
        if self.batch_size and len(self.buffer) >= self.batch_size:
            self.flush()
        return posting

    def keep(self, source: str, board: str | None, posting_ids: list[str]) -> None:
        """Count as seen, unchanged, the postings of a page left unread; they are marked seen at the next flush."""
        if board:
            self.seen.setdefault((source, board), set()).update(posting_ids)
        self.counts["unchanged"] += len(posting_ids)
        self.untouched.extend(posting_ids)

    def flush(self) -> dict[str, int]:
        """Write the buffered postings in one transaction; returns this batch's counts.

        The buffer is emptied only once the batch is written: on a database error it is kept for another try.
        """
        if self.untouched:
            touch_postings(self.db, self.untouched)
            self.untouched = []
        if not self.buffer:
            return {}
        # The same posting twice in one batch: keep the last version.
        batch = list({p["id"]: p for p in self.buffer}.values())
        known = known_content_hashes(self.db, [p["id"] for p in batch])
        changed = {p["id"] for p in batch if known.get(p["id"]) != p["content_hash"]}
        counts = upsert_postings(self.db, batch, known=known)
        with self.db.conn:
            counts["grouped"] = assign_groups(self.db, batch, changed)
        self.buffer = []
        for key, n in counts.items():
            self.counts[key] += n
        return counts

    def close_unseen(self, now: str | None = None) -> int:
        """Mark closed the open postings of every board seen in full that this crawl did not see; returns how many."""
        return close_unseen(self.db, self.seen, now)
