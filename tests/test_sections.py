import pytest

from jobfit.matcher.sections import NOT_ASKED, SectionIndex, heading_label, split_sections


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
    ("Notre process de recrutement", "other"),
    ("Présentation du poste", "responsibilities"),
    ("Présentation Sicara", "company"),
    ("Description de l'entreprise", "company"),
    ("Pourquoi on recrute un Data Engineer ?", "responsibilities"),
    ("Informations supplémentaires", "benefits"),
    ("Conditions d'accès complémentaires au poste :", "required"),
    ("Core Technical Responsibilities", "responsibilities"),
    ("🚀 Who Are We?", "company"),
    ("Why Welltech?", "company"),
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


def labels(text: str) -> dict[str, str]:
    """The section label of the first line holding each word of interest."""
    index = SectionIndex(text)
    return {word: index.label_at(text.index(word)) for word in ("PYTHON", "MUTUELLE", "YOGA", "GAMES", "KAFKA")
            if word in text}


@pytest.mark.parametrize("text", [
    # one-word headings after a company heading (the Voodoo layout)
    "About Voodoo\nWe make GAMES.\nTeam\nYou join the data team.\nRole\nBuild models.\nProfile\n- PYTHON\n"
    "Benefits\n- YOGA\n",
    # French one-word headings
    "Qui sommes-nous ?\nNous faisons des GAMES.\nMissions\nConstruire des modèles.\nProfil\n- PYTHON\n"
    "Avantages\n- MUTUELLE\n",
    # ALL CAPS unknown headings close the company section
    "ABOUT 9FIN\nWe make GAMES.\nWHAT YOU'LL WORK ON\n- Build KAFKA streams.\nABOUT YOU\n- PYTHON\nOUR BENEFITS\n"
    "- YOGA\n",
    "INTRODUCTION\nNous faisons des jeux pour nos clients.\nCE QUE TU FERAS CHEZ NOUS\n- Des flux KAFKA.\n"
    "PROFIL RECHERCHÉ\n- PYTHON\nPOURQUOI NOUS REJOINDRE ?\n- MUTUELLE\n",
    # markdown and emoji headings
    "## About us\nWe make GAMES.\n## Ce que tu feras\n- KAFKA\n## Ton profil\n- PYTHON\n## Avantages\n- MUTUELLE\n",
    "🚀 Who we are\nWe make GAMES.\n💻 THE ROLE\n- KAFKA\n👋 YOU\n- PYTHON\n🎁 PERKS\n- YOGA\n",
])
def test_heading_families_in_both_languages(text):
    got = labels(text)
    assert got["PYTHON"] == "required"
    assert got.get("GAMES", "company") == "company"
    assert got.get("YOGA", got.get("MUTUELLE")) == "benefits"
    assert got.get("KAFKA", "responsibilities") == "responsibilities"


@pytest.mark.parametrize("text, label", [
    ("About the role\nYou will build KAFKA pipelines.\n", "responsibilities"),
    ("About us\nWe run KAFKA at scale.\n", "company"),
    ("À propos du poste\nVous construirez des flux KAFKA.\n", "responsibilities"),
    ("À propos de Nabla\nNous utilisons KAFKA.\n", "company"),
])
def test_about_the_role_is_not_about_us(text, label):
    assert labels(text)["KAFKA"] == label


@pytest.mark.parametrize("text", [
    "OUR BENEFITS\nFinancial & Insurance\n- Equity\nTime off\n- 25 days of YOGA\n",
    "NOS AVANTAGES\nBien-être\n- MUTUELLE prise en charge\nTemps libre\n- 25 jours\n",
])
def test_plain_sub_headings_stay_inside_a_benefits_section(text):
    assert set(labels(text).values()) == {"benefits"}


@pytest.mark.parametrize("text, heading", [
    ("ABOUT ACME\nWe make GAMES.\nWHAT WE BELIEVE ARE IMPORTANT TRAITS\n- PYTHON\n",
     "WHAT WE BELIEVE ARE IMPORTANT TRAITS"),
    ("Qui sommes-nous ?\nDes GAMES.\nCE QU'IL TE FAUT POUR SURFER LA VAGUE :\n- PYTHON\n",
     "CE QU'IL TE FAUT POUR SURFER LA VAGUE :"),
])
def test_unknown_headings_close_the_company_section_and_are_kept_in_the_postings_words(text, heading):
    index = SectionIndex(text)
    section = index.section_at(text.index("PYTHON"))
    assert section.label not in NOT_ASKED and section.heading == heading


@pytest.mark.parametrize("text", [
    "Mission\nVous êtes\npassionné par la donnée et KAFKA.\n",
    "Missions\nVous maîtrisez KAFKA et la maîtrise de l'anglais serait\nun plus.\n- PYTHON\n",
])
def test_lines_broken_mid_sentence_are_no_headings(text):
    assert set(labels(text).values()) == {"responsibilities"}


@pytest.mark.parametrize("text", [
    "Benefits\n- YOGA\nAcme is an equal opportunity employer and welcomes PYTHON people.\n",
    "Avantages\n- MUTUELLE\nConformément à la réglementation, nos postes sont ouverts aux PYTHON.\n",
])
def test_equal_opportunity_lines_close_a_benefits_section(text):
    assert labels(text)["PYTHON"] == "other"


@pytest.mark.parametrize("text, label", [
    ("REQUIREMENTS\n- Python\nNICE TO HAVE TRAITS FOR THIS ROLE\n- Spark\n", "nice_to_have"),
    ("REQUIREMENTS\n- Python\nWE EXPECT YOU TO BRING\n- A portfolio\n", "required"),
    ("THE ROLE\n- Build models\nGROWING TOGETHER – WHAT YOU CAN EXPECT AT ACME\n- Stock options\n", "benefits"),
    ("Vos missions\n- Construire des modèles\nVos principales qualités :\n- Rigueur\n", "required"),
    ("Qui sommes-nous ?\nUne PME.\nNous recrutons un(e) **Consultant Data** :\n- Collecter les données\n",
     "responsibilities"),
])
def test_long_or_unknown_headings_open_the_section_their_words_say(text, label):
    assert split_sections(text)[-1].label == label
