"""The job a title names (matcher/roles.py): its family of work, and how that relates to a profile's own."""

import pytest

from jobfit.db.fold import fold
from jobfit.matcher.roles import role_relation, title_families

ML = {"ml"}
DATA = {"data_eng"}


@pytest.mark.parametrize("title, families", [
    ("Senior Machine Learning Engineer, HD Maps", ["ml"]),
    ("Ingénieur(e) IA – Expert(e) en Intelligence Artificielle", ["ml"]),
    ("INGENIEUR EN IA OPTIMISATION ET MULTI-AGENTS", ["ml"]),
    ("Software Engineer, ML Research", ["ml"]),
    ("Distributed LLM Inference Engineer", ["ml"]),
    ("Data Engineer - Machine Learning", ["ml", "data_eng"]),
    ("Développeur Big Data (H/F)", ["data_eng"]),
    ("Senior Data Analyst", ["analyst"]),
    ("Senior Back-end Engineer - Team Decide", ["software"]),
    ("Senior Full-stack Engineer (FE-oriented) (LLM)", ["software"]),
    ("AI Product Manager", ["product"]),
    ("Technical Recruiter, Research", ["recruiting"]),
    ("Enterprise Account Executive, Ambient AI", ["sales"]),
    ("Formateur / Formatrice en Intelligence Artificielle (IA)", ["teaching"]),
    ("Consultant senior Gouvernance IA", []),
])
def test_title_families(title, families):
    assert title_families(fold(title)) == families


@pytest.mark.parametrize("title, own, relation", [
    ("Machine Learning Engineer", ML, "own"),
    ("Senior Data Engineer", ML, "near"),
    ("Fullstack Software Engineer, Applied AI", ML, "field"),
    ("Senior Backend Engineer", ML, "foreign_tech"),
    ("Sales Development Representative (AI-Enabled)", ML, "business"),
    ("Member of Technical Staff", ML, "unknown"),
    ("Analytics Engineer", DATA, "own"),
    ("Data Scientist", DATA, "near"),
])
def test_role_relation(title, own, relation):
    folded = fold(title)
    assert role_relation(title_families(folded), own, folded) == relation


@pytest.mark.parametrize("title, families", [
    ("Stage Data-engineer / data-science", ["ml", "data_eng"]),
    ("Data-Scientist confirmé", ["ml"]),
])
def test_hyphenated_job_names_read_as_spaced(title, families):
    assert title_families(fold(title)) == families


def test_a_profile_owns_the_first_family_of_each_of_its_titles():
    from jobfit.matcher.score import own_families

    assert own_families(("data engineer", "analytics engineer")) == {"data_eng"}
    assert own_families(("machine learning", "data scientist")) == {"ml"}


@pytest.mark.parametrize("title, relation", [
    ("AI Product Manager", "business_field"),
    ("Formateur / Formatrice en Intelligence Artificielle (IA)", "business_field"),
    ("Enterprise Account Executive, Ambient AI", "business"),
    ("Technical Recruiter, Machine Learning", "business"),
    ("Product Manager, Lending", "business"),
])
def test_a_non_technical_job_in_the_field_is_told_from_one_that_sells_or_hires(title, relation):
    folded = fold(title)
    assert role_relation(title_families(folded), ML, folded) == relation
