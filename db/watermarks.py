"""What `match` has already done: change counters kept by triggers, and the counter each step last finished at.

Triggers (m017) count what `extract` must look at again (new postings, changed texts, removed extractions) and
what `score` must (new extractions, removed matches). A step that
finished a whole pass at counter N, with the same code and profile versions, has nothing to do while the counter
still reads N: `jobfit match` then answers with two lookups instead of a scan of every posting per profile.
"""

from __future__ import annotations

import sqlite_utils


def change_count(db: sqlite_utils.Database, table: str) -> int | None:
    """How many counted changes `table` has had (None on a database without counters)."""
    try:
        row = db.execute("select value from change_counters where name = ?", [table]).fetchone()
    except Exception:  # noqa: BLE001 — no counters table: the caller scans as before
        return None
    return row[0] if row else None


def is_done(db: sqlite_utils.Database, step: str, count: int | None, version: str) -> bool:
    """Whether `step` last finished a whole pass at `count` changes with `version`."""
    if count is None:
        return False
    row = db.execute("select counter, version from watermarks where step = ?", [step]).fetchone()
    return row is not None and row[0] == count and row[1] == version


def mark_done(db: sqlite_utils.Database, step: str, count: int | None, version: str) -> None:
    """Record that `step` finished a whole pass over everything counted up to `count` with `version`."""
    if count is None:
        return
    with db.conn:
        db.execute("insert into watermarks (step, counter, version) values (?, ?, ?) on conflict(step) do update "
                   "set counter = excluded.counter, version = excluded.version", [step, count, version])
