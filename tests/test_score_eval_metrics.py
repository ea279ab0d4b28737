"""The ranking evaluation's metrics and baselines (benchmarks/ranking_eval.py) compute what they claim."""

import math

import pytest

from benchmarks.ranking_eval import (
    CORPUS,
    bm25_query,
    bm25_scores,
    corpus_key,
    decidable_pairwise,
    evaluate,
    grade_medians,
    jobspy_location,
    keyword_coverage,
    load_grades,
    load_real_grades,
    ndcg,
    pairwise,
    precision_at,
    real_id,
    source_of_key,
    title_only_inversions,
    worst_pairs,
)

GRADES = {"a": 3, "b": 2, "c": 0, "d": 1}


def test_ideal_order_scores_one_everywhere():
    scores = {"a": 4, "b": 3, "d": 2, "c": 1}
    assert evaluate(scores, GRADES) == {"nDCG@10": 1.0, "nDCG@25": 1.0, "nDCG": 1.0, "P@5": 0.4, "pairwise": 1.0,
                                        "pairwise-d": 1.0}


def test_reversed_order_gets_every_pair_wrong():
    assert pairwise({"a": 1, "b": 2, "d": 3, "c": 4}, GRADES) == 0.0


def test_decidable_pairs_leave_out_a_title_only_row_graded_above_the_other_only():
    # "b" (grade 2) is title-only and scored below "d" (grade 1) and "c" (grade 0), as its title is all it shows:
    # its pairs as the better-graded one are left out, those as the worse-graded ("a" above it) stay.
    scores = {"a": 4, "d": 3, "c": 2, "b": 1}
    assert pairwise(scores, GRADES) == pytest.approx(4 / 6)
    assert decidable_pairwise(scores, GRADES, {"b"}) == 1.0
    # Scored above "a" (grade 3), the title-only row is wrong in a pair that stays.
    assert decidable_pairwise({**scores, "b": 5}, GRADES, {"b"}) == pytest.approx(3 / 4)
    assert evaluate(scores, GRADES, {"b"})["pairwise-d"] == 1.0


def test_ties_count_one_half():
    assert pairwise({"a": 1, "b": 1, "c": 1, "d": 1}, GRADES) == 0.5


def test_ndcg_by_hand():
    # order b, a: dcg = 3/1 + 7/log2(3); ideal a, b: 7/1 + 3/log2(3)
    expected = (3 + 7 / math.log2(3)) / (7 + 3 / math.log2(3))
    assert ndcg(["b", "a"], {"a": 3, "b": 2}) == pytest.approx(expected)


def test_precision_counts_grade_two_and_up():
    assert precision_at(["a", "d", "b", "c"], GRADES, k=2) == 0.5


def test_bm25_prefers_the_document_with_the_rare_query_term():
    docs = {"x": "python pytorch deep learning", "y": "python excel reporting", "z": "cooking chef kitchen"}
    scores = bm25_scores(docs, ["pytorch", "python"])
    assert scores["x"] > scores["y"] > scores["z"] == 0


def test_keyword_coverage_counts_each_requirement_once():
    docs = {"x": "Python, PyTorch et TensorFlow", "y": "Excel"}
    assert keyword_coverage(docs, [["python"], ["pytorch", "tensorflow"], ["docker"]]) == {"x": 2 / 3, "y": 0.0}


def test_postings_map_to_corpus_keys():
    assert corpus_key({"url": "http://127.0.0.1:1/jobs/site-004.html"}) == "site-004"
    assert corpus_key({"url": "http://x/boards/a/jobs/1", "raw": '{"requisition_id": "gh-002"}'}) == "gh-002"


def test_grades_cover_every_demo_posting_for_every_profile():
    from jobfit.demo.site import load_corpus

    grades = load_grades()
    keys = {p["key"] for p in load_corpus()}
    assert set(grades) == {"expert_ia", "data_engineer", "pentester"}
    assert all(set(g) == keys for g in grades.values()) and len(keys) >= 80


def test_grade_medians_are_per_grade():
    assert grade_medians({"a": 90, "b": 50, "c": 10, "d": 30}, GRADES) == {0: 10, 1: 30, 2: 50, 3: 90}


def test_title_only_inversions_count_pairs_against_described_postings_of_a_grade_at_least_theirs():
    grades = {"t": 2, "d3": 3, "d2": 2, "d1": 1}
    scores = {"t": 80, "d3": 70, "d2": 90, "d1": 60}
    # t is above d3 (grade 3 >= 2: counts, and is grade 3) and above d1 (grade 1 < 2: a fair win)
    assert title_only_inversions(scores, grades, {"t"}) == {"pairs": 1, "above_grade3": 1}


def test_bm25_query_has_25_of_the_profiles_own_terms():
    from jobfit.config import find_profile
    from jobfit.matcher.profile import load_profile
    from jobfit.matcher.skills import SkillTable

    table = SkillTable.load()
    query = bm25_query(load_profile(find_profile("expert_ia"), table.skills), table)
    assert len(query) == len(set(query)) == 25
    assert {"machine", "learning", "python"} <= set(query) and "engineer" not in query


def test_real_grades_are_large_enough_and_keyed_once():
    rows = load_real_grades()
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)) >= 300
    assert sum(r["title_only"] for r in rows) >= 30
    assert sum(not k.startswith("ashby:") for k in keys) >= 80
    assert all(r[p] in (0, 1, 2, 3) for r in rows for p in ("expert_ia", "data_engineer"))
    assert real_id({"key": "wttj:https://x/y", "title_only": False}) == "welcometothejungle:https://x/y"
    assert real_id({"key": "ashby:a:1", "title_only": True}).startswith("linkedin:")


def test_worst_pairs_put_the_largest_grade_and_score_gaps_first():
    grades = {"a": 3, "b": 2, "c": 0, "d": 1}
    scores = {"a": 10, "b": 50, "c": 90, "d": 20}
    # wrong pairs: a<b (1×40), a<c (3×80), a<d (2×10), b<c (2×40), d<c (1×70)
    assert worst_pairs(scores, grades, 3) == [("a", "c"), ("b", "c"), ("d", "c")]
    assert worst_pairs({"a": 4, "b": 3, "d": 2, "c": 1}, grades, 5) == []


def test_title_only_rows_carry_a_location_as_jobspy_writes_it():
    assert jobspy_location({"location": "93 - Montreuil", "country": "FR"}) == "Montreuil, France"
    assert jobspy_location({"location": "Paris, France", "country": "FR"}) == "Paris, France"
    assert jobspy_location({"location": "Montreal", "country": "Canada"}) == "Montreal, Canada"
    assert jobspy_location({"location": None, "country": None}) == ""
    assert source_of_key("wttj:https://x/y") == "wttj" and source_of_key("ashby:a:1") == "ashby"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/data/corpus is absent")
def test_capture_dates_are_the_latest_publication_of_each_source():
    from datetime import date

    from benchmarks.ranking_eval import capture_dates, corpus_records

    dates = capture_dates()
    assert set(dates) == {"ashby", "francetravail", "wttj"}
    records = corpus_records()
    assert all(r["country"] == "FR" for r in records.values())
    for key, record in records.items():
        if record["posted_at"]:
            assert date.fromisoformat(record["posted_at"][:10]) <= dates[source_of_key(key)]
