from jobfit.crawler.normalize.salary import parse_salary
from jobfit.db.vocabulary import normalize_contract, normalize_remote, remote_from_text


def test_contract_french_and_english_labels():
    assert normalize_contract("CDI") == "full_time"
    assert normalize_contract("FULL_TIME") == "full_time"
    assert normalize_contract("CDD 6 mois") == "fixed_term"
    assert normalize_contract("Stage 6 mois") == "internship"
    assert normalize_contract("Alternance") == "apprenticeship"
    assert normalize_contract("Freelance") == "freelance"
    assert normalize_contract("Intérim") == "temporary"
    assert normalize_contract("something else") is None


def test_remote_from_flags_labels_and_text():
    assert normalize_remote(True) == "remote"
    assert normalize_remote("TELECOMMUTE") == "remote"
    assert normalize_remote("Pas_teletravail") == "onsite"
    assert normalize_remote("Occasionnel") == "hybrid"
    assert remote_from_text("Télétravail partiel possible (2 jours par semaine)") == "hybrid"
    assert remote_from_text("Poste en full remote") == "remote"
    assert remote_from_text("Nous aimons le café") is None


def test_remote_from_text_reads_hybrid_ways_of_working_not_hybrid_technology():
    assert remote_from_text("Hybrid work environment, with 2 remote days a week") == "hybrid"
    assert remote_from_text("Type: hybrid, 2 days per week in our Seattle office") == "hybrid"
    assert remote_from_text("a minimum of 3 days a week in the office") == "hybrid"
    assert remote_from_text("2 jours de télétravail par semaine") == "hybrid"
    assert remote_from_text("We build hybrid cloud and hybrid search tools; fully remote team") == "remote"
    assert remote_from_text("A remote-friendly culture with quarterly meetups") == "remote"
    assert remote_from_text("open to global talents with flexible remote work opportunities") == "remote"


def test_salary_parses_french_k_euros_range():
    s = parse_salary("45–55 k€ brut/an")
    assert (s.min, s.max, s.currency, s.period) == (45000, 55000, "EUR", "year")


def test_salary_parses_daily_rate_and_monthly():
    day = parse_salary("600 €/jour (TJM)")
    assert (day.min, day.period) == (600, "day")
    month = parse_salary("Mensuel de 1 600,00 Euros")
    assert (month.min, month.currency, month.period) == (1600, "EUR", "month")
    assert month.annual()[0] == 19200


def test_salary_without_amount_is_none():
    assert parse_salary("Selon profil") is None
    assert parse_salary("A négocier") is None
