"""`jobfit import`: JobSpy CSV/JSON and jobfit JSON Lines stored through the crawler's own normalise and store code."""

import json

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.importers import ImportFileError, import_file, read_rows
from tests.fixture_sources import DATA


def test_jobspy_csv_stores_good_rows_and_reports_bad_ones(db_path):
    result = import_file(DATA / "import/jobspy.csv", db_path)
    assert result.stored == 2
    assert [e.split(": ", 1)[1] for e in result.errors] == ["not a number: 'not-a-number'", "no title"]
    assert result.errors[0].startswith(f"{DATA / 'import/jobspy.csv'}:4")
    db = open_db(db_path)
    indeed = db["postings"].get("indeed:in-8f3a1c")
    assert (indeed["title"], indeed["contract"], indeed["salary_annual_max"]) == ("Data Scientist", "full_time", 55000)
    assert (indeed["city"], indeed["country"], indeed["education"], indeed["experience_years"]) == (
        "Paris", "FR", "bac+5", 2)
    assert indeed["apply_url"] == "https://careers.acme.example/jobs/42"
    linkedin = db["postings"].get("linkedin:li-4012345")
    assert (linkedin["remote"], linkedin["seniority"]) == ("remote", "senior")
    [run] = db.query("select * from crawl_runs")
    assert (run["source"], run["status"], run["dropped"]) == ("import:jobspy.csv", "ok", 2)


def test_jobspy_json_in_records_and_pandas_column_layouts(tmp_path, db_path):
    rows = [{"site": "indeed", "job_url": "https://fr.indeed.com/viewjob?jk=1", "title": "ML Engineer",
             "company": "Acme", "min_amount": 60000.0, "max_amount": None, "interval": "yearly", "currency": "EUR"}]
    records = tmp_path / "records.json"
    records.write_text(json.dumps(rows))
    columns = tmp_path / "columns.json"
    columns.write_text(json.dumps({k: {"0": v} for k, v in rows[0].items()}))
    for path in (records, columns):
        assert import_file(path, db_path).stored == 1
    [posting] = open_db(db_path).query("select * from postings")
    assert (posting["id"], posting["salary_min"], posting["salary_max"]) == (
        "indeed:https://fr.indeed.com/viewjob?jk=1", 60000, None)


def test_jobfit_json_lines_round_trip_through_normalisation(db_path):
    result = import_file(DATA / "import/jobfit.jsonl", db_path)
    assert result.stored == 2 and len(result.errors) == 2
    assert ":2: not JSON" in result.errors[0] and ":3: unknown fields nonsense_field" in result.errors[1]
    db = open_db(db_path)
    first = db["postings"].get("careers:acme-1")
    assert (first["title"], first["postal_code"], first["remote"], first["salary_min"]) == (
        "Ingénieur IA", "75009", "hybrid", 50000)
    assert db["postings"].get("careers:acme-3")["salary_annual_min"] == 600 * 218


def test_unknown_format_and_broken_json_are_clear_errors(tmp_path, db_path):
    (tmp_path / "x.txt").write_text("a")
    (tmp_path / "x.json").write_text("{broken")
    with pytest.raises(ImportFileError, match="unknown format .txt"):
        list(read_rows(tmp_path / "x.txt"))
    with pytest.raises(ImportFileError, match="not JSON"):
        import_file(tmp_path / "x.json", db_path)


def test_import_command_prints_skipped_rows_and_totals(db_path):
    result = CliRunner().invoke(cli, ["import", str(DATA / "import/jobspy.csv"), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "2 postings stored (2 new, 0 updated), 2 rows skipped" in result.output
    assert "jobspy.csv:5: no title" in result.output


def test_import_command_reports_a_missing_file(tmp_path):
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1 and "no such file" in result.output
