"""The skill extractor on the small test table (tests/data/skills_small.json)."""

import pytest

from jobfit.db.fold import fold
from jobfit.matcher.language import detect_language


def skills(extractor, text, lang=None):
    return [(h.skill_id, h.text) for h in extractor.extract(text, lang)]


def test_fold_keeps_length_and_removes_case_and_accents():
    text = "Algèbre LINÉAIRE – Œuvre’s ÇA"
    assert len(fold(text)) == len(text)
    assert fold(text) == "algebre lineaire – œuvre's ca"


def test_matching_is_accent_and_case_insensitive(small_extractor):
    assert skills(small_extractor, "ALGEBRE LINEAIRE et statistiques") == [
        ("linear_algebra", "ALGEBRE LINEAIRE"), ("statistics", "statistiques")]


def test_offsets_point_into_the_original_text(small_extractor):
    text = "Vous maîtrisez l’apprentissage profond et scikit-learn."
    for hit in small_extractor.extract(text):
        assert text[hit.start:hit.end] == hit.text
    assert [h.skill_id for h in small_extractor.extract(text)] == ["deep_learning", "scikit_learn"]


def test_longest_match_wins_and_symbols_stay_whole(small_extractor):
    assert skills(small_extractor, "C#, C++ et scikit learn") == [
        ("c_sharp", "C#"), ("cpp", "C++"), ("scikit_learn", "scikit learn")]


def test_ambiguous_short_names_need_their_exact_case(small_extractor):
    assert skills(small_extractor, "Vous codez en R ou en Go.") == [("r", "R"), ("go", "Go")]
    assert skills(small_extractor, "We go to the r shop, and you excel at it.") == []
    assert skills(small_extractor, "Backend in golang") == [("go", "golang")]


def test_each_hit_keeps_its_sentence(small_extractor):
    text = "Nous recrutons. Vous connaissez PyTorch et Docker ! Merci."
    hits = small_extractor.extract(text)
    assert {h.sentence for h in hits} == {"Vous connaissez PyTorch et Docker !"}


def test_negated_mentions_are_marked(small_extractor):
    [java] = small_extractor.extract("Pas de Java requis, mais du Python.", "fr")[:1]
    assert java.skill_id == "java" and java.negated
    hits = {h.skill_id: h.negated for h in small_extractor.extract("No prior Java needed. Python is a must.")}
    assert hits == {"java": True, "python": False}


def test_sections_are_attached_to_hits(small_extractor):
    text = ("Qui sommes-nous ?\nNous codons en Python.\n\nProfil recherché\n- PyTorch\n\n"
            "Un plus : Docker\n\nAvantages\n- Cours de Python offerts")
    sections = [(h.skill_id, h.section) for h in small_extractor.extract(text)]
    assert sections == [("python", "company"), ("pytorch", "required"), ("docker", "nice_to_have"),
                        ("python", "benefits")]


def test_extract_many_detects_language_per_text(small_extractor):
    results = list(small_extractor.extract_many([
        ("Nous cherchons un ingénieur pour notre équipe de vision par ordinateur.", None),
        ("We are looking for an engineer with computer vision experience.", None),
    ]))
    assert [lang for lang, _ in results] == ["fr", "en"]
    assert all(hits and hits[0].skill_id == "computer_vision" for _, hits in results)


@pytest.mark.parametrize("text, lang", [
    ("Vous rejoindrez une équipe de 10 personnes et vous serez en charge du modèle.", "fr"),
    ("You will join a team of ten people and you will own the model.", "en"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang
