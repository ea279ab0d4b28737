"""Locations into city, postal code and ISO country (property tests)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfit.crawler.normalize.location import clean_city, country_code, parse_location

cities = st.sampled_from(["Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Grenoble", "Saint-Denis"])


@given(cities, st.integers(min_value=1000, max_value=98999))
def test_postal_code_and_city_in_either_order(city, code):
    postal = f"{code:05d}"
    for text in (f"{postal} {city}", f"{city} {postal}", f"{city} ({postal})", f"{city}, {postal}"):
        fields = parse_location(text)
        assert (fields["city"], fields["postal_code"], fields["country"]) == (city, postal, "FR")


@given(cities, st.sampled_from([("France", "FR"), ("FR", "FR"), ("Germany", "DE"), ("United Kingdom", "GB")]))
def test_city_and_country(city, country):
    name, code = country
    assert parse_location(f"{city}, {name}") == {"city": city, "country": code}


@pytest.mark.parametrize("text, city", [("PARIS 01", "Paris"), ("Lyon 3e", "Lyon"), ("VINCENNES", "Vincennes"),
                                        ("Lyon (69)", "Lyon"), ("Paris, Île-de-France, France", "Paris")])
def test_french_display_forms(text, city):
    assert parse_location(text)["city"] == city


def test_remote_places_have_no_city():
    assert "city" not in parse_location("Remote, US") and parse_location("Remote, US")["country"] == "US"


@given(st.text(max_size=40))
def test_any_text_gives_known_keys_only(text):
    assert set(parse_location(text)) <= {"city", "postal_code", "country"}


def test_country_codes_and_city_case():
    assert [country_code(c) for c in ("France", "USA", "Royaume-Uni", "DE", None)] == ["FR", "US", "GB", "DE", None]
    assert clean_city("SAINT-ETIENNE") == "Saint-Etienne" and clean_city("  ") is None


@pytest.mark.parametrize("text, fields", [
    ("Bangalore, India", {"city": "Bangalore", "country": "IN"}),
    ("São Paulo, Brazil", {"city": "São Paulo", "country": "BR"}),
    ("Zagreb, Croatie", {"city": "Zagreb", "country": "HR"}),
    ("Seoul, Korea, Republic of", {"city": "Seoul"}),  # the comma splits the name: no country guessed
    ("Tokyo, Japan", {"city": "Tokyo", "country": "JP"}),
    ("USA.VA.Reston", {"city": "Reston", "country": "US"}),
    ("IND.KA.Bangalore", {"city": "Bangalore", "country": "IN"}),
    ("Boston, MA", {"city": "Boston"}),  # a US state, not Morocco
    ("Singapore", {"country": "SG"}),
])
def test_countries_worldwide_in_english_and_french(text, fields):
    assert parse_location(text) == fields


def test_country_names_of_any_country_become_codes():
    assert [country_code(c) for c in ("United States of America", "Allemagne", "India", "Viet Nam", "NZL",
                                      "European Union")] == ["US", "DE", "IN", "VN", "NZ", "European Union"]
