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
