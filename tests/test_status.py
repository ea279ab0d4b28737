"""`jobfit status` (source health from crawl runs) and `jobfit schedule` (cron and systemd with absolute paths)."""

import json
import os

from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.crawl_runs import finish_crawl_run, start_crawl_run
from jobfit.db.history import health, mark_interrupted, start_run, unreported_since


def crawl(db, source, status, started):
    run_id = start_crawl_run(db, source)
    finish_crawl_run(db, run_id, status=status, pages=1, items=1)
    with db.conn:
        db["crawl_runs"].update(run_id, {"started_at": started})
    return run_id


def test_health_says_since_when_a_source_fails(fresh_db):
    crawl(fresh_db, "a", "failed", "2026-01-01T00:00:00")
    crawl(fresh_db, "a", "ok", "2026-01-02T00:00:00")
    crawl(fresh_db, "a", "failed", "2026-01-03T00:00:00")
    crawl(fresh_db, "a", "interrupted", "2026-01-04T00:00:00")
    crawl(fresh_db, "b", "ok", "2026-01-04T00:00:00")
    assert health(fresh_db, "a") == "failing since 2026-01-03T00:00:00"
    assert health(fresh_db, "b") == "ok"
    assert health(fresh_db, "c") == "never run"


def test_health_of_a_run_whose_process_died_says_interrupted(fresh_db):
    run_id = start_crawl_run(fresh_db, "a")
    with fresh_db.conn:
        fresh_db["crawl_runs"].update(run_id, {"pid": 2 ** 22 + 12345})
    assert health(fresh_db, "a").startswith("interrupted")
    with fresh_db.conn:
        fresh_db["crawl_runs"].update(run_id, {"pid": os.getpid()})
    assert health(fresh_db, "a") == "running"


def test_runs_left_running_by_a_dead_process_are_marked_interrupted(fresh_db):
    dead = start_crawl_run(fresh_db, "a")
    with fresh_db.conn:
        fresh_db["crawl_runs"].update(dead, {"pid": 2 ** 22 + 12345})  # above pid_max on Linux: never alive
    alive = start_crawl_run(fresh_db, "b")
    with fresh_db.conn:
        fresh_db["crawl_runs"].update(alive, {"pid": os.getpid()})
    assert mark_interrupted(fresh_db) == 1
    assert fresh_db["crawl_runs"].get(dead)["status"] == "interrupted"
    assert fresh_db["crawl_runs"].get(alive)["status"] == "running"


def test_status_lists_configured_sources_never_run(db_path, tmp_path):
    db = open_db(db_path)
    crawl(db, "greenhouse:acme", "ok", "2026-01-02T00:00:00")
    db.close()
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "newco"\nspider = "greenhouse"\nargs = { board = "newco" }\n')
    result = CliRunner().invoke(cli, ["status", "--db", str(db_path), "--sources", str(sources), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {s["source"]: s["health"] for s in report["sources"]} == {"greenhouse:acme": "ok",
                                                                     "greenhouse:newco": "never run"}


def test_schedule_prints_cron_and_systemd_with_absolute_paths():
    result = CliRunner().invoke(cli, ["schedule", "--db", "rel/jobs.db", "--every", "4"])
    assert result.exit_code == 0, result.output
    cron = [line for line in result.output.splitlines() if line and not line.startswith("#")][0]
    assert cron.startswith("17 */4 * * * /")
    assert "--db /" in cron and cron.endswith("rel/jobs.db")
    assert "OnCalendar=*-*-* 00/4:17:00" in result.output and "ExecStart=/" in result.output
    assert "SuccessExitStatus=75" in result.output


def test_new_postings_are_reported_since_the_last_completed_run(fresh_db):
    def run(started, exit_code):
        run_id = start_run(fresh_db, None)
        with fresh_db.conn:
            fresh_db["runs"].update(run_id, {"started_at": started, "exit_code": exit_code})

    run("2026-01-01T00:00:00", 0)
    run("2026-01-02T00:00:00", None)  # killed before its report
    run("2026-01-03T00:00:00", None)  # this run
    assert unreported_since(fresh_db) == "2026-01-02T00:00:00"
