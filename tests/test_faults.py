"""The fault suite: one `jobfit run` against tests/faultserver.py serving every kind of bad input at once.

Each test checks one fault's outcome: stored with what is valid, or rejected with a logged reason; the run goes
on; what an earlier run stored is kept.
"""

import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from jobfit.scheduled import EXIT_OK, EXIT_PARTIAL
from tests.faults import fault_routes
from tests.faultserver import FaultServer, Reply, greenhouse_board, greenhouse_job, job_posting, page, sitemap
from tests.jobfit_run import jobfit, jobfit_run, write_sources


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    """(server, db path, stderr, log text) after a clean first run, then a run where everything goes wrong."""
    tmp = tmp_path_factory.mktemp("faults")
    env = {"JOBFIT_DB": str(tmp / "jobs.db"), "XDG_DATA_HOME": str(tmp / "data")}
    old_env = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        with FaultServer(max_requests=2000) as server:
            base = server.base_url
            # First run: a page and a board that will break later, stored while they are fine.
            server.routes.update({
                "/jobs/flaky.html": page(job_posting("flaky", title="Ingénieur MLOps stable")),
                "/v1/boards/flaky/jobs": greenhouse_board([greenhouse_job(7, title="Data Scientist stable")]),
                "/sitemap.xml": sitemap(base, ["/jobs/flaky.html"]),
            })
            sources = write_sources(tmp / "sources.toml", {
                "site": ("jsonld", {"url": base + "/sitemap.xml"}),
                "flaky": ("greenhouse", {"url": base + "/v1/boards/flaky/jobs"}),
                "truncated": ("greenhouse", {"url": base + "/v1/boards/truncated/jobs"}),
                "empty": ("greenhouse", {"url": base + "/v1/boards/empty/jobs"}),
                "odd": ("greenhouse", {"url": base + "/v1/boards/odd/jobs"}),
            })
            first = write_sources(tmp / "first.toml", {
                "site": ("jsonld", {"url": base + "/sitemap.xml"}),
                "flaky": ("greenhouse", {"url": base + "/v1/boards/flaky/jobs"}),
            })
            before = jobfit_run(tmp / "jobs.db", first, "--profile", "expert_ia", "-s", "HTTPCACHE_ENABLED=True")
            assert before.returncode == EXIT_OK, before.stderr

            # Second run: every fault at once; the flaky page and board now break.
            server.routes.update(fault_routes(base))
            server.routes["/jobs/flaky.html"] = page('{"@type": "JobPosting", "title": "Ingénieur MLOps cas')
            server.routes["/v1/boards/flaky/jobs"] = Reply(500, b"down")
            listed = [p for p in server.routes if p.startswith(("/jobs/", "/private/"))]
            server.routes["/sitemap.xml"] = sitemap(base, listed)
            server.hits.clear()
            server.log.clear()
            result = jobfit_run(tmp / "jobs.db", sources, "--profile", "expert_ia", "-s", "DOWNLOAD_TIMEOUT=1",
                                "-s", "HTTPCACHE_ENABLED=True")
        log_path = result.stderr.rsplit("log: ", 1)[-1].strip()
        yield server, tmp / "jobs.db", result, open(log_path, encoding="utf-8").read()
    finally:
        for key, value in old_env.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


def posting(db, page_name: str) -> dict | None:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute("select * from postings where external_id like ?", [f"%/{page_name}"]).fetchone()
    return dict(row) if row else None


def source_stats(db, source: str) -> dict:
    with sqlite3.connect(db) as conn:
        return json.loads(conn.execute("select stats from crawl_runs where source = ? order by id desc limit 1",
                                       [source]).fetchone()[0])


def test_run_survives_every_fault_and_reports_the_broken_sources(fault_run):
    _, db, result, _ = fault_run
    assert result.returncode == EXIT_PARTIAL, result.stderr
    [summary] = result.stderr.strip().splitlines()
    assert "2/5 sources ok (failed: greenhouse:flaky, greenhouse:truncated, greenhouse:empty)" in summary
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_malformed_json_ld_is_skipped_with_a_warning(fault_run):
    _, db, _, log = fault_run
    assert posting(db, "malformed-json.html") is None
    assert "unreadable JSON-LD block" in log


def test_malformed_html_still_yields_its_posting(fault_run):
    assert posting(fault_run[1], "malformed-html.html")["title"] == "Data Engineer HTML cassé"


def test_cp1252_page_without_charset_is_decoded_as_cp1252(fault_run):
    stored = posting(fault_run[1], "cp1252-no-charset.html")
    assert "Prime : 3 000 € ; télétravail à Nîmes" in stored["description"] and "—" in stored["description"]


def test_latin1_page_declared_utf8_is_decoded_as_latin1(fault_run):
    stored = posting(fault_run[1], "latin1-wrong-charset.html")
    assert stored["title"] == "Développeur à Nîmes latin-1"
    assert "not UTF-8 (declared: utf-8): decoding it as cp1252" in fault_run[3]


def test_empty_body_stores_nothing_and_is_counted(fault_run):
    assert posting(fault_run[1], "empty.html") is None
    assert "no JobPosting JSON-LD on http://127.0.0.1" in fault_run[3]


def test_enormous_response_is_cut_at_the_size_cap_without_retry(fault_run):
    server, db, _, log = fault_run
    assert posting(db, "huge.html") is None
    assert "larger than download max size (20971520)" in log
    assert server.hits["/jobs/huge.html"] == 1


def test_decompression_bomb_is_dropped_once_it_inflates_past_the_cap(fault_run):
    assert posting(fault_run[1], "bomb.html") is None
    assert "exceeded DOWNLOAD_MAXSIZE (20971520 B) during decompression" in fault_run[3]


def test_slow_response_times_out_and_is_retried_a_bounded_number_of_times(fault_run):
    server, db, _, log = fault_run
    assert posting(db, "slow.html") is None
    assert server.hits["/jobs/slow.html"] == 2  # crawler.settings.local: RETRY_TIMES = 1
    assert "Gave up retrying <GET http://127.0.0.1" in log and "took longer than 1.0 seconds" in log


def test_429_with_retry_after_seconds_is_retried_after_the_wait(fault_run):
    server, db, _, _ = fault_run
    first, second = server.times("/jobs/429.html")
    assert second - first >= 1.0
    assert posting(db, "429.html")["title"] == "Après un 429"


def test_503_with_retry_after_http_date_is_retried_after_the_date(fault_run):
    server, db, _, _ = fault_run
    first, second = server.times("/jobs/503-date.html")
    assert second - first >= 1.0  # the date is 2 s ahead, at one-second resolution
    assert posting(db, "503-date.html")["title"] == "Après un 503"


def test_retry_after_beyond_the_cap_is_given_up_with_a_logged_reason(fault_run):
    server, _, _, log = fault_run
    assert server.hits["/jobs/429-forever.html"] == 1
    assert "asks to retry after 3600 s, more than RETRY_AFTER_MAX" in log


def test_5xx_without_retry_after_is_retried_a_bounded_number_of_times(fault_run):
    server, _, _, log = fault_run
    assert server.hits["/jobs/500-always.html"] == 2
    assert "Gave up retrying <GET http://127.0.0.1" in log and "500 Internal Server Error" in log


def test_redirect_loop_is_cut_by_the_duplicate_filter(fault_run):
    server = fault_run[0]
    assert server.hits["/jobs/loop-a.html"] == server.hits["/jobs/loop-b.html"] == 1


def test_endless_redirect_chain_stops_at_redirect_max_times(fault_run):
    server, db, _, _ = fault_run
    assert server.hits["/jobs/chain.html"] == 11  # the page, then REDIRECT_MAX_TIMES = 10 redirects
    assert posting(db, "chain.html") is None


def test_page_disallowed_by_robots_txt_is_never_fetched(fault_run):
    server, db, _, _ = fault_run
    assert server.hits["/private/secret.html"] == 0
    assert posting(db, "secret.html") is None
    assert source_stats(db, "jsonld:site")["robotstxt/forbidden"] == 1


def test_posting_without_title_is_dropped_with_its_reason(fault_run):
    _, db, _, log = fault_run
    assert posting(db, "no-title.html") is None
    assert "Dropped: posting without title: http://127.0.0.1" in log
    assert "Dropped: posting without title: odd:1" in log
    assert source_stats(db, "jsonld:site")["jobfit/dropped/missing_title"] == 1


def test_postings_without_company_or_description_are_stored_with_the_rest(fault_run):
    db = fault_run[1]
    assert posting(db, "no-company.html")["company"] is None
    no_description = posting(db, "no-description.html")
    assert no_description["title"] == "Sans description" and not no_description["description"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select title from postings where id = 'greenhouse:odd:2'").fetchone() == (
            "Board job sans contenu",)


def test_absurd_salary_and_dates_are_blanked_with_a_logged_reason(fault_run):
    _, db, _, log = fault_run
    stored = posting(db, "absurd.html")
    assert stored["title"] == "Salaire absurde"
    assert (stored["salary_min"], stored["salary_max"], stored["posted_at"], stored["valid_through"]) == (
        None, None, None, None)
    assert "blanked salary of http://127.0.0.1" in log and "salary -5 outside" in log
    assert "posted_at '2026-13-45' is not a readable date" in log
    assert "valid_through 0001-01-01 outside 1990-01-01" in log


def test_what_an_earlier_run_stored_is_kept_when_its_source_breaks(fault_run):
    db = fault_run[1]
    assert posting(db, "flaky.html")["title"] == "Ingénieur MLOps stable"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select title from postings where id = 'greenhouse:flaky:7'").fetchone() == (
            "Data Scientist stable",)
        statuses = dict(conn.execute("select source, status from crawl_runs where id > 2"))
    assert statuses == {"jsonld:site": "ok", "greenhouse:flaky": "failed", "greenhouse:truncated": "failed",
                        "greenhouse:empty": "failed", "greenhouse:odd": "ok"}


def test_html_and_markup_in_a_posting_are_inert_in_reports(fault_run):
    db = fault_run[1]
    stored = posting(db, "script.html")
    assert "<script" not in (stored["description"] or "") and "onerror" not in (stored["description"] or "")
    result = jobfit("report", "--db", str(db), "--top", "1000", "--format", "json")
    assert result.returncode == 0, result.stderr
    [row] = [r for r in json.loads(result.stdout) if r["id"] == stored["id"]]
    assert row["title"] == stored["title"] and "[bold red]Engineer[/]" in row["title"]
    assert row["company"] == "[link=http://evil.example]Acme[/link]"
    table = subprocess.run([sys.executable, "-m", "jobfit", "report", "--db", str(db), "--top", "1000"],
                           capture_output=True, text=True, env={**os.environ, "COLUMNS": "400"})
    assert table.returncode == 0, table.stderr
    # Rich markup in the data is printed as text, not interpreted (no style, no hyperlink).
    assert "[bold red]Engineer[/]" in table.stdout and "[link=http://evil.example]Acme[/link]" in table.stdout
    assert "\x1b]8;" not in table.stdout and "\x1b[" not in table.stdout


@pytest.mark.parametrize("fmt", ["html", "md", "csv"])
def test_html_and_markup_in_a_posting_are_inert_in_every_report_format(fault_run, fmt):
    db = fault_run[1]
    result = jobfit("report", "--db", str(db), "--top", "1000", "--format", fmt)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Engineer" in out and "evil.example" in out  # the posting is in the report...
    if fmt == "html":  # ...as text, never as markup
        assert "&lt;script&gt;alert" in out and "<script>alert" not in out and "<img src=x" not in out
        assert 'href="http://evil.example' not in out
    if fmt == "md":  # every "<" of the posting backslash-escaped, so a Markdown renderer shows it
        assert "\\<script\\>alert" in out and not re.search(r"(?<!\\)<(script|img)", out)
    if fmt == "csv":  # CSV is data: the text verbatim, but a formula is not left for a spreadsheet to run
        assert "'=HYPERLINK(" in out and '\n=HYPERLINK' not in out and ',=HYPERLINK' not in out


def test_filters_reach_sql_as_parameters(fault_run, tmp_path):
    db = fault_run[1]
    injected = "x' or '1'='1"
    status = jobfit("status", "--db", str(db), "--source", injected)
    assert status.returncode == 0, status.stderr
    assert "jsonld:site" not in status.stdout and "never run" in status.stdout
    paris = jobfit("report", "--db", str(db), "--top", "1000", "--location", "Paris", "--format", "json")
    assert paris.returncode == 0 and json.loads(paris.stdout), paris.stderr  # the filter works on real text...
    for option in ("--location", "--since"):
        value = injected if option == "--location" else "2026-01-01' or '1'='1"
        result = jobfit("report", "--db", str(db), option, value, "--format", "json")
        # ...and an injection attempt is a value that matches nothing, or a rejected argument.
        assert (result.returncode == 0 and json.loads(result.stdout) == []) or "Invalid value" in result.stderr
    profile = tmp_path / "evil.toml"
    profile.write_text(f'id = "{injected}"\nname = "Evil"\n[[skills]]\nid = "python"\n', encoding="utf-8")
    report = jobfit("report", "--db", str(db), "--profile", str(profile), "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout) == []
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from matches").fetchone()[0] > 0
