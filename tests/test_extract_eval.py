"""The scoring helpers of benchmarks/extraction_eval.py: BIO spans, strict and overlap counts, token mapping."""

from benchmarks.extraction_eval import Scores, bio_spans, hit_tokens, posting_text, score_spans


def test_bio_spans_end_exclusive_and_stray_inside_tag_opens_a_span():
    assert bio_spans(["B", "I", "O", "B", "B", "I", "O"]) == [(0, 2), (3, 4), (4, 6)]
    assert bio_spans(["O", "I", "I"]) == [(1, 3)]


def test_strict_and_overlap_counts():
    strict, overlap = Scores(), Scores()
    score_spans(gold=[(0, 2), (5, 6)], predicted=[(0, 2), (1, 3), (8, 9)], strict=strict, overlap=overlap)
    assert (strict.p_hits, strict.predicted, strict.r_hits, strict.gold) == (1, 3, 1, 2)
    assert (overlap.p_hits, overlap.predicted, overlap.r_hits, overlap.gold) == (2, 3, 1, 2)
    assert round(overlap.precision, 3) == 0.667 and overlap.recall == 0.5


def test_hits_map_back_to_tokens_of_their_sentence():
    text, offsets = posting_text([{"tokens": ["Know", "C#", "and", "SQL"]}, {"tokens": ["We\x92re", "hiring"]}])
    assert text == "Know C# and SQL\nWe're hiring\n"
    assert hit_tokens(offsets[0], text.index("C#"), text.index("C#") + 2) == (1, 2)
    assert hit_tokens(offsets[1], text.index("C#"), text.index("C#") + 2) is None
