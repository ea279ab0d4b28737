"""m002-m004 upgrade a database that main's m001 created, keeping its postings."""

import sqlite_utils

from jobfit.db import open_db
from jobfit.db.migrations import MIGRATIONS


def test_m001_database_upgrades_and_old_rows_show_in_canonical_postings(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    old["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    MIGRATIONS[0](old)
    old["_migrations"].insert({"name": MIGRATIONS[0].__name__, "applied_at": "2026-01-01"})
    old["postings"].insert({"id": "greenhouse:a:1", "source": "greenhouse", "external_id": "a:1", "title": "ML",
                            "first_seen": "2026-01-01", "last_seen": "2026-01-01", "salary_min": 50000})
    old.close()
    db = open_db(path)
    assert {"salary_annual_min", "board", "canonical_id", "rome_code"} <= set(db["postings"].columns_dict)
    [row] = db.query("select id, title, sources, n_postings, salary_min from canonical_postings")
    assert row == {"id": "greenhouse:a:1", "title": "ML", "sources": "greenhouse", "n_postings": 1,
                   "salary_min": 50000}
    names = [r["name"] for r in db.query("select name from _migrations order by name")]
    assert names[:4] == ["m001_initial", "m002_posting_details", "m003_posting_groups", "m004_canonical_postings"]


def test_canonical_postings_follow_every_write_to_postings(fresh_db):
    from jobfit.db.postings import upsert_postings

    upsert_postings(fresh_db, [{"id": "t:1", "source": "t", "external_id": "1", "title": "A"}])
    fresh_db.execute("update postings set closed_at = '2026-01-02' where id = 't:1'")
    [row] = fresh_db.query("select id, title, closed_at, n_postings from canonical_postings")
    assert row == {"id": "t:1", "title": "A", "closed_at": "2026-01-02", "n_postings": 1}
    upsert_postings(fresh_db, [{"id": "t:1", "source": "t", "external_id": "1", "title": "B"}])  # seen again
    [row] = fresh_db.query("select title, closed_at from canonical_postings")
    assert row == {"title": "B", "closed_at": None}
