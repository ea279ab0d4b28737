"""Seniority, years of experience and education, French and English (property tests)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfit.crawler.normalize.requirements import experience_years, seniority_from_years
from jobfit.db.vocabulary import (
    EDUCATION_LEVELS,
    SENIORITIES,
    education,
    normalize_contract,
    normalize_remote,
    remote_from_text,
)
from jobfit.db.vocabulary import seniority_of as seniority


@given(st.integers(min_value=1, max_value=20), st.sampled_from(
    ["{n} ans d'expérience", "Minimum {n} ans", "{n}+ years of experience", "at least {n} years in ML",
     "Expérience exigée de {n} An(s)", "{n} an(s)", "expérience de {n} ans minimum"]))
def test_years_of_experience(n, template):
    assert experience_years(template.format(n=n)) == n


@pytest.mark.parametrize("text", ["Aucune expérience exigée", "Débutant accepté", "Tous niveaux d'expérience acceptés"])
def test_no_experience_needed_is_zero(text):
    assert experience_years(text) == 0


@pytest.mark.parametrize("title, level", [
    ("Senior ML Engineer", "senior"), ("Data Scientist confirmé", "senior"), ("Stage - Data Scientist", "intern"),
    ("Alternance Ingénieur IA", "intern"), ("Junior Data Analyst", "junior"), ("Lead MLOps", "lead"),
    ("Staff Research Engineer", "principal"), ("Head of AI", "head"), ("ML Engineer", None),
    ("Account Executive", None), ("Product Manager", None), ("CTO Founder Associate Intern", "intern"),
    ("Senior Engineering Manager - AI", "lead")])
def test_seniority_from_titles(title, level):
    assert seniority(title) == level


@given(st.text(max_size=60))
def test_seniority_is_in_the_vocabulary(title):
    assert seniority(title) in (*SENIORITIES, None)


@given(st.integers(min_value=0, max_value=40))
def test_seniority_from_years_grows_with_the_years(years):
    order = ["junior", "mid", "senior"]
    assert order.index(seniority_from_years(years)) <= order.index(seniority_from_years(years + 1))


@pytest.mark.parametrize("text, level", [
    ("Bac+5 (école d'ingénieur ou master)", "bac+5"), ("Doctorat en apprentissage automatique", "phd"),
    ("PhD in Computer Science", "phd"), ("Bac+5 ou doctorat", "bac+5"), ("BTS ou DUT", "bac+2"),
    ("Licence professionnelle", "bac+3"), ("RJ/Qualif/Ingenieur_B5", "bac+5"), ("bac + 3", "bac+3"),
    ("These are our values", None)])
def test_education_levels(text, level):
    assert education(text) == level


@given(st.text(max_size=80))
def test_education_is_in_the_vocabulary(text):
    assert education(text) in (*EDUCATION_LEVELS, None)


@given(st.sampled_from(["CDI", "cdi", "Contrat à durée indéterminée", "FULL_TIME", "Full-time", "fulltime",
                        "Permanent"]),
       st.sampled_from(["", " ", " - temps plein", " (H/F)"]))
def test_permanent_contracts_are_full_time(label, suffix):
    assert normalize_contract(label + suffix) == "full_time"


@pytest.mark.parametrize("label, contract", [
    ("CDD 6 mois", "fixed_term"), ("Stage", "internship"), ("Internship", "internship"),
    ("Alternance - Contrat d'apprentissage", "apprenticeship"), ("Freelance", "freelance"),
    ("Intérim", "temporary"), ("Mission intérimaire - 12 Mois", "temporary"), ("Part-time", "part_time")])
def test_contract_vocabulary(label, contract):
    assert normalize_contract(label) == contract


@given(st.sampled_from(["Télétravail partiel", "2 jours de télétravail", "Hybride", "Occasionnel", "hybrid"]))
def test_hybrid_wording(text):
    assert normalize_remote(text) == "hybrid"


@given(st.sampled_from(["Full remote", "100% télétravail", "Télétravail complet", "Remote", "TELECOMMUTE"]))
def test_full_remote_wording(text):
    assert normalize_remote(text) == "remote"


@given(st.text(max_size=80))
def test_remote_is_in_the_vocabulary(text):
    assert remote_from_text(text) in ("onsite", "hybrid", "remote", None)
