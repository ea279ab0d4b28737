"""The crawl_runs table: one row per crawl of a source, started when its spider opens, finished when it closes."""

from __future__ import annotations

import json

import sqlite_utils

from jobfit.db.clock import utcnow


def start_crawl_run(db: sqlite_utils.Database, source: str, pid: int | None = None,
                    run_id: int | None = None) -> int:
    """Record that a crawl of `source` started, in process `pid`, for the `jobfit run` `run_id`; returns its id."""
    with db.conn:
        table = db["crawl_runs"].insert({"source": source, "started_at": utcnow(), "status": "running",
                                         "pid": pid, "run_id": run_id})
    return table.last_pk


def finish_crawl_run(db: sqlite_utils.Database, run_id: int, **fields) -> None:
    """Record the outcome and counters of a crawl run."""
    if isinstance(fields.get("stats"), dict):
        fields["stats"] = json.dumps(fields["stats"], default=str, sort_keys=True)
    with db.conn:
        db["crawl_runs"].update(run_id, {"finished_at": utcnow(), **fields})


def crawl_runs_by_id(db: sqlite_utils.Database, ids: list[int]) -> list[dict]:
    """The crawl_runs rows with these ids, in id order."""
    return list(db.query(f"select * from crawl_runs where id in ({','.join('?' * len(ids))}) order by id", ids))
