"""One vocabulary: every room reads the same levels, periods, folds and sibling skills."""

import pytest
import sqlite_utils

from jobfit.crawler.normalize.salary import parse_salary
from jobfit.db.fold import fold
from jobfit.db.vocabulary import PER_YEAR, SENIORITIES, per_year_sql, seniority_of
from jobfit.matcher.filters import annual_salary_max
from jobfit.matcher.filters import seniority as matcher_seniority
from jobfit.matcher.profile import FILTER_VALUES, Profile, Requirement
from jobfit.matcher.skills import SkillTable
from jobfit.stats import skill_status


@pytest.mark.parametrize("title, level", [
    ("Head of Data", "head"), ("Directeur technique", "head"), ("VP Engineering", "head"),
    ("Staff ML Engineer", "principal"), ("Principal Data Scientist", "principal"),
    ("Senior Engineering Manager", "lead"), ("Chef d’équipe IA", "lead"), ("Lead Data Scientist", "lead"),
    ("Product Manager", None), ("Architecte cloud", None), ("Responsable RH", None),
    ("Alternante Data Analyst", "intern"), ("Stage de fin d'études – NLP", "intern"), ("Work-study ML", "intern"),
    ("Data Scientist confirmée", "senior"), ("Jeune diplômée data", "junior"), ("SENIOR", "senior"),
    ("Research Scientist – Apprentissage profond", None),
])
def test_crawler_and_matcher_read_the_same_level_from_a_title(title, level):
    assert seniority_of(title) == level
    assert matcher_seniority({"title": title}) == level


def test_profiles_accept_every_level_the_crawler_writes():
    assert FILTER_VALUES["seniority"] == SENIORITIES


def test_per_year_sql_counts_as_the_python_table():
    db = sqlite_utils.Database(memory=True)
    for period, factor in {**PER_YEAR, None: 1, "fortnight": 1}.items():
        [row] = db.query(f"select {per_year_sql(':period')} as n", {"period": period})
        assert row["n"] == factor


def test_a_daily_rate_is_the_same_yearly_salary_to_the_parser_and_the_filter():
    salary = parse_salary("600 €/jour")
    low, high = salary.annual()
    assert annual_salary_max({"salary_max": salary.max, "salary_period": salary.period}) == high == 600 * 218


@pytest.mark.parametrize("text", ["İstanbul", "Élève ingénieur", "ﬁnance", "Straße", "l’équipe"])
def test_fold_keeps_the_length_and_lowers_every_letter(text):
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded == folded.lower()
    assert not any(c in folded for c in "İÉéè")


def test_fold_compat_composes_compatibility_forms():
    assert fold("ＣＤＩ ﬁxe", compat=True) == "cdi fixe"


def test_related_in_stats_means_a_sibling_the_score_credits():
    table = SkillTable.load()
    interchangeable = next(f for f, d in table.families.items() if d.get("interchangeable")
                           and len(table.members.get(f, ())) >= 2)
    shared_only = next(f for f, d in table.families.items() if not d.get("interchangeable")
                       and len(table.members.get(f, ())) >= 2)
    have, sibling = sorted(table.members[interchangeable])[:2]
    other_have, other = sorted(table.members[shared_only])[:2]
    profile = Profile(id="p", name="p", requirements=[Requirement((have,), "", "required", 3.0),
                                                      Requirement((other_have,), "", "required", 3.0)])
    assert table.stand_in_family(sibling) == interchangeable
    assert skill_status(sibling, profile, table) == "related"
    assert table.stand_in_family(other) is None
    assert skill_status(other, profile, table) == "lack"
