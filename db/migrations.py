"""Numbered, idempotent schema migrations, applied in order when a database is opened.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []


def migration(fn: Callable[[sqlite_utils.Database], None]):
    """Register `fn` as the next migration."""
    MIGRATIONS.append(fn)
    return fn


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every migration not yet recorded in `_migrations`, each in its own transaction."""
    db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
    done = {row["name"] for row in db["_migrations"].rows}
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.conn:
            fn(db)
            db["_migrations"].insert(
                {"name": fn.__name__, "applied_at": db.execute("select datetime('now')").fetchone()[0]}
            )


@migration
def m001_initial(db: sqlite_utils.Database) -> None:
    db["postings"].create(
        {
            "id": str,  # "{source}:{external_id}"
            "source": str,
            "external_id": str,
            "title": str,
            "company": str,
            "location": str,
            "city": str,
            "postal_code": str,
            "country": str,
            "remote": str,  # onsite | hybrid | remote
            "contract": str,  # full_time | part_time | fixed_term | internship | apprenticeship | freelance | temporary
            "salary_min": float,
            "salary_max": float,
            "salary_currency": str,
            "salary_period": str,  # year | month | day | hour
            "salary_text": str,
            "posted_at": str,
            "valid_through": str,
            "url": str,
            "apply_url": str,
            "language": str,
            "description": str,
            "content_hash": str,
            "first_seen": str,
            "last_seen": str,
            "closed_at": str,
            "raw": str,  # JSON: source fields kept for re-normalisation
        },
        pk="id",
        not_null={"source", "external_id", "title", "first_seen", "last_seen"},
    )
    db["postings"].create_index(["source", "external_id"], unique=True)
    db["postings"].create_index(["last_seen"])

    db["extractions"].create(
        {"posting_id": str, "content_hash": str, "extractor_version": str, "language": str, "extracted_at": str},
        pk="posting_id",
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["posting_skills"].create(
        {
            "posting_id": str,
            "skill_id": str,
            "section": str,  # required | nice_to_have | responsibilities | company | benefits | other | title
            "text": str,
            "start": int,
            "end": int,
            "negated": int,
            "sentence": str,
        },
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["posting_skills"].create_index(["posting_id"])
    db["posting_skills"].create_index(["skill_id"])

    db["matches"].create(
        {
            "posting_id": str,
            "profile": str,
            "score": float,
            "subscores": str,  # JSON
            "explanation": str,  # JSON
            "content_hash": str,
            "profile_version": str,
            "computed_at": str,
        },
        pk=("posting_id", "profile"),
        foreign_keys=[("posting_id", "postings", "id")],
    )
    db["matches"].create_index(["profile", "score"])

    db["crawl_runs"].create(
        {
            "id": int,
            "source": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | ok | failed
            "pages": int,
            "items": int,
            "new": int,
            "updated": int,
            "dropped": int,
            "errors": int,
            "error_text": str,
            "stats": str,  # JSON: Scrapy's stats for the run
        },
        pk="id",
    )
    db["crawl_runs"].create_index(["source", "started_at"])


@migration
def m007_report_history(db: sqlite_utils.Database) -> None:
    """Which postings each profile's reports have shown, so `jobfit report --new` shows only the others."""
    db["report_history"].create(
        {"profile": str, "posting_id": str, "first_reported_at": str, "last_reported_at": str},
        pk=("profile", "posting_id"),
    )


@migration
def m008_report_indexes(db: sqlite_utils.Database) -> None:
    """Indexes for the report's filters and the market view (matches by profile is already indexed by score)."""
    db["postings"].create_index(["posted_at"])
    db["posting_skills"].create_index(["posting_id", "skill_id"])


@migration
def m005_run_history(db: sqlite_utils.Database) -> None:
    # pid tells a crawl run left "running" by a killed process from one still alive; closed is filled by the
    # lifecycle step that closes postings a source no longer lists; run_id ties crawl runs to one `jobfit run`.
    db["crawl_runs"].add_column("pid", int)
    db["crawl_runs"].add_column("closed", int)
    db["crawl_runs"].add_column("run_id", int)
    db["runs"].create(
        {"id": int, "started_at": str, "finished_at": str, "pid": int, "exit_code": int, "summary": str,
         "log_path": str},
        pk="id",
    )
