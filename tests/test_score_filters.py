"""Each profile filter is a penalty with a reason; an unknown posting field is never a mismatch."""

from datetime import date

import pytest

from jobfit.matcher.filters import annual_salary_max, penalties, seniority

TODAY = date(2026, 11, 27)
FILTERS = {"locations": ["France", "Lyon", "Remote"], "remote": ["hybrid", "remote"], "contracts": ["full_time"],
           "min_salary": 45000, "seniority": ["junior", "senior"], "languages": ["fr"], "max_age_days": 30}
GOOD = {"title": "Data Engineer senior", "location": "Lyon, FR", "country": "FR", "remote": "hybrid",
        "contract": "full_time", "salary_max": 60000, "salary_period": "year", "language": "fr",
        "posted_at": "2026-11-20"}


def test_a_posting_matching_every_filter_has_no_penalty():
    assert penalties(FILTERS, GOOD, TODAY) == []


@pytest.mark.parametrize("change, name", [
    ({"location": "Berlin, DE", "country": "DE"}, "locations"),
    ({"remote": "onsite"}, "remote"),
    ({"contract": "part_time"}, "contracts"),
    ({"salary_max": 3000, "salary_period": "month"}, "min_salary"),
    ({"title": "Lead Data Engineer"}, "seniority"),
    ({"language": "de"}, "languages"),
    ({"posted_at": "2026-10-01"}, "max_age_days"),
])
def test_each_filter_mismatch_is_one_penalty(change, name):
    [penalty] = [p for p in penalties(FILTERS, {**GOOD, **change}, TODAY)]
    assert penalty["filter"] == name and 0 < penalty["factor"] < 1 and penalty["reason"]


def test_unknown_fields_are_no_mismatch():
    assert penalties(FILTERS, {"title": "Data Engineer"}, TODAY) == []


def test_remote_posting_meets_a_remote_location_wish():
    assert penalties({"locations": ["Paris", "Remote"]}, {"location": "Berlin", "remote": "remote"}, TODAY) == []


def test_france_matches_a_french_city_by_country_code():
    assert penalties({"locations": ["France"]}, {"location": "Toulouse, FR"}, TODAY) == []


def test_very_stale_postings_are_penalised_more():
    [stale] = penalties({"max_age_days": 30}, {"posted_at": "2026-10-20"}, TODAY)
    [very] = penalties({"max_age_days": 30}, {"posted_at": "2026-08-01"}, TODAY)
    assert very["factor"] < stale["factor"]


@pytest.mark.parametrize("title, level", [
    ("Machine Learning Engineer Intern", "intern"), ("Stage – Data Scientist", "intern"),
    ("Alternant(e) Data Scientist", "intern"), ("Research Scientist – Apprentissage profond", None),
    ("Senior NLP Engineer", "senior"), ("Lead Data Scientist", "lead"), ("Data Engineer junior", "junior"),
    ("Data Analyst confirmé(e)", "senior"),
])
def test_seniority_is_read_from_the_title(title, level):
    assert seniority({"title": title}) == level


def test_crawler_seniority_wins_over_the_title():
    assert seniority({"title": "Senior Engineer", "seniority": "junior"}) == "junior"


def test_salaries_compare_per_year():
    assert annual_salary_max({"salary_max": 2500, "salary_period": "month"}) == 30000
    assert annual_salary_max({"salary_min": 400, "salary_period": "day"}) == 400 * 218
    assert annual_salary_max({"salary_annual_max": 52000, "salary_max": 1}) == 52000
    assert annual_salary_max({}) is None


def test_excluded_title_word_is_a_strong_penalty_with_its_reason():
    from jobfit.matcher.filters import penalties

    [miss] = penalties({"exclude_titles": ["recrutement", "sales"]},
                       {"title": "Chargé(e) de Recrutement IT & Data"})
    assert miss["filter"] == "exclude_titles" and miss["factor"] < 0.5
    assert "recrutement" in miss["reason"]
    # a whole word only: "Salesforce developer" is not a sales job
    assert penalties({"exclude_titles": ["sales"]}, {"title": "Salesforce Developer"}) == []
