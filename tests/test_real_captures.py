"""Every real board capture in ../shared/data/fixtures/real crawled from file://: each job stored, lists first."""

import sqlite3

from tests.conftest import shared_file
from tests.fixture_sources import REAL_CAPTURES, crawl, real_capture_jobs


def test_every_real_capture_is_stored_whole_and_missing_details_say_partial(tmp_path):
    shared_file("fixtures/real/README.md")
    result = crawl(tmp_path / "real.db", real_capture_jobs(), tmp_path)
    assert result.returncode == 3, result.stderr  # partial: the list-only captures' details are not saved
    with sqlite3.connect(tmp_path / "real.db") as conn:
        runs = conn.execute("select source, status, items, error_text from crawl_runs order by id").fetchall()
        stored = conn.execute("select count(*), count(title), count(url) from postings").fetchone()
    assert [items for _, _, items, _ in runs] == [n for _, n in REAL_CAPTURES.values()]
    # every job, with its title, and its URL but for Workday's list read from a file (its URL is built from the
    # CXS host, which a file has not)
    total = sum(n for _, n in REAL_CAPTURES.values())
    assert stored == (total, total, total - 2)
    partial = {source for source, status, _, _ in runs if status == "partial"}
    # the captures of lists that need a detail per job: stored from the list, the run says partial
    assert {s.split(":")[0] for s in partial} == {"greenhouse", "smartrecruiters", "workday"}
    assert all(status in ("ok", "partial") for _, status, _, _ in runs)
    assert all("detail request" in text for _, status, _, text in runs if status == "partial")
