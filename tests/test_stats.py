"""`jobfit stats`: skills the best postings ask for (and which the profile lacks), counts, salary spread."""

import json

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.db import open_db
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_matches
from jobfit.matcher.profile import load_profile
from jobfit.stats import market_stats, salary_spread


@pytest.fixture
def market_db(db_path):
    db = open_db(db_path)
    postings = [
        {"id": "a:1", "source": "a", "external_id": "1", "title": "ML", "content_hash": "1", "contract": "full_time",
         "remote": "hybrid", "salary_min": 50000, "salary_max": 60000, "salary_period": "year",
         "salary_currency": "EUR"},
        {"id": "a:2", "source": "a", "external_id": "2", "title": "ML", "content_hash": "2", "contract": "full_time",
         "remote": "remote", "salary_min": 5000, "salary_max": 6000, "salary_period": "month",
         "salary_currency": "EUR"},
        {"id": "b:3", "source": "b", "external_id": "3", "title": "ML", "content_hash": "3", "contract": "freelance"},
        {"id": "b:4", "source": "b", "external_id": "4", "title": "Chef", "content_hash": "4", "contract": "full_time"},
    ]
    upsert_postings(db, postings)
    skills = {"a:1": ["python", "docker"], "a:2": ["python", "docker", "pytorch"], "b:3": ["python"],
              "b:4": ["excel"]}
    db["posting_skills"].insert_all(
        [{"posting_id": pid, "skill_id": s, "section": "required", "negated": 0} for pid, ss in skills.items()
         for s in ss]
        + [{"posting_id": "b:3", "skill_id": "java", "section": "benefits", "negated": 0},
           {"posting_id": "b:3", "skill_id": "rust", "section": "required", "negated": 1}])
    save_matches(db, [{"posting_id": pid, "profile": "ml", "score": score, "content_hash": pid[-1],
                       "profile_version": "v", "subscores": {}, "explanation": {}}
                      for pid, score in (("a:1", 90), ("a:2", 80), ("b:3", 70), ("b:4", 10))])
    db.close()
    return db_path


@pytest.fixture
def ml_profile(tmp_path):
    path = tmp_path / "ml.toml"
    path.write_text('id = "ml"\n[[skills]]\nid = "python"\n[[skills]]\nid = "tensorflow"\n')
    return load_profile(path)


def test_skills_of_the_best_postings_and_what_to_learn(market_db, ml_profile, small_table):
    stats = market_stats(open_db(market_db), ml_profile, small_table, top=3)
    assert stats["postings"] == 3
    by_skill = {s["skill"]: s for s in stats["skills"]}
    assert by_skill["python"]["postings"] == 3 and by_skill["python"]["status"] == "have"
    assert by_skill["pytorch"]["status"] == "related"  # a sibling of TensorFlow
    assert by_skill["docker"]["status"] == "lack" and stats["learn_next"] == ["Docker"]
    assert "excel" not in by_skill  # only in a posting outside the best 3
    assert "java" not in by_skill and "rust" not in by_skill  # benefits and negated mentions are not asked


def test_counts_and_yearly_salary_spread(market_db, ml_profile, small_table):
    stats = market_stats(open_db(market_db), ml_profile, small_table, top=3)
    assert stats["by_source"] == {"a": 2, "b": 1}
    assert stats["by_contract"] == {"full_time": 2, "freelance": 1}
    assert stats["by_remote"] == {"hybrid": 1, "remote": 1, "unknown": 1}
    assert stats["salary"] == {"currency": "EUR", "count": 2, "min": 60000, "q1": 63000, "median": 66000,
                               "q3": 69000, "max": 72000}


def test_salary_spread_of_nothing():
    assert salary_spread([]) == {"count": 0}


@pytest.mark.parametrize("fmt, expected", [("json", '"learn_next"'), ("md", "## What to learn next"),
                                           ("csv", "section,label,value"), ("html", "<svg"),
                                           ("table", "Market view")])
def test_stats_command_formats(market_db, tmp_path, fmt, expected):
    profile = tmp_path / "ml.toml"
    profile.write_text('id = "ml"\n[[skills]]\nid = "python"\n')
    result = CliRunner().invoke(cli, ["stats", "--db", str(market_db), "--profile", str(profile), "--format", fmt,
                                       "--top", "3"])
    assert result.exit_code == 0, result.output
    assert expected in result.output
    if fmt == "json":
        assert json.loads(result.output)["by_source"] == {"a": 2, "b": 1}
