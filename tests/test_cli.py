"""Command-line contracts: `jobfit extract` JSON Lines, `jobfit report --format json`, one-line errors."""

import json

from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_matches


def run(*args, input=None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def test_extract_reads_and_writes_json_lines():
    lines = [{"id": "a", "text": "Maîtrise de Python et de PyTorch.", "lang": "fr"},
             {"id": 2, "text": "Nothing relevant here."}]
    result = run("extract", input="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", 2]
    skills = {s["id"]: s for s in out[0]["skills"]}
    assert {"python", "pytorch"} <= set(skills)
    python = skills["python"]
    assert lines[0]["text"][python["start"]:python["end"]] == python["text"] == "Python"
    assert set(python) == {"id", "name", "start", "end", "text", "section", "negated"}
    assert out[1]["skills"] == []
    assert list(out[0]) == ["id", "lang", "skills", "languages"]  # new fields only at the end


def test_extract_puts_spoken_languages_apart_from_skills():
    lines = [{"id": 1, "text": "Profil\n- Python\n- Anglais courant (C1)", "lang": "fr"},
             {"id": 2, "text": "Requirements\n- Go\n- Fluent English and professional French"}]
    out = [json.loads(line) for line in run("extract", input="\n".join(json.dumps(x) for x in lines)).output.split("\n")
           if line]
    assert [s["id"] for s in out[0]["skills"]] == ["python"]
    assert out[0]["languages"] == [{"language": "english", "level": "c1"}]
    assert out[0]["lang"] == "fr"  # the posting's own language stays apart
    assert out[1]["languages"] == [{"language": "english", "level": "fluent"},
                                   {"language": "french", "level": "professional"}]


def test_extract_reports_the_bad_line():
    result = CliRunner().invoke(cli, ["extract"], input='{"id": 1, "text": "ok"}\nnot json\n')
    assert result.exit_code != 0
    assert "line 2" in result.output


def test_report_json_has_stable_fields(db_path):
    db = open_db(db_path)
    upsert_postings(db, [{"id": "t:1", "source": "t", "external_id": "1", "title": "ML Engineer",
                          "company": "Acme", "content_hash": "h"}])
    save_matches(db, [{"posting_id": "t:1", "profile": "expert_ia", "score": 77.0, "content_hash": "h",
                       "profile_version": "v", "subscores": {"profile_coverage": 0.5},
                       "explanation": {"matched": [{"skill": "python", "name": "Python", "section": "required",
                                                    "evidence": "Python.", "requirement": "python"}],
                                       "missing_required": ["statistics"], "missing_other": [], "extra": []}}])
    db.close()
    result = run("report", "--db", str(db_path), "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    # Fields may be added at the end, never renamed, removed or reordered.
    assert list(row)[:16] == ["rank", "score", "id", "title", "company", "location", "remote", "contract", "salary",
                              "posted_at", "url", "matched", "missing_required", "missing_other", "extra", "subscores"]
    assert (row["rank"], row["score"], row["title"]) == (1, 77.0, "ML Engineer")


def test_report_table_on_empty_database_says_what_to_do(db_path):
    result = run("report", "--db", str(db_path))  # no database there: a report never makes one
    assert result.exit_code == 1
    assert "jobfit crawl" in result.output and str(db_path) in result.output and not db_path.exists()


def test_unknown_profile_is_one_line_error(db_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(db_path), "--profile", "nobody"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: no profile named 'nobody'")
    assert "Traceback" not in result.output


def test_database_that_is_not_sqlite_is_one_line_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_text("this is not a database" * 100)
    result = CliRunner().invoke(cli, ["report", "--db", str(bad)])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "Traceback" not in result.output


def test_crawl_unknown_spider_is_one_line_error(db_path):
    result = CliRunner().invoke(cli, ["crawl", "nosuchsite", "--db", str(db_path)])
    assert result.exit_code == 1
    assert "unknown spider 'nosuchsite'" in result.output


def test_skills_json_lists_ids_names_aliases_families():
    result = run("skills", "--json")
    rows = json.loads(result.output)
    python = next(r for r in rows if r["id"] == "python")
    assert set(python) >= {"id", "name", "aliases", "family"}
