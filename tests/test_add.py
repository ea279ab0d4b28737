"""`jobfit add URL`: one page the user names, read with the JSON-LD spider, stored, nothing closed."""

import subprocess
import sys

from jobfit.db import open_db
from tests.fixture_sources import DATA, TESTS
from tests.local_server import FixtureServer


def test_add_stores_the_posting_of_one_page(db_path):
    with FixtureServer(DATA) as server:
        url = f"{server.base_url}/welcometothejungle/fr/companies/acme-ai/jobs/stage-research-scientist_paris.html"
        result = subprocess.run([sys.executable, "-m", "jobfit", "add", url, "--local", "--db", str(db_path)],
                                capture_output=True, text=True, timeout=120, cwd=TESTS.parent)
    assert result.returncode == 0, result.stderr
    [posting] = open_db(db_path).query("select * from postings")
    assert (posting["source"], posting["title"], posting["company"]) == ("jsonld", "Stage - Research Scientist",
                                                                          "Acme AI")
    assert posting["board"] is None


def test_add_says_when_the_page_has_no_posting(db_path):
    with FixtureServer(DATA) as server:
        url = f"{server.base_url}/site/no_posting.html"
        result = subprocess.run([sys.executable, "-m", "jobfit", "add", url, "--local", "--db", str(db_path)],
                                capture_output=True, text=True, timeout=120, cwd=TESTS.parent)
    assert result.returncode == 2 and "no JobPosting stored" in result.stderr
