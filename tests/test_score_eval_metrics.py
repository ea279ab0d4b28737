"""The ranking evaluation's metrics and baselines (benchmarks/ranking_eval.py) compute what they claim."""

import math

import pytest

from benchmarks.ranking_eval import (
    bm25_scores,
    corpus_key,
    evaluate,
    keyword_coverage,
    load_grades,
    ndcg,
    pairwise,
    precision_at,
)

GRADES = {"a": 3, "b": 2, "c": 0, "d": 1}


def test_ideal_order_scores_one_everywhere():
    scores = {"a": 4, "b": 3, "d": 2, "c": 1}
    assert evaluate(scores, GRADES) == {"nDCG@10": 1.0, "nDCG": 1.0, "P@5": 0.4, "pairwise": 1.0}


def test_reversed_order_gets_every_pair_wrong():
    assert pairwise({"a": 1, "b": 2, "d": 3, "c": 4}, GRADES) == 0.0


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
