"""Crash safety: SIGKILL `jobfit run` mid-crawl, run again, and nothing is corrupt, duplicated or missing.

Also: a report reads while a crawl writes (WAL and a busy timeout).
"""

import json
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from jobfit.cli import cli
from tests.faultserver import FaultServer
from tests.jobfit_run import jobfit_run, serve_site, write_sources

PAGES = 400


def stored(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("select count(*) from postings").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_killed_run_loses_nothing_and_the_next_run_completes(tmp_path):
    with FaultServer() as server:
        paths = serve_site(server, PAGES, delay=0.08)
        for path in paths:  # validators, so the HTTP cache writes entries while the process is killed
            server.routes[path].headers["Last-Modified"] = "Mon, 02 Nov 2026 10:00:00 GMT"
        sources = write_sources(tmp_path / "sources.toml",
                                {"site": ("jsonld", {"url": server.base_url + "/sitemap.xml"})})
        db = tmp_path / "jobs.db"
        args = [sys.executable, "-m", "jobfit", "run", "--local", "--db", str(db), "--sources", str(sources),
                "--profile", "expert_ia", "-s", "JOBFIT_STORE_BATCH=10", "-s", "HTTPCACHE_ENABLED=True"]
        crawl = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        report = None
        while stored(db) < 60 and time.monotonic() < deadline and crawl.poll() is None:
            if report is None and stored(db) > 0:
                # A report reads while the crawl writes.
                report = CliRunner().invoke(cli, ["report", "--db", str(db), "--format", "json"])
                status = CliRunner().invoke(cli, ["status", "--db", str(db)]) if "status" in cli.commands else None
            time.sleep(0.05)
        crawl.send_signal(signal.SIGKILL)
        crawl.wait()
        at_kill = stored(db)
        assert 0 < at_kill < PAGES, f"the kill should land mid-crawl; {at_kill} postings stored"
        assert report is not None and report.exit_code == 0, report and report.output
        assert status is None or status.exit_code == 0, status.output

        with sqlite3.connect(db) as conn:
            assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            assert conn.execute("select status from crawl_runs").fetchall() == [("running",)]

        new_matches = tmp_path / "new.json"
        again = jobfit_run(db, sources, "--profile", "expert_ia", "-s", "HTTPCACHE_ENABLED=True", "--report",
                           str(new_matches))
        assert again.returncode == 0, again.stderr
        # The killed run never wrote its report: its postings are new to this one's.
        assert len(json.loads(new_matches.read_text())) == PAGES

    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in conn.execute("select external_id from postings")]
        urls = [row[0] for row in conn.execute("select url from postings")]
        assert len(ids) == len(set(ids)) == len(set(urls)) == PAGES
        assert set(ids) == {server.base_url.removeprefix("http://") + path for path in paths}
        assert conn.execute("select count(*) from matches").fetchone()[0] == PAGES
        runs = conn.execute("select status, new from crawl_runs order by id").fetchall()
    assert runs[0][0] == "interrupted" and runs[1][0] == "ok"
    assert runs[1][1] == PAGES - at_kill, "the second run adds exactly what the killed one had not stored"
