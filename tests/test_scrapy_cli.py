"""`scrapy crawl SPIDER -a url=file://…` keeps working, POST-based spiders included."""

import sqlite3
import subprocess
import sys

from tests.fixture_sources import DATA, TESTS


def test_scrapy_crawl_workday_from_a_file_url(tmp_path):
    db = tmp_path / "scrapy.db"
    url = (DATA / "workday/wday/cxs/criteo/Criteo/jobs.json").as_uri()
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "workday", "-a", f"url={url}", "-a", "company=Criteo",
         "-s", f"JOBFIT_DB={db}", "-s", "LOG_LEVEL=WARNING"],
        capture_output=True, text=True, timeout=120, cwd=TESTS.parent)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select external_id, company from postings order by external_id").fetchall()
        status = conn.execute("select status from crawl_runs").fetchone()[0]
    assert rows == [("criteo/Criteo:R0012345", "Criteo"), ("criteo/Criteo:R0012346", "Criteo")]
    assert status == "ok"
