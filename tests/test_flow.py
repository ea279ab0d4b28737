"""The one flow on a real database: what is extracted and scored again, and when."""

from jobfit.config import find_profile
from jobfit.db.postings import upsert_postings
from jobfit.db.queries import save_extractions
from jobfit.flow import Flow


def posting(n: int, description: str) -> dict:
    return {"id": f"t:{n}", "source": "t", "external_id": str(n), "title": "Machine Learning Engineer",
            "description": description, "content_hash": f"h{n}", "language": "en"}


def score_of(flow: Flow, posting_id: str) -> float:
    return flow.db.execute("select score from matches where posting_id = ? and profile = 'expert_ia'",
                           [posting_id]).fetchone()[0]


def test_a_richer_extraction_rescores_the_posting_on_the_next_match(db_path):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Requirements: Python."), posting(2, "Requirements: Python.")])
        profiles = flow.load_profiles([find_profile("expert_ia")])
        first = flow.match(profiles)
        assert first.extracted == 2 and first.scored == {"expert_ia": 2}
        before = score_of(flow, "t:1")
        assert flow.match(profiles).scored == {"expert_ia": 0}  # nothing changed, nothing rescored

        # A new skill table or extractor finds more in the same text: the stored match is stale.
        [p1] = [p for p in flow.db.query("select * from postings where id = 't:1'")]
        hits = [{"skill_id": s, "section": "required", "text": s, "start": 0, "end": 1, "negated": 0,
                 "sentence": "Requirements"} for s in ("python", "pytorch", "scikit_learn", "statistics", "pandas")]
        save_extractions(flow.db, [(p1, "en", p1["content_hash"], hits)], "newer")

        assert flow.score(profiles) == {"expert_ia": 1}
        assert score_of(flow, "t:1") > before


def test_a_new_scoring_version_rescores_every_posting(db_path, monkeypatch):
    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Python"), posting(2, "PyTorch")])
        profiles = flow.load_profiles([find_profile("expert_ia")])
        flow.match(profiles)
        assert flow.score(profiles) == {"expert_ia": 0}
        monkeypatch.setattr("jobfit.matcher.version.SCORING_VERSION", "test-next")
        assert flow.score(profiles) == {"expert_ia": 2}
        versions = {r[0] for r in flow.db.execute("select scoring_version from matches")}
        assert versions == {"test-next"}


def test_match_with_nothing_pending_never_builds_the_extractor(db_path, monkeypatch):
    import jobfit.matcher.extract

    def refuse(*args, **kwargs):
        raise AssertionError("the extractor was built with nothing to extract")

    monkeypatch.setattr(jobfit.matcher.extract, "Extractor", refuse)
    with Flow(db_path) as flow:
        outcome = flow.match(flow.load_profiles([find_profile("expert_ia")]))
    assert outcome.extracted == 0 and outcome.scored == {"expert_ia": 0}


def test_a_match_with_nothing_to_do_scans_no_posting(db_path, monkeypatch):
    import jobfit.flow

    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(1, "Requirements: Python."), posting(2, "Requirements: PyTorch.")])
        profiles = flow.load_profiles([find_profile("expert_ia")])
        assert flow.match(profiles).scored == {"expert_ia": 2}

        def no_scan(*args, **kwargs):
            raise AssertionError("scanned the postings although nothing changed")

        with monkeypatch.context() as m:
            m.setattr(jobfit.flow, "postings_to_extract", no_scan)
            m.setattr(jobfit.flow, "postings_with_skills", no_scan)
            outcome = flow.match(profiles)
            assert (outcome.extracted, outcome.scored) == (0, {"expert_ia": 0})
            # The same rows stored again (an unchanged crawl) change nothing either.
            upsert_postings(flow.db, [posting(1, "Requirements: Python.")])
            assert flow.match(profiles).extracted == 0

        # A changed text, a removed match, another profile: each is seen again.
        upsert_postings(flow.db, [{**posting(2, "Requirements: PyTorch and pandas."), "content_hash": "h2b"}])
        outcome = flow.match(profiles)
        assert (outcome.extracted, outcome.scored) == (1, {"expert_ia": 1})
        flow.db.execute("delete from matches where posting_id = 't:1'")
        flow.db.conn.commit()
        assert flow.score(profiles) == {"expert_ia": 1}
        assert flow.score(flow.load_profiles([find_profile("data_engineer")])) == {"data_engineer": 2}
        assert flow.score(profiles, rescore=True) == {"expert_ia": 2}


def test_a_killed_pass_leaves_no_watermark(db_path, monkeypatch):
    import jobfit.flow

    with Flow(db_path) as flow:
        upsert_postings(flow.db, [posting(n, "Requirements: Python.") for n in range(1, 4)])
        profiles = flow.load_profiles([find_profile("expert_ia")])
        flow.extract()
        real = jobfit.flow.save_matches

        def killed(db, rows):
            real(db, rows[:1])
            raise KeyboardInterrupt

        monkeypatch.setattr(jobfit.flow, "save_matches", killed)
        try:
            flow.score(profiles)
        except KeyboardInterrupt:
            pass
        monkeypatch.setattr(jobfit.flow, "save_matches", real)
        assert flow.score(profiles) == {"expert_ia": 2}
