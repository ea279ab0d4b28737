"""Compact match storage (issue 13): sub-scores and explanations below the floor are not stored; reading rebuilds them
byte for byte: `report --format json`, `report --explain` (text and JSON), Markdown, Atom feeds, notifications."""

import pytest
from click.testing import CliRunner

import jobfit.flow
from jobfit.cli import cli
from jobfit.config import find_profile
from jobfit.db.postings import upsert_postings
from jobfit.flow import Flow

TEXTS = {
    "strong": "Requirements: Python, PyTorch, scikit-learn, statistics, deep learning, NLP and MLOps on AWS. "
              "Nice to have: Spark and Kubernetes.",
    "weak": "Requirements: Excel, PowerPoint and a sense of humour. You will sell our product to retailers.",
    "old": "Profil recherché : Python, pandas, apprentissage automatique. Vous déployez des modèles sur GCP.",
    "title": "",
}
TITLES = {"strong": "Machine Learning Engineer", "weak": "Account Executive", "old": "Data Scientist",
          "title": "Ingénieur IA"}


def postings() -> list[dict]:
    return [{"id": f"t:{key}", "source": "t", "external_id": key, "title": TITLES[key], "company": "Acme",
             "description": text, "content_hash": f"h-{key}", "language": "fr" if key == "old" else "en",
             "posted_at": "2024-01-10" if key == "old" else None, "url": f"https://jobs.example/{key}"}
            for key, text in TEXTS.items()]


def outputs(db_path) -> dict[str, str]:
    """Everything a user reads of the matches, as the commands print it."""
    runner = CliRunner()
    out = {}
    for args in (["report", "--format", "json", "--top", "50"], ["report", "--format", "md", "--top", "50"],
                 ["report", "--format", "csv", "--top", "50"], ["report", "--format", "atom", "--top", "50"],
                 *[["report", "--explain", f"t:{k}"] for k in TEXTS],
                 *[["report", "--explain", f"t:{k}", "--format", "json"] for k in TEXTS]):
        result = runner.invoke(cli, [*args, "--db", str(db_path)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out[" ".join(args)] = result.output
    return out


@pytest.fixture
def scored(db_path, monkeypatch):
    """The database scored with every explanation stored, and what the commands print from it."""
    monkeypatch.setattr(jobfit.flow, "EXPLAIN_FLOOR", -1.0)
    with Flow(db_path) as flow:
        upsert_postings(flow.db, postings())
        profiles = flow.load_profiles([find_profile("expert_ia")])
        flow.match(profiles)
        ranked = flow.ranked("expert_ia", 50)
    return profiles, ranked, outputs(db_path)


def test_explanations_rebuilt_at_read_are_byte_identical_to_stored_ones(db_path, monkeypatch, scored):
    profiles, ranked, stored = scored
    assert [r["score"] for r in ranked][0] >= 20 > ranked[-1]["score"]  # both sides of the floor
    assert any(r["penalties"] for r in ranked)  # a penalty counted from the day it was scored
    assert "Matched (" in stored["report --explain t:strong"]
    monkeypatch.setattr(jobfit.flow, "EXPLAIN_FLOOR", 1000.0)
    with Flow(db_path) as flow:
        assert flow.score(profiles, rescore=True) == {"expert_ia": len(TEXTS)}
        assert flow.db.execute("select count(*) from matches where explanation is not null "
                               "or subscores is not null").fetchone()[0] == 0
        assert flow.ranked("expert_ia", 50) == ranked
    assert outputs(db_path) == stored


def test_only_matches_under_the_floor_lose_their_stored_explanation(db_path, scored, monkeypatch):
    profiles, ranked, _ = scored
    monkeypatch.setattr(jobfit.flow, "EXPLAIN_FLOOR", 20.0)
    with Flow(db_path) as flow:
        flow.score(profiles, rescore=True)
        rows = flow.db.execute("select score, explanation is null from matches").fetchall()
        assert rows and all(missing == (score < 20) for score, missing in rows)
        assert flow.db.execute("select count(*) from matches where (subscores is null) != (explanation is null)"
                               ).fetchone()[0] == 0
        assert any(missing for _, missing in rows) and not all(missing for _, missing in rows)
        # The canned queries read the stored JSON of the best matches.
        best = flow.db.execute("select json_extract(explanation, '$.missing_required') from matches "
                               "order by score desc limit 1").fetchone()[0]
        assert best is not None


def test_notifications_read_rebuilt_explanations(db_path, scored, monkeypatch):
    from jobfit.notify import Channel, NotifySettings, pending

    profiles, ranked, _ = scored
    monkeypatch.setattr(jobfit.flow, "EXPLAIN_FLOOR", 1000.0)
    with Flow(db_path) as flow:
        flow.score(profiles, rescore=True)
        channel = Channel("webhook", "http://127.0.0.1:9/hook")
        rows = pending(flow.db, profiles[0], channel, NotifySettings(min_score=0, limit=50))
    assert rows == ranked
