import pytest

from jobfit.matcher.sections import SectionIndex, heading_label, split_sections


@pytest.mark.parametrize("line, label", [
    ("Profil recherché", "required"),
    ("## Compétences requises :", "required"),
    ("Requirements", "required"),
    ("What we're looking for", "required"),
    ("Un plus", "nice_to_have"),
    ("Idéalement", "nice_to_have"),
    ("Nice to have", "nice_to_have"),
    ("Bonus points", "nice_to_have"),
    ("Vos missions", "responsibilities"),
    ("What you'll do", "responsibilities"),
    ("Qui sommes-nous ?", "company"),
    ("About us", "company"),
    ("Avantages", "benefits"),
    ("What we offer", "benefits"),
    ("Vos atouts", "required"),
    ("Exigences du poste :", "required"),
    ("Who we are looking for", "required"),
    ("Tech stack", "required"),
    ("Stack technique", "required"),
    ("## Votre mission", "responsibilities"),
    ("Key responsibilities", "responsibilities"),
    ("Atouts complémentaires :", "nice_to_have"),
    ("Preferred qualifications", "nice_to_have"),
    ("Les avantages DFM :", "benefits"),
    ("Perks", "benefits"),
    ("Pourquoi nous rejoindre ?", "benefits"),
    ("Why join us?", "benefits"),
    ("Processus de recrutement", "other"),
    ("Hiring process", "other"),
])
def test_headings_in_both_languages(line, label):
    assert heading_label(line)[0] == label


def test_sentence_is_not_a_heading():
    assert heading_label("Nous développons des solutions d'IA pour l'industrie.") is None


def test_sections_cover_the_text_in_order():
    text = "Intro\nProfil recherché\n- Python\nAvantages\n- Yoga\n"
    sections = split_sections(text)
    assert [s.label for s in sections] == ["other", "required", "benefits"]
    assert sections[0].start == 0 and sections[-1].end == len(text)
    index = SectionIndex(text)
    assert index.label_at(text.index("Python")) == "required"
    assert index.label_at(text.index("Yoga")) == "benefits"


@pytest.mark.parametrize("text", [
    "Requirements\n- Python\nNice to have: Docker\n- SQL\n",
    "Compétences requises\n- Python\nUn plus : Docker\n- SQL\n",
])
def test_inline_nice_to_have_line_does_not_change_the_following_section(text):
    index = SectionIndex(text)
    assert index.label_at(text.index("Docker")) == "nice_to_have"
    assert index.label_at(text.index("SQL")) == "required"


@pytest.mark.parametrize("line", [
    "Nous développons des solutions d'IA pour l'industrie.",
    "Profil rigoureux et organisé, vous aimez le travail en équipe",
    "Skills like Python and SQL are used every day by our analysts in the team",
])
def test_long_sentences_starting_like_a_heading_are_not_headings(line):
    assert [s.label for s in split_sections(line + "\n")] == ["other"]
