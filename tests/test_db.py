from jobfit.db import open_db
from jobfit.db.migrations import MIGRATIONS
from jobfit.db.postings import upsert_postings


def posting(n=1, **fields):
    return {"id": f"test:{n}", "source": "test", "external_id": str(n), "title": f"Job {n}",
            "content_hash": "h1", **fields}


def test_open_db_applies_every_migration_once(db_path):
    db = open_db(db_path)
    names = [r["name"] for r in db["_migrations"].rows]
    assert names == [m.__name__ for m in MIGRATIONS]
    db.close()
    db = open_db(db_path)  # opening again applies nothing twice
    assert [r["name"] for r in db["_migrations"].rows] == names


def test_database_uses_wal_and_busy_timeout(fresh_db):
    assert fresh_db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert fresh_db.execute("pragma busy_timeout").fetchone()[0] >= 1000


def test_upsert_counts_new_updated_and_unchanged(fresh_db):
    assert upsert_postings(fresh_db, [posting(1), posting(2)], now="2026-01-01T00:00:00+00:00") == {
        "new": 2, "updated": 0, "unchanged": 0}
    counts = upsert_postings(fresh_db, [posting(1), posting(2, content_hash="h2", title="Job 2 v2")],
                             now="2026-01-02T00:00:00+00:00")
    assert counts == {"new": 0, "updated": 1, "unchanged": 1}
    assert fresh_db["postings"].count == 2


def test_upsert_keeps_first_seen_and_moves_last_seen(fresh_db):
    upsert_postings(fresh_db, [posting(1)], now="2026-01-01T00:00:00+00:00")
    upsert_postings(fresh_db, [posting(1, title="Renamed", content_hash="h2")], now="2026-02-01T00:00:00+00:00")
    row = fresh_db["postings"].get("test:1")
    assert row["first_seen"] == "2026-01-01T00:00:00+00:00"
    assert row["last_seen"] == "2026-02-01T00:00:00+00:00"
    assert row["title"] == "Renamed"


def test_upsert_stores_dicts_as_json(fresh_db):
    upsert_postings(fresh_db, [posting(1, raw={"offices": ["Paris"]})])
    assert fresh_db["postings"].get("test:1")["raw"] == '{"offices": ["Paris"]}'


def test_default_db_path_follows_environment(monkeypatch, tmp_path):
    from jobfit.db import default_db_path

    monkeypatch.setenv("JOBFIT_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("JOBFIT_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "jobfit" / "jobfit.db"


def test_postings_with_skills_gives_each_posting_its_own_hits_across_chunks(fresh_db):
    from jobfit.db.queries import postings_with_skills, save_extractions

    postings = [posting(n, content_hash=f"h{n}") for n in range(1201)]
    upsert_postings(fresh_db, postings)
    save_extractions(fresh_db, [(p, "en", p["content_hash"],
                                 [{"skill_id": f"s{p['external_id']}", "section": "required", "text": "x",
                                   "start": i, "end": i + 1, "negated": 0, "sentence": "x"}
                                  for i in range(int(p["external_id"]) % 3)]) for p in postings], "v1")
    seen, after = {}, ""
    while chunk := postings_with_skills(fresh_db, "p", "v", "s", stale_only=False, after=after, limit=500):
        seen.update((p["id"], hits) for p, hits in chunk)
        after = chunk[-1][0]["id"]
    assert len(seen) == 1201
    for n in (0, 1, 2, 499, 500, 501, 1200):
        hits = seen[f"test:{n}"]
        assert [h["start"] for h in hits] == list(range(n % 3))
        assert all(h["skill_id"] == f"s{n}" for h in hits)
