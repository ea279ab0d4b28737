"""`jobfit profiles from-cv`: a profile from a CV (two written for these tests, one French, one English; the same
text as PDF and DOCX), found by the posting extractor, that loads and scores like the shipped profiles."""

import pytest
from click.testing import CliRunner

from jobfit.cli import cli
from jobfit.cv import CVError, profile_from_cv, titles_of
from jobfit.matcher.profile import load_profile
from jobfit.matcher.score import score_posting
from jobfit.matcher.skills import SkillTable
from tests.conftest import TESTS
from tests.cv_files import write_docx, write_pdf

CV_FR = TESTS / "data" / "cv" / "cv_fr.md"
CV_EN = TESTS / "data" / "cv" / "cv_en.txt"
ML_POSTING = ("Ingénieur Machine Learning (H/F)",
              "Vous entraînez des modèles de deep learning avec PyTorch et scikit-learn, en Python. "
              "Vous déployez sur Kubernetes avec MLflow.")
PENTEST_POSTING = ("Pentester confirmé", "Tests d'intrusion, Burp Suite, Metasploit, analyse de vulnérabilités.")


@pytest.fixture(scope="module")
def table():
    return SkillTable.load()


@pytest.fixture(scope="module")
def extractor(table):
    from jobfit.matcher.extract import Extractor

    return Extractor(table)


def tiers(made) -> dict[str, str]:
    return {skill: tier for skill, tier, _ in made.skills}


def test_french_cv_gives_skills_tiers_titles_and_languages(extractor):
    made = profile_from_cv(CV_FR, extractor)
    found = tiers(made)
    assert made.titles == ["ingenieure machine learning", "ingenieur machine learning", "data scientist"]
    assert found["python"] == "required"  # named four times
    assert found["machine_learning"] == "required"  # in the headline
    assert found["pytorch"] == "important" and found["kubernetes"] == "important"  # skills part, and named again
    assert found["postgresql"] == "bonus"  # named once, in an experience
    assert made.languages == ["fr", "en"]


def test_english_cv_gives_its_own_profile(extractor):
    made = profile_from_cv(CV_EN, extractor)
    found = tiers(made)
    assert made.titles == ["data engineer", "analytics engineer"]
    assert found["sql"] == "required" and found["kafka"] == "important" and found["tableau"] == "bonus"
    assert "pytorch" not in found
    assert made.languages == ["en", "fr"]


def hits_of(extractor, title, text):
    rows = [{**h.as_dict(), "section": "title"} for h in extractor.extract(title)]
    return rows + [h.as_dict() for h in extractor.extract(text)]


def test_the_written_profile_loads_and_scores_like_a_shipped_one(extractor, table, tmp_path):
    path = tmp_path / "camille.toml"
    path.write_text(profile_from_cv(CV_FR, extractor, "camille").toml(), encoding="utf-8")
    profile = load_profile(path, table.skills)  # every skill id known to the skill table
    assert profile.id == "camille" and "data scientist" in profile.titles and profile.filters["languages"]
    ml = score_posting(profile, table, hits_of(extractor, *ML_POSTING), {"title": ML_POSTING[0], "language": "fr"})
    pentest = score_posting(profile, table, hits_of(extractor, *PENTEST_POSTING),
                            {"title": PENTEST_POSTING[0], "language": "fr"})
    assert ml["score"] > 50 > pentest["score"], (ml["score"], pentest["score"])
    assert {m["skill"] for m in ml["explanation"]["matched"]} >= {"python", "pytorch", "kubernetes"}


def test_pdf_and_docx_cvs_read_like_their_text(extractor, tmp_path):
    pdf = write_pdf(tmp_path / "camille.pdf", CV_FR.read_text(encoding="utf-8"))
    docx = write_docx(tmp_path / "jordan.docx", CV_EN.read_text(encoding="utf-8"))
    assert tiers(profile_from_cv(pdf, extractor)) == tiers(profile_from_cv(CV_FR, extractor))
    from_docx = profile_from_cv(docx, extractor)
    assert tiers(from_docx) == tiers(profile_from_cv(CV_EN, extractor)) and from_docx.titles[0] == "data engineer"


@pytest.mark.parametrize("name, content, message", [
    ("cv.odt", b"x", "unknown CV format .odt"),
    ("cv.pdf", b"not a pdf", "cannot read it as PDF"),
    ("cv.txt", b"\n\n", "no text found"),
    ("cv.md", "Jardinier paysagiste, taille des haies.".encode(), "no skill of jobfit's skill table"),
])
def test_unreadable_cvs_are_clear_errors(extractor, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CVError, match=message):
        profile_from_cv(path, extractor)


def test_titles_leave_levels_and_years_out_and_add_the_masculine_form():
    assert titles_of("Senior Data Engineer (5 ans) | Tech Lead") == ["data engineer", "tech lead"]
    assert titles_of("Développeuse Python / Experte sécurité") == ["developpeuse python", "developpeur python",
                                                                   "experte securite", "expert securite"]


def test_profiles_group_lists_and_makes_a_profile_from_a_cv(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(cli, ["profiles"])
    assert listed.exit_code == 0 and "expert_ia" in listed.output
    out = tmp_path / "jordan.toml"
    made = runner.invoke(cli, ["profiles", "from-cv", str(CV_EN), "-o", str(out)])
    assert made.exit_code == 0, made.output
    assert load_profile(out).id == "jordan" and "profile jordan:" in made.output
    again = runner.invoke(cli, ["profiles", "from-cv", str(CV_EN), "-o", str(out)])
    assert again.exit_code == 1 and "exists: give --force" in again.output
    printed = runner.invoke(cli, ["profiles", "from-cv", str(CV_FR)])
    assert printed.exit_code == 0 and 'id = "cv_fr"' in printed.output
