"""`jobfit serve`: Datasette over the database on 127.0.0.1, read-only, every table and column explained, the
canned queries, facets and links; and once in a real headless Chromium."""

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from jobfit.db import open_db
from jobfit.db.browse import CANNED_QUERIES
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_matches
from jobfit.serve import TABLES, metadata
from tests.notify_servers import free_port
from tests.test_report import XSS_TITLE, match, posting

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A small database served by `jobfit serve` in a subprocess; yields (base URL, database name)."""
    path = tmp_path_factory.mktemp("serve") / "jobs.db"
    db = open_db(path)
    upsert_postings(db, [posting(1, title="Ingénieur Machine Learning", city="Lyon", salary_min=50000,
                                 salary_max=60000, salary_period="year", salary_currency="EUR"),
                         posting(2, title=XSS_TITLE, city="Paris"), posting(3, title="Data Scientist", city="Paris")])
    db["posting_skills"].insert_all({"posting_id": f"t:{n}", "skill_id": "python", "section": "required",
                                     "negated": 0} for n in (1, 2, 3))
    save_matches(db, [match(1, 91.5), match(2, 70), match(3, 65)])
    db.close()
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "jobfit", "serve", "--db", str(path), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"jobfit serve did not start: {process.communicate()[1].decode()[-2000:]}")
            time.sleep(0.3)
    yield base, path.stem
    process.terminate()
    process.wait(timeout=20)


def get(url: str) -> str:
    return urllib.request.urlopen(url, timeout=20).read().decode("utf-8")


def test_metadata_explains_every_table_and_column(fresh_db):
    described = metadata("jobs")["databases"]["jobs"]["tables"]
    for table in fresh_db.table_names():
        assert table in TABLES, f"jobfit serve has no description of table {table}"
        missing = set(fresh_db[table].columns_dict) - set(described[table]["columns"])
        assert not missing, f"jobfit serve describes no column {sorted(missing)} of {table}"


def test_best_matches_query_lists_postings_with_links(served):
    base, name = served
    page = get(f"{base}/{name}/best_matches?profile=expert_ia")
    assert "Ingénieur Machine Learning" in page and "91.5" in page
    assert '<a href="https://jobs.example/1">' in page  # URLs are links
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page  # posting text is inert
    data = json.loads(get(f"{base}/{name}/best_matches.json?profile=expert_ia&_shape=array"))
    assert [row["id"] for row in data] == ["t:1", "t:2", "t:3"]


def test_every_canned_query_runs(served):
    base, name = served
    for query in CANNED_QUERIES:
        rows = json.loads(get(f"{base}/{name}/{query}.json?profile=expert_ia&_shape=array"))
        assert isinstance(rows, list), query
    skills = json.loads(get(f"{base}/{name}/skills_asked.json?profile=expert_ia&_shape=array"))
    assert skills == [{"skill_id": "python", "postings": 3, "matched_by_profile": 3}]
    assert len(json.loads(get(f"{base}/{name}/new_this_week.json?_shape=array"))) == 3


def test_postings_table_has_facets_and_descriptions(served):
    base, name = served
    page = get(f"{base}/{name}/postings")
    for facet in ("source", "contract", "remote", "city"):
        assert f"facet-{name}-postings-{facet}" in page
    assert "Every job posting stored" in page and "Hiring company" in page


def test_it_is_read_only(served):
    base, name = served
    with pytest.raises(urllib.error.HTTPError):
        get(f"{base}/{name}.json?sql=delete+from+postings")
    assert json.loads(get(f"{base}/{name}.json?sql=select+count(*)+as+n+from+postings&_shape=array")) == [{"n": 3}]


def test_it_listens_on_127_0_0_1_by_default(served):
    from click.testing import CliRunner

    from jobfit.cli import cli

    option = next(p for p in cli.commands["serve"].params if p.name == "host")
    assert option.default == "127.0.0.1" and CliRunner().invoke(cli, ["serve", "--help"]).exit_code == 0


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"{CHROMIUM} not installed (apt-get install chromium)")
def test_headless_chromium_shows_a_posting_title_in_the_best_matches_query(served, tmp_path):
    base, name = served
    result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             f"--user-data-dir={tmp_path / 'chromium'}", "--dump-dom",
                             f"{base}/{name}/best_matches?profile=expert_ia"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Ingénieur Machine Learning" in result.stdout and "Best matches for a profile" in result.stdout
