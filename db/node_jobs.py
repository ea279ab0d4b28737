"""The node_jobs table: crawl jobs scheduled on Scrapyd nodes, and whether their feeds are collected yet."""

from __future__ import annotations

import json

import sqlite_utils

from jobfit.db.clock import utcnow


def record_dispatched(db: sqlite_utils.Database, node: str, job: str, project: str, spider: str, source: str,
                      args: dict) -> None:
    """Remember a job that `node` accepted, so that `jobfit collect` fetches its feed."""
    with db.conn:
        db["node_jobs"].insert({"node": node, "job": job, "project": project, "spider": spider, "source": source,
                                "args": json.dumps(args, sort_keys=True), "dispatched_at": utcnow()},
                               replace=True)


def jobs_to_collect(db: sqlite_utils.Database) -> list[dict]:
    """The dispatched jobs whose feeds are not stored yet, oldest first."""
    return list(db.query("select * from node_jobs where collected_at is null order by dispatched_at, node, job"))


def mark_collected(db: sqlite_utils.Database, node: str, job: str, crawl_run_id: int | None, items: int,
                   errors: int, error_text: str | None) -> None:
    """Record that a job's feed is stored; called only once its postings are committed."""
    with db.conn:
        db["node_jobs"].update((node, job), {"collected_at": utcnow(), "crawl_run_id": crawl_run_id,
                                             "items": items, "errors": errors, "error_text": error_text})
