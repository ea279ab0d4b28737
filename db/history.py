"""The history of runs: `jobfit run` invocations, crawl runs left behind by killed processes, source health."""

from __future__ import annotations

import os

import sqlite_utils

from jobfit.db.clock import utcnow


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def mark_interrupted(db: sqlite_utils.Database) -> int:
    """Mark as interrupted the runs still "running" whose process is gone (killed, crashed); returns how many."""
    now, n = utcnow(), 0
    with db.conn:
        for run in list(db.query("select id, pid from crawl_runs where status = 'running'")):
            if not _alive(run["pid"]):
                db["crawl_runs"].update(run["id"], {"status": "interrupted", "finished_at": now,
                                                    "error_text": f"process {run['pid']} ended mid-crawl"})
                n += 1
        for run in list(db.query("select id, pid from runs where finished_at is null")):
            if not _alive(run["pid"]):
                db["runs"].update(run["id"], {"finished_at": now, "summary": "interrupted: the process ended early"})
    return n


def start_run(db: sqlite_utils.Database, log_path: str | None) -> int:
    """Record that a `jobfit run` started; returns its id."""
    with db.conn:
        return db["runs"].insert({"started_at": utcnow(), "pid": os.getpid(), "log_path": log_path}).last_pk


def unreported_since(db: sqlite_utils.Database) -> str:
    """When the runs since the last completed one started: their new postings have not been reported yet.

    A killed run stores postings but never writes its report; the next run's report must include them.
    """
    return db.execute(
        """select min(started_at) from runs
           where id > coalesce((select max(id) from runs where exit_code is not null), 0)""").fetchone()[0]


def finish_run(db: sqlite_utils.Database, run_id: int, exit_code: int, summary: str) -> None:
    with db.conn:
        db["runs"].update(run_id, {"finished_at": utcnow(), "exit_code": exit_code, "summary": summary})


def last_runs(db: sqlite_utils.Database, limit: int = 5) -> list[dict]:
    """The latest `jobfit run` invocations, newest first."""
    return list(db.query("select * from runs order by id desc limit ?", [limit]))


def source_history(db: sqlite_utils.Database, source: str | None = None, per_source: int = 5) -> dict[str, list[dict]]:
    """The last `per_source` crawl runs of each source (or of one), newest first."""
    rows = db.query(
        """select id, source, started_at, finished_at, status, pages, items, new, updated, closed, dropped, errors,
                  error_text from crawl_runs where :source is null or source = :source order by id desc""",
        {"source": source},
    )
    history: dict[str, list[dict]] = {}
    for row in rows:
        runs = history.setdefault(row["source"], [])
        if len(runs) < per_source:
            runs.append(row)
    return history


def health(db: sqlite_utils.Database, source: str) -> str:
    """"ok", "running", "skipped", "partial", "interrupted", "failing since START" (first failure after the last
    success or skip), "never run"."""
    last = db.execute("select status, pid, error_text from crawl_runs where source = ? order by id desc limit 1",
                      [source]).fetchone()
    if last is None:
        return "never run"
    if last[0] == "running" and not _alive(last[1]):
        return "interrupted (its process is gone; the next run marks it)"
    if last[0] in ("ok", "running"):
        return last[0]
    if last[0] == "skipped":  # the source chose not to run (no credentials): not a failure
        return f"skipped ({last[2]})" if last[2] else "skipped"
    if last[0] == "partial":
        return "partial (stored from the lists; some job details failed, named in the crawl run)"
    since = db.execute(
        """select min(started_at) from crawl_runs where source = :source and id > coalesce(
             (select max(id) from crawl_runs where source = :source and status in ('ok', 'skipped')), 0)""",
        {"source": source},
    ).fetchone()[0]
    return f"failing since {since}"
