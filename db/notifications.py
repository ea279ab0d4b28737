"""Sent-state of `jobfit notify`: which matches each channel was sent, and which sends failed (to retry)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlite_utils

from jobfit.db.clock import utcnow


def sent_ids(db: sqlite_utils.Database, channel: str, profile: str) -> set[str]:
    """The postings already sent to `channel` for `profile`."""
    return {row["posting_id"] for row in db.query(
        "select posting_id from notifications where channel = ? and profile = ? and status = 'sent'",
        [channel, profile])}


def failed(db: sqlite_utils.Database, channel: str, profile: str) -> list[dict]:
    """The sends to `channel` for `profile` that failed and wait for the next run."""
    return list(db.query("select * from notifications where channel = ? and profile = ? and status = 'failed' "
                         "order by posting_id", [channel, profile]))


def record_sends(db: sqlite_utils.Database, channel: str, profile: str, posting_ids: Iterable[str],
                 error: str | None = None, now: str | None = None) -> None:
    """Record one attempt to send these postings: sent when `error` is None, else failed with that error."""
    now = now or utcnow()
    status = "failed" if error else "sent"
    with db.conn:
        db.conn.executemany(
            """insert into notifications (channel, profile, posting_id, status, attempts, first_tried_at,
                                          last_tried_at, sent_at, error)
               values (?, ?, ?, ?, 1, ?, ?, ?, ?)
               on conflict(channel, profile, posting_id) do update set status = excluded.status,
                 attempts = notifications.attempts + 1, last_tried_at = excluded.last_tried_at,
                 sent_at = coalesce(excluded.sent_at, notifications.sent_at), error = excluded.error""",
            [(channel, profile, pid, status, now, now, None if error else now, error) for pid in posting_ids])
