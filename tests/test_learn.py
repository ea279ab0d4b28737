"""What to learn next: missing skills ranked by the score rise the real scorer gives the best postings once the
profile has them; the market by month once the postings span months."""

from datetime import date

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_matches
from jobfit.learn import learn_next, with_skill
from jobfit.matcher.profile import load_profile
from jobfit.matcher.score import score_posting
from jobfit.stats import monthly_trend

TODAY = date(2026, 12, 1)
ASKS = {"p:1": ["python", "docker", "sql"], "p:2": ["python", "docker"], "p:3": ["python", "docker", "aws"],
        "p:4": ["python", "aws"], "p:5": ["excel"]}
MONTHS = {"p:1": "2026-10-03", "p:2": "2026-10-20", "p:3": "2026-11-02", "p:4": "2026-11-15", "p:5": "2026-11-16"}
SALARY = {"p:1": 50000, "p:2": 60000, "p:3": 70000, "p:4": 80000}


@pytest.fixture
def learn_db(db_path, small_table, tmp_path):
    profile = load_profile(profile_file(tmp_path))
    db = open_db(db_path)
    upsert_postings(db, [{"id": pid, "source": "p", "external_id": pid[2:], "title": "Job", "content_hash": pid,
                          "posted_at": MONTHS[pid], "salary_max": SALARY.get(pid), "salary_currency": "EUR",
                          "salary_period": "year"} for pid in ASKS])
    hits = [{"posting_id": pid, "skill_id": s, "section": "required", "negated": 0, "start": i}
            for pid, skills in ASKS.items() for i, s in enumerate(skills)]
    db["posting_skills"].insert_all(hits)
    save_matches(db, [{"posting_id": pid, "profile": "ml", "content_hash": pid, "profile_version": "v",
                       **score_posting(profile, small_table, [h for h in hits if h["posting_id"] == pid], None, TODAY)}
                      for pid in ASKS])
    yield db
    db.close()


def profile_file(tmp_path):
    path = tmp_path / "ml.toml"
    path.write_text('id = "ml"\nname = "ML"\n[[skills]]\nid = "python"\ntier = "required"\n', encoding="utf-8")
    return path


def test_missing_skills_are_ranked_by_the_rise_they_bring(learn_db, small_table, tmp_path):
    profile = load_profile(profile_file(tmp_path))
    ranked = learn_next(learn_db, profile, small_table, top=4, today=TODAY)
    assert [s["skill"] for s in ranked] == ["docker", "aws", "sql"]
    docker = ranked[0]
    assert docker["postings"] == 3 and docker["share"] == 0.75 and docker["mean_rise"] > 0
    assert "excel" not in {s["skill"] for s in ranked}  # only asked outside the best 4
    # The rise is the real scorer's: posting p:2 scored with and without Docker in the profile.
    hits = [{"skill_id": s, "section": "required", "negated": 0} for s in ASKS["p:2"]]
    before = score_posting(profile, small_table, hits, None, TODAY)["score"]
    after = score_posting(with_skill(profile, "docker"), small_table, hits, None, TODAY)["score"]
    assert after > before and docker["max_rise"] >= round(after - before, 1)


def test_nothing_to_learn_without_scored_postings(fresh_db, small_table, tmp_path):
    assert learn_next(fresh_db, load_profile(profile_file(tmp_path)), small_table) == []


def test_market_by_month_counts_skills_and_salaries(learn_db, small_table, tmp_path):
    trend = monthly_trend(learn_db, load_profile(profile_file(tmp_path)), small_table)
    # p:5 asks only Excel: it scores 0 for the profile, so it is not this profile's market.
    assert [(m["month"], m["postings"]) for m in trend] == [("2026-10", 2), ("2026-11", 2)]
    october = trend[0]
    assert october["skills"][:2] == [{"skill": "docker", "name": "Docker", "postings": 2},
                                     {"skill": "python", "name": "Python", "postings": 2}]
    assert october["salary"]["count"] == 2 and october["salary"]["median"] == 55000


def test_no_trend_within_one_month(learn_db, small_table, tmp_path):
    learn_db.execute("update postings set posted_at = '2026-11-20'")
    learn_db.conn.commit()
    assert monthly_trend(learn_db, load_profile(profile_file(tmp_path)), small_table) == []


@pytest.mark.parametrize("fmt, expected", [("table", "What to learn next"), ("md", "Market by month"),
                                           ("html", '<table class="learn">'), ("json", '"total_rise"')])
def test_stats_shows_learning_and_trend(learn_db, tmp_path, db_path, fmt, expected):
    result = CliRunner().invoke(cli, ["stats", "--db", str(db_path), "--profile", str(profile_file(tmp_path)),
                                      "--format", fmt, "--top", "4"])
    assert result.exit_code == 0, result.output
    assert expected in result.output
    if fmt == "html":
        assert '<table class="trend">' in result.output
