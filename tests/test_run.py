"""`jobfit run` end to end: crawl every source, extract, score, report new matches; exit codes and summary."""

import json
import sqlite3

import pytest

from jobfit.scheduled import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL
from tests.faultserver import FaultServer, Reply, greenhouse_board, greenhouse_job, job_posting, json_reply, page
from tests.jobfit_run import jobfit, jobfit_run, serve_board, serve_site, write_sources


@pytest.fixture
def server():
    with FaultServer() as srv:
        yield srv


def test_run_stores_extracts_scores_and_reports_only_new_postings(server, tmp_path):
    paths = serve_site(server, 6)
    board = serve_board(server, "acme", 3)
    sources = write_sources(tmp_path / "sources.toml", {
        "site": ("jsonld", {"url": server.base_url + "/sitemap.xml"}),
        "acme": ("greenhouse", {"url": board, "company": "Acme"}),
    })
    db, report = tmp_path / "jobs.db", tmp_path / "new.json"
    first = jobfit_run(db, sources, "--report", str(report), "--profile", "expert_ia")
    assert first.returncode == EXIT_OK, first.stderr
    [summary] = first.stderr.strip().splitlines()
    assert summary.startswith("jobfit run: 2/2 sources ok; 9 postings (9 new, 0 updated); 9 extracted, 9 scored")
    rows = json.loads(report.read_text())
    assert len(rows) == 9 and {r["title"] for r in rows} >= {"Ingénieur ML 0", "Data Scientist 2"}
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from matches where profile = 'expert_ia'").fetchone()[0] == 9
        assert conn.execute("select count(*) from crawl_runs where status = 'ok'").fetchone()[0] == 2

    # One posting changes, one appears: only they are extracted, scored and reported.
    serve_site(server, 7)
    server.routes[paths[0]] = page(job_posting("/jobs/0", title="Ingénieur ML 0 (Python, Spark)"))
    second = jobfit_run(db, sources, "--report", str(report), "--profile", "expert_ia")
    assert second.returncode == EXIT_OK, second.stderr
    # The unchanged Greenhouse board is not read again (UnchangedListingMiddleware): 7 postings, the site's.
    assert "7 postings (1 new, 1 updated); 2 extracted, 2 scored; 1 new matches" in second.stderr
    assert [r["title"] for r in json.loads(report.read_text())] == ["Ingénieur ML 6"]


def test_run_exits_partial_when_one_source_fails_and_keeps_the_others(server, tmp_path):
    serve_site(server, 3)
    server.routes["/v1/boards/broken/jobs"] = Reply(body=b'{"jobs": [{"id": 1, "tit',
                                                    headers={"Content-Type": "application/json"})
    sources = write_sources(tmp_path / "sources.toml", {
        "site": ("jsonld", {"url": server.base_url + "/sitemap.xml"}),
        "broken": ("greenhouse", {"url": server.base_url + "/v1/boards/broken/jobs"}),
    })
    result = jobfit_run(tmp_path / "jobs.db", sources, "--profile", "expert_ia")
    assert result.returncode == EXIT_PARTIAL, result.stderr
    [summary] = result.stderr.strip().splitlines()
    assert "1/2 sources ok (failed: greenhouse:broken); 3 postings (3 new" in summary
    with sqlite3.connect(tmp_path / "jobs.db") as conn:
        runs = dict(conn.execute("select source, status from crawl_runs"))
        error = conn.execute("select error_text from crawl_runs where source = 'greenhouse:broken'").fetchone()[0]
    assert runs == {"jsonld:site": "ok", "greenhouse:broken": "failed"}
    assert "unreadable JSON" in error and "/v1/boards/broken/jobs" in error


def test_run_stores_listed_jobs_whose_detail_fails_and_exits_partial(server, tmp_path):
    # A Greenhouse board listed without content: one detail request per job, the second one answers 404.
    jobs = [{k: v for k, v in greenhouse_job(n, title=f"Data Scientist {n}").items() if k != "content"}
            for n in (1, 2, 3)]
    server.routes["/v1/boards/acme/jobs"] = greenhouse_board(jobs)
    for n in (1, 3):
        server.routes[f"/v1/boards/acme/jobs/{n}"] = json_reply(greenhouse_job(n, title=f"Data Scientist {n}"))
    server.routes["/v1/boards/acme/jobs/2"] = Reply(status=404)
    sources = write_sources(tmp_path / "sources.toml", {
        "acme": ("greenhouse", {"url": server.base_url + "/v1/boards/acme/jobs"})})
    result = jobfit_run(tmp_path / "jobs.db", sources, "--profile", "expert_ia")
    assert result.returncode == EXIT_PARTIAL, result.stderr
    assert "0/1 sources ok (partial: greenhouse:acme); 3 postings (3 new" in result.stderr
    with sqlite3.connect(tmp_path / "jobs.db") as conn:
        stored = dict(conn.execute("select external_id, coalesce(description, '') from postings"))
        status, error = conn.execute("select status, error_text from crawl_runs").fetchone()
    assert set(stored) == {"acme:1", "acme:2", "acme:3"}  # the failed one from its list entry
    assert stored["acme:2"] == "" and "Python et SQL" in stored["acme:1"]
    assert status == "partial" and "1 job detail request failed" in error and "/v1/boards/acme/jobs/2" in error
    shown = jobfit("status", "--db", str(tmp_path / "jobs.db"), "--sources", str(sources))
    assert "greenhouse:acme: partial" in shown.stdout and "/v1/boards/acme/jobs/2?pay_transparency=true" in shown.stdout

    # The next run gets the detail: the job is filled in.
    server.routes["/v1/boards/acme/jobs/2"] = json_reply(greenhouse_job(2, title="Data Scientist 2"))
    assert jobfit_run(tmp_path / "jobs.db", sources, "--profile", "expert_ia").returncode == EXIT_OK
    with sqlite3.connect(tmp_path / "jobs.db") as conn:
        assert "Python et SQL" in conn.execute("select description from postings where id = ?",
                                               ["greenhouse:acme:2"]).fetchone()[0]


def test_run_exits_1_when_every_source_fails(server, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", {
        "gone": ("greenhouse", {"url": server.base_url + "/v1/boards/gone/jobs"}),
    })
    report = tmp_path / "new.json"
    report.write_text('[{"stale": "matches of an earlier run"}]')
    result = jobfit_run(tmp_path / "jobs.db", sources, "--report", str(report), "--profile", "expert_ia")
    assert result.returncode == EXIT_ERROR, result.stderr
    assert "0/1 sources ok (failed: greenhouse:gone)" in result.stderr
    assert json.loads(report.read_text()) == []  # not the earlier run's matches


def test_run_with_an_unknown_spider_is_one_line_error(server, tmp_path):
    sources = write_sources(tmp_path / "sources.toml", {"x": ("nosuchspider", {"url": server.base_url})})
    result = jobfit_run(tmp_path / "jobs.db", sources)
    assert result.returncode == EXIT_ERROR
    [line] = result.stderr.strip().splitlines()
    assert "unknown spider 'nosuchspider'" in line


def test_run_writes_one_rotated_log_per_run_with_stats_per_source(server, tmp_path):
    serve_site(server, 2)
    sources = write_sources(tmp_path / "sources.toml", {"site": ("jsonld", {"url": server.base_url + "/sitemap.xml"})})
    logs = tmp_path / "logs"
    for _ in range(3):
        result = jobfit_run(tmp_path / "jobs.db", sources, "--log-dir", str(logs), "--keep-logs", "2",
                            "--profile", "expert_ia")
        assert result.returncode == EXIT_OK, result.stderr
    kept = sorted(logs.glob("run-*.log"))
    assert len(kept) == 2
    assert str(kept[-1]) in result.stderr
    text = kept[-1].read_text()
    assert "=== jsonld:site: ok" in text and "response_received_count: 4" in text  # robots.txt, sitemap, 2 pages


def test_run_without_enabled_sources_says_so(tmp_path):
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "a"\nspider = "jsonld"\nenabled = false\n')
    result = jobfit("run", "--sources", str(sources))
    assert result.returncode == EXIT_ERROR
    assert "no enabled source" in result.stderr


def test_second_run_revalidates_cached_pages_with_conditional_requests(server, tmp_path):
    paths = serve_site(server, 3)
    for path in paths:
        server.routes[path].headers["Last-Modified"] = "Mon, 02 Nov 2026 10:00:00 GMT"
    sources = write_sources(tmp_path / "sources.toml", {"site": ("jsonld", {"url": server.base_url + "/sitemap.xml"})})
    db = tmp_path / "jobs.db"
    for _ in range(2):
        result = jobfit_run(db, sources, "--profile", "expert_ia", "-s", "HTTPCACHE_ENABLED=True")
        assert result.returncode == EXIT_OK, result.stderr
    conditional = [headers for _, path, headers in server.log if path in paths and "If-Modified-Since" in headers]
    assert len(conditional) == 3  # the second run's three page requests
    with sqlite3.connect(db) as conn:
        stats = json.loads(conn.execute("select stats from crawl_runs order by id desc limit 1").fetchone()[0])
        last_seen = conn.execute("select count(*) from postings where last_seen > first_seen").fetchone()[0]
    assert stats["httpcache/revalidate"] == 3 and stats["jobfit/postings/unchanged"] == 3
    assert last_seen == 3  # seen again: a 304 still refreshes the posting
