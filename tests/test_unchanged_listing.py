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


def page(n: int, title: str) -> str:
    posting = {"@context": "https://schema.org", "@type": "JobPosting", "title": title,
               "description": f"<p>Posting {n}: Python, PyTorch and statistics.</p>", "datePosted": "2026-11-20",
               "hiringOrganization": {"@type": "Organization", "name": "Acme AI"}}
    return f"<html><head><script type='application/ld+json'>{json.dumps(posting)}</script></head></html>"


def write_site(root, base_url, pages: dict[int, tuple[str, str | None]]) -> str:
    """Pages n -> (title, lastmod or None) and a sitemap listing them; returns the sitemap URL."""
    (root / "jobs").mkdir(parents=True, exist_ok=True)
    entries = []
    for n, (title, lastmod) in pages.items():
        (root / "jobs" / f"{n}.html").write_text(page(n, title), encoding="utf-8")
        entries.append(f"<url><loc>{base_url}/jobs/{n}.html</loc>"
                       + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                                      f'"http://www.sitemaps.org/schemas/sitemap/0.9">{"".join(entries)}</urlset>',
                                      encoding="utf-8")
    return f"{base_url}/sitemap.xml"


def test_a_sitemap_page_dated_as_when_last_read_is_not_fetched_and_its_posting_stays_open(tmp_path):
    from tests.local_server import FixtureServer

    root = tmp_path / "site"
    db = tmp_path / "jobfit.db"
    with FixtureServer(root) as server:
        sitemap = write_site(root, server.base_url, {1: ("ML Engineer", "2026-11-20"),
                                                     2: ("Data Scientist", "2026-11-20"), 3: ("NLP Engineer", None)})
        jobs = [("jsonld", {"url": sitemap})]
        assert crawl(db, jobs, tmp_path).returncode == 0
        assert last_run(db)["new"] == 3

        server.requests.clear()
        result = crawl(db, jobs, tmp_path)
        second = last_run(db)
        assert result.returncode == 0, result.stderr
        fetched = {path for _, path in server.requests}
        # Pages 1 and 2 are dated as before: not fetched. Page 3 has no lastmod: fetched again.
        assert "/jobs/1.html" not in fetched and "/jobs/2.html" not in fetched and "/jobs/3.html" in fetched
        assert second["status"] == "ok" and second["stats"]["jobfit/unchanged_pages"] == 2
        assert second["items"] == 3 and second["new"] == 0 and not second["closed"]
        with sqlite3.connect(db) as conn:
            assert conn.execute("select count(*) from postings where closed_at is null").fetchone()[0] == 3
            assert conn.execute("select count(distinct last_seen) from postings").fetchone()[0] == 1

        # Page 2 changes (a new lastmod) and page 1 leaves the sitemap: 2 is read again, 1 is closed.
        server.requests.clear()
        write_site(root, server.base_url, {2: ("Senior Data Scientist", "2026-11-28"), 3: ("NLP Engineer", None)})
        assert crawl(db, jobs, tmp_path).returncode == 0
        third = last_run(db)
        assert "/jobs/2.html" in {path for _, path in server.requests}
        assert third["updated"] == 1 and third["closed"] == 1
        with sqlite3.connect(db) as conn:
            titles = {r[0] for r in conn.execute("select title from postings where closed_at is null")}
        assert titles == {"Senior Data Scientist", "NLP Engineer"}
