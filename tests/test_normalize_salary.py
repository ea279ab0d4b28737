"""Salary strings, French and English, into min, max, currency, period and an annual figure (property tests)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfit.crawler.normalize.salary import (
    annual_range,
    parse_salary,
    salary_from_text,
)
from jobfit.db.vocabulary import PER_YEAR, normalize_period

amounts = st.integers(min_value=20, max_value=400)  # thousands


def french_thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


@given(amounts, st.sampled_from(["k€", " k€", "K€", "k€ brut annuel", " k€ / an"]))
def test_salary_parses_french_k_euros(k, suffix):
    s = parse_salary(f"{k}{suffix}")
    assert (s.min, s.max, s.currency, s.period) == (k * 1000, k * 1000, "EUR", "year")


@given(amounts, st.sampled_from(["€", " €", " € brut annuel", " euros par an"]),
       st.sampled_from([" ", "\u202f", "\xa0", "."]))
def test_salary_parses_french_thousands_separators(k, suffix, separator):
    amount = k * 1000 + 500
    text = french_thousands(amount).replace(" ", separator) + suffix
    assert parse_salary(text).min == amount


@given(amounts, amounts, st.sampled_from(["{a} - {b} k€", "{a}–{b} k€", "de {a} k€ à {b} k€", "{a}k€-{b}k€"]))
def test_salary_range_is_ordered_and_applies_k_to_both_ends(a, b, template):
    s = parse_salary(template.format(a=a, b=b))
    assert (s.min, s.max) == (min(a, b) * 1000, max(a, b) * 1000)


@given(st.integers(min_value=1200, max_value=9000), st.integers(min_value=0, max_value=99))
def test_monthly_french_decimals(euros, cents):
    s = parse_salary(f"Mensuel de {euros},{cents:02d} Euros sur 12 mois")
    assert s.period == "month" and s.min == pytest.approx(euros + cents / 100)
    assert s.annual()[0] == pytest.approx((euros + cents / 100) * 12)


@given(st.integers(min_value=200, max_value=1500),
       st.sampled_from(["€/jour", "€ / j", "€ par jour", "€ HT/jour (TJM)"]))
def test_daily_rate(tjm, suffix):
    s = parse_salary(f"TJM {tjm} {suffix}")
    assert (s.min, s.period) == (tjm, "day")
    assert s.annual()[0] == tjm * PER_YEAR["day"]


@given(amounts, amounts, st.sampled_from([("$", "USD"), ("£", "GBP"), ("€", "EUR")]))
def test_usd_and_gbp_ranges(a, b, currency):
    symbol, code = currency
    s = parse_salary(f"{symbol}{a * 1000:,} - {symbol}{b * 1000:,} per year")
    assert (s.min, s.max, s.currency, s.period) == (min(a, b) * 1000, max(a, b) * 1000, code, "year")


@given(st.integers(min_value=12, max_value=90))
def test_hourly(rate):
    s = parse_salary(f"{rate} €/h")
    assert (s.min, s.period) == (rate, "hour")


@given(st.text(alphabet=st.characters(blacklist_categories=["Nd", "No", "Nl"]), max_size=40))
def test_text_without_numerals_has_no_salary(text):
    assert parse_salary(text) is None


@given(st.text(max_size=60))
def test_any_text_parses_to_none_or_an_ordered_range(text):
    s = parse_salary(text)
    if s is not None:
        assert s.period in PER_YEAR
        if s.min is not None and s.max is not None:
            assert s.min <= s.max


def test_open_ended_french_ranges():
    assert (parse_salary("A partir de 21 k€ brut annuel").max, parse_salary("jusqu'à 60 k€").min) == (None, None)
    assert parse_salary("A négocier") is None


@pytest.mark.parametrize("value, period", [("1 YEAR", "year"), ("per-month-salary", "month"), ("HOURLY", "hour"),
                                           ("Mensuel", "month"), ("daily", "day"), ("weekly", "week"), ("", None)])
def test_period_vocabulary(value, period):
    assert normalize_period(value) == period


@given(st.floats(min_value=1, max_value=1e6), st.sampled_from(list(PER_YEAR)))
def test_annual_range_scales_both_ends(amount, period):
    low, high = annual_range(amount, amount * 2, period)
    assert low == amount * PER_YEAR[period] and high == 2 * low


def test_france_travail_careers_salary_labels_are_monthly_amounts():
    import json

    from tests.conftest import shared_file

    offers = json.loads(shared_file("fixtures/francetravail_careers/import-france-travail-cegid.test.input.json")
                        .read_text(encoding="utf-8"))
    labels = [o["salaryRange"]["label"] for o in offers if o.get("salaryRange")]
    assert labels
    for label in labels:
        s = parse_salary(label)
        assert s.currency == "EUR" and s.period == "month" and 1000 < s.min < 10000, label


@given(amounts, amounts, st.sampled_from(["Salaire : {a} - {b} k€ brut annuel", "Rémunération : {a}k€ à {b}k€",
                                          "Salary: €{a}k – €{b}k per year", "Package {a}-{b} K€"]))
def test_salary_line_in_a_description_is_read(a, b, line):
    text = f"Nous sommes 2 500 salariés depuis 1998.\n{line.format(a=a, b=b)}\nTélétravail 2 jours."
    s = salary_from_text(text)
    assert (s.min, s.max) == (min(a, b) * 1000, max(a, b) * 1000)


@given(st.integers(min_value=2, max_value=99_999))
def test_numbers_without_a_salary_word_are_not_pay(n):
    text = f"Une équipe de {n} personnes, fondée en 2012, 3 jours de télétravail, {n} € de budget formation."
    assert salary_from_text(text) is None
