"""Negation, nice-to-have phrasing and role compounds around a mention, in French and English (small table)."""

import pytest


def flags(extractor, text, lang):
    return {h.skill_id: (h.section, h.negated) for h in extractor.extract(text, lang)}


@pytest.mark.parametrize("text, lang", [
    ("Pas de Java requis, mais du Python.", "fr"),
    ("Aucune connaissance de Java n'est nécessaire ; Python est demandé.", "fr"),
    ("Java n'est pas requis. Python est indispensable.", "fr"),
    ("Sans expérience Java ? Aucun problème. Python est demandé.", "fr"),
    ("No prior Java needed. Python is a must.", "en"),
    ("Java is not required; Python is.", "en"),
    ("You don't need Java, but Python matters.", "en"),
])
def test_negated_mentions_are_marked_in_both_languages(small_extractor, text, lang):
    result = flags(small_extractor, text, lang)
    assert result["java"][1] is True
    assert result["python"][1] is False


@pytest.mark.parametrize("text, lang", [
    ("Pas de souci si vous débutez, Python s'apprend.", "fr"),
    ("No matter your background, Python is what we use.", "en"),
])
def test_negation_stays_in_its_clause(small_extractor, text, lang):
    assert flags(small_extractor, text, lang)["python"][1] is False


@pytest.mark.parametrize("text, lang", [
    ("Profil\n- Python\n- Une connaissance de Docker serait appréciée.", "fr"),
    ("Profil\n- Python\n- Docker, un plus.", "fr"),
    ("Profil\n- Python\n- Idéalement, vous connaissez Docker.", "fr"),
    ("Requirements\n- Python\n- Docker is a plus.", "en"),
    ("Requirements\n- Python\n- Experience with Docker would be a bonus.", "en"),
    ("Requirements\n- Python\n- Ideally, you know Docker.", "en"),
])
def test_nice_to_have_phrasing_inside_a_required_section(small_extractor, text, lang):
    result = flags(small_extractor, text, lang)
    assert result["python"][0] == "required"
    assert result["docker"][0] == "nice_to_have"


@pytest.mark.parametrize("text, lang", [
    ("Nous recrutons un développeur Java pour notre équipe.\nVous maîtrisez Python.", "fr"),
    ("Vous travaillerez avec nos ingénieurs Java.\nVous maîtrisez Python.", "fr"),
    ("We are hiring a Senior Java Developer to join us.\nYou know Python.", "en"),
    ("You will work with our Java engineers.\nYou know Python.", "en"),
])
def test_a_skill_qualifying_a_role_is_not_asked(small_extractor, text, lang):
    assert set(flags(small_extractor, text, lang)) == {"python"}


@pytest.mark.parametrize("title, lang", [("Développeur Java H/F", "fr"), ("Senior Java Developer", "en")])
def test_a_title_keeps_its_role_compound(small_extractor, title, lang):
    assert "java" in flags(small_extractor, title, lang)


@pytest.mark.parametrize("text, lang", [
    ("Qui sommes-nous ?\nNous codons en Python.\n\nProfil recherché\n- PyTorch\n\nAvantages\n- Cours de SQL", "fr"),
    ("About us\nWe code in Python.\n\nRequirements\n- PyTorch\n\nWhat we offer\n- SQL classes", "en"),
])
def test_company_and_benefit_mentions_are_tagged(small_extractor, text, lang):
    result = flags(small_extractor, text, lang)
    assert result == {"python": ("company", False), "pytorch": ("required", False), "sql": ("benefits", False)}


@pytest.mark.parametrize("text, lang", [
    ("Profil\n- Pas de Java requis\nUn plus : Docker", "fr"),
    ("Requirements\n- No Java needed\nBonus: Docker", "en"),
])
def test_a_nice_to_have_line_does_not_reach_the_line_above(small_extractor, text, lang):
    result = flags(small_extractor, text, lang)
    assert result["java"] == ("required", True)
    assert result["docker"] == ("nice_to_have", False)
