"""An unchanged board listing costs one request: not parsed, nothing upserted or closed; a changed one is read."""

import json
import shutil
import sqlite3

from tests.fixture_sources import DATA, crawl


def last_run(db):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = dict(conn.execute("select * from crawl_runs order by id desc limit 1").fetchone())
    row["stats"] = json.loads(row["stats"])
    return row


def test_an_unchanged_board_is_not_parsed_again_and_a_changed_one_is(tmp_path):
    board = tmp_path / "acme-ai.json"
    shutil.copy(DATA / "lever" / "acme-ai.json", board)
    jobs = [("lever", {"board": "acme-ai", "company": "Acme AI", "url": board.as_uri()})]
    db = tmp_path / "jobfit.db"
    assert crawl(db, jobs, tmp_path).returncode == 0
    first = last_run(db)
    assert first["items"] == 3 and first["new"] == 3

    result = crawl(db, jobs, tmp_path)
    second = last_run(db)
    assert result.returncode == 0, result.stderr
    assert second["status"] == "ok" and second["pages"] == 1 and second["items"] == 0
    assert second["stats"]["jobfit/unchanged_listings"] == 1 and not second["closed"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from postings where closed_at is null").fetchone()[0] == 3

    jobs_now = json.loads(board.read_text(encoding="utf-8"))
    board.write_text(json.dumps(jobs_now[1:]), encoding="utf-8")  # one job taken down
    assert crawl(db, jobs, tmp_path).returncode == 0
    third = last_run(db)
    assert third["items"] == 2 and third["closed"] == 1 and "jobfit/unchanged_listings" not in third["stats"]
