"""`jobfit report`: every CLI filter is a bound SQL condition, every format renders, HTML and Markdown are escaped."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import ReportFilters, report_matches, save_matches

XSS_TITLE = "<script>alert(1)</script>"
XSS_EVIDENCE = '"><img src=x onerror=alert(2)>'


def posting(n, **fields):
    return {"id": f"t:{n}", "source": "t", "external_id": str(n), "title": f"Job {n}", "company": "Acme",
            "content_hash": f"h{n}", "location": "Paris, FR", "country": "FR", "remote": "hybrid",
            "contract": "full_time", "posted_at": "2026-11-20", "url": f"https://jobs.example/{n}", **fields}


def match(n, score, evidence="Python au quotidien."):
    return {"posting_id": f"t:{n}", "profile": "expert_ia", "score": score, "content_hash": f"h{n}",
            "profile_version": "v", "subscores": {"profile_coverage": 0.5, "posting_coverage": 0.6},
            "explanation": {"matched": [{"skill": "python", "name": "Python", "section": "required",
                                         "evidence": evidence, "requirement": "Python", "related": False}],
                            "missing_required": ["Statistics"], "missing_other": ["Git"], "extra": ["Java"],
                            "penalties": [], "title_role": None}}


@pytest.fixture
def report_db(db_path):
    db = open_db(db_path)
    upsert_postings(db, [
        posting(1, title="ML Engineer"),
        posting(2, remote="remote", location="Berlin, DE", country="DE"),
        posting(3, contract="internship", salary_min=1200, salary_max=1400, salary_period="month"),
        posting(4, posted_at="2026-01-05", salary_min=70000, salary_max=80000, salary_period="year"),
        posting(5, title=XSS_TITLE, url="javascript:alert(3)"),
    ])
    stale = match(4, 60)
    stale["explanation"]["penalties"] = [{"filter": "max_age_days", "reason": "posted 326 days ago, more than 60",
                                          "factor": 0.75}]
    save_matches(db, [match(1, 90), match(2, 80), match(3, 70), stale, match(5, 50, XSS_EVIDENCE)])
    db.close()
    return db_path


def ids(db_path, **filters):
    db = open_db(db_path)
    try:
        return [r["id"] for r in report_matches(db, "expert_ia", 20, ReportFilters(**filters))]
    finally:
        db.close()


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_no_filter_ranks_by_score(report_db):
    assert ids(report_db) == ["t:1", "t:2", "t:3", "t:4", "t:5"]


@pytest.mark.parametrize("filters, expected", [
    ({"min_score": 75}, ["t:1", "t:2"]),
    ({"since": "2026-06-01"}, ["t:1", "t:2", "t:3", "t:5"]),
    ({"remote": ("remote",)}, ["t:2"]),
    ({"remote": ("remote", "hybrid")}, ["t:1", "t:2", "t:3", "t:4", "t:5"]),
    ({"location": "berlin"}, ["t:2"]),
    ({"location": "DE"}, ["t:2"]),
    ({"contract": ("internship",)}, ["t:3"]),
    ({"min_salary": 45000}, ["t:1", "t:2", "t:4", "t:5"]),  # unknown salaries are kept, 16.8k a year is not
])
def test_each_report_filter(report_db, filters, expected):
    assert ids(report_db, **filters) == expected


def test_filter_values_are_bound_not_spliced(report_db):
    assert ids(report_db, location="%' or 1=1 --") == []
    assert ids(report_db, location="_") == []  # LIKE wildcards in the user's text are literal
    assert ids(report_db, remote=("x') or ('1'='1",)) == []


def test_cli_filters_reach_the_query(report_db):
    out = run("report", "--db", str(report_db), "--format", "json", "--remote", "remote", "--location", "Berlin",
              "--contract", "full_time", "--min-salary", "10000", "--since", "2026-11-01", "--min-score", "10")
    assert [r["id"] for r in json.loads(out)] == ["t:2"]


def test_new_shows_only_postings_no_earlier_report_showed(report_db):
    first = json.loads(run("report", "--db", str(report_db), "--format", "json", "--top", "2", "--mark-seen"))
    assert [r["id"] for r in first] == ["t:1", "t:2"]
    again = json.loads(run("report", "--db", str(report_db), "--format", "json", "--new"))
    assert [r["id"] for r in again] == ["t:3", "t:4", "t:5"]
    assert json.loads(run("report", "--db", str(report_db), "--format", "json", "--new")) == []


def test_html_report_is_self_contained_and_escaped(report_db, tmp_path):
    out = tmp_path / "report.html"
    run("report", "--db", str(report_db), "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert XSS_TITLE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert XSS_EVIDENCE not in page and "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "javascript:" not in page
    assert 'href="https://jobs.example/1"' in page
    assert "<script" not in page and "src=\"http" not in page and "<link" not in page  # nothing external
    assert 'style="width:90%"' in page and 'class="chip have"' in page
    assert "× 0.75 — posted 326 days ago, more than 60" in page


def test_markdown_report_escapes_markup(report_db):
    out = run("report", "--db", str(report_db), "--format", "md")
    assert "| 1 | 90 | [ML Engineer](<https://jobs.example/1>)" in out
    assert XSS_TITLE not in out and r"\<script\>alert\(1\)\</script\>" in out
    assert "javascript:" not in out
    assert "| posted 326 days ago, more than 60 |" in out


def test_csv_report_has_one_row_per_posting(report_db):
    rows = list(csv.DictReader(io.StringIO(run("report", "--db", str(report_db), "--format", "csv"))))
    assert [r["id"] for r in rows] == ["t:1", "t:2", "t:3", "t:4", "t:5"]
    assert rows[0]["matched"] == "Python" and rows[0]["missing_required"] == "Statistics"
    assert rows[2]["salary"] == "1200–1400 /month".replace(" ", "")
    assert rows[3]["penalties"] == "posted 326 days ago, more than 60"


def test_csv_cells_cannot_run_as_formulas():
    from jobfit.report.delimited import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("Paris") == "Paris"


def test_table_report_fits_the_terminal_width(report_db):
    from rich.console import Console

    from jobfit.report import render_table, report_rows

    db = open_db(report_db)
    rows = report_rows(report_matches(db, "expert_ia"))
    console = Console(width=80, record=True, file=io.StringIO())
    render_table(rows, "Expert en IA", console)
    text = console.export_text()
    assert "ML Engineer" in text and "<script>" in text  # rich markup escaped: shown as text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_json_report_adds_fields_at_the_end(report_db):
    [row] = json.loads(run("report", "--db", str(report_db), "--format", "json", "--top", "1"))
    assert list(row)[16:] == ["source", "penalties", "title_role", "first_seen", "evidence", "why",
                              "spoken_languages"]


def test_a_title_only_posting_is_marked_and_every_row_says_why(db_path):
    from jobfit.report import render_table, report_rows

    db = open_db(db_path)
    upsert_postings(db, [posting(1, title="ML Engineer"), posting(2, title="Research Scientist")])
    known = match(2, 30)
    known["explanation"].update(evidence="title only", why="title only: the asks are unknown")
    described = match(1, 80)
    described["explanation"].update(evidence="described", why="own job")
    save_matches(db, [described, known])
    rows = report_rows(report_matches(db, "expert_ia"))
    assert [(r["evidence"], r["why"]) for r in rows] == [("described", "own job"),
                                                         ("title only", "title only: the asks are unknown")]
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO())
    render_table(rows, "Expert en IA", console)
    text = console.export_text()
    assert text.count("(title only)") == 1 and "own job" in text
    db.close()


def test_explain_prints_the_whole_explanation(report_db):
    out = run("report", "--db", str(report_db), "--explain", "t:1")
    for part in ("ML Engineer", "Score 90/100", "+ Python for Python", "Python au quotidien.",
                 "Missing, required (1): Statistics", "Missing, nice to have (1): Git",
                 "not in the profile (1): Java", "profile_coverage 0.5"):
        assert part in out


def test_explain_unknown_posting_is_a_clear_error(report_db):
    result = CliRunner().invoke(cli, ["report", "--db", str(report_db), "--explain", "t:404"])
    assert result.exit_code != 0 and "no scored posting 't:404'" in result.output


@pytest.mark.parametrize("fmt, marker", [("table", "Best matches for"), ("md", "| 1 | 90 |"), ("csv", "rank,score"),
                                         ("json", '"rank": 1'), ("html", "<!DOCTYPE html>")])
def test_every_format_can_be_written_to_a_file(report_db, tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    run("report", "--db", str(report_db), "--format", fmt, "-o", str(out))
    assert marker in out.read_text(encoding="utf-8")


def test_html_report_is_well_formed(report_db):
    from html.parser import HTMLParser

    class Tags(HTMLParser):
        void = {"meta", "br", "rect", "line"}

        def __init__(self):
            super().__init__()
            self.open = []

        def handle_starttag(self, tag, attrs):
            if tag not in self.void:
                self.open.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.open and self.open.pop() == tag, (tag, self.open)

    parser = Tags()
    parser.feed(run("report", "--db", str(report_db), "--format", "html"))
    assert parser.open == []


def test_profiles_lists_the_shipped_profiles():
    out = run("profiles")
    assert [line.split()[0] for line in out.splitlines()] == ["data_engineer", "expert_ia", "pentester"]


def test_own_profile_file_and_broken_one(report_db, tmp_path):
    own = tmp_path / "me.toml"
    own.write_text('id = "expert_ia"\n[[skills]]\nid = "python"\n')
    assert json.loads(run("report", "--db", str(report_db), "--profile", str(own), "--format", "json", "-n", "1"))
    own.write_text('[[skills]]\nid = "python"\n[filters]\nremote = "yes"\n')
    result = CliRunner().invoke(cli, ["report", "--db", str(report_db), "--profile", str(own)])
    assert result.exit_code == 1
    assert f"Error: {own}, line 4: filters.remote must be a list of strings" in result.output


def test_explain_as_json_keeps_the_stored_explanation(report_db):
    match = json.loads(run("report", "--db", str(report_db), "--explain", "t:1", "--format", "json"))
    assert match["id"] == "t:1" and match["score"] == 90
    assert match["explanation"]["matched"][0]["evidence"] == "Python au quotidien."
    assert match["subscores"] == {"profile_coverage": 0.5, "posting_coverage": 0.6}


def test_report_and_stats_keep_spacy_and_scrapy_out_of_their_imports(report_db):
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from jobfit.cli import cli; "
            f"db = {str(report_db)!r}; "
            "results = [CliRunner().invoke(cli, [c, '--db', db, '--format', f]) for c in ('report', 'stats') "
            "for f in ('table', 'html', 'json')]; "
            "assert all(r.exit_code == 0 for r in results), [r.output for r in results]; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'scrapy', 'twisted'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
