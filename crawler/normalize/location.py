"""Locations ("75009 Paris", "PARIS 01", "Lyon (69)", "Paris, France") into city, postal code and country."""

from __future__ import annotations

import re

from jobfit.db.fold import fold

# Country names and codes as sources write them, folded, to ISO 3166 alpha-2.
COUNTRIES = {
    "france": "FR", "fr": "FR", "fra": "FR", "united states": "US", "usa": "US", "us": "US",
    "united states of america": "US", "etats-unis": "US", "united kingdom": "GB", "uk": "GB", "gb": "GB",
    "royaume-uni": "GB", "england": "GB", "germany": "DE", "allemagne": "DE", "deutschland": "DE", "de": "DE",
    "spain": "ES", "espagne": "ES", "es": "ES", "italy": "IT", "italie": "IT", "it": "IT", "belgium": "BE",
    "belgique": "BE", "be": "BE", "switzerland": "CH", "suisse": "CH", "ch": "CH", "netherlands": "NL",
    "pays-bas": "NL", "nl": "NL", "canada": "CA", "ca": "CA", "luxembourg": "LU", "lu": "LU", "portugal": "PT",
    "pt": "PT", "ireland": "IE", "irlande": "IE", "ie": "IE", "poland": "PL", "pologne": "PL",
}
_POSTAL = re.compile(r"\b(\d{5})\b")
_DEPARTMENT = re.compile(r"\s*[\(\[]\s*(\d{2,3}|2[AB])\s*[\)\]]\s*$")
_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille)\s+(\d{1,2})(e|er|eme)?$", re.IGNORECASE)
_REMOTE = re.compile(r"\b(remote|t[ée]l[ée]travail|anywhere|partout)\b", re.IGNORECASE)


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 code for a country name or code; the value itself when unknown."""
    if not value:
        return None
    value = str(value).strip()
    return COUNTRIES.get(fold(value, compat=True), value if len(value) > 1 else None)


def parse_location(text: str | None) -> dict:
    """city, postal_code and country found in a display location; only the keys it could read."""
    if not text:
        return {}
    first = re.split(r"\s*[|;/]\s*|\s+-\s+", str(text).strip())[0]
    fields: dict = {}
    if m := _POSTAL.search(first):
        fields["postal_code"] = m.group(1)
        first = re.sub(r"\(\s*\)|\[\s*\]", "", first[:m.start()] + first[m.end():]).strip(" ,")
        fields["country"] = "FR"  # five-digit codes in jobfit's sources are French
    if m := _DEPARTMENT.search(first):  # "Lyon (69)": a department number, not a postal code
        first = first[:m.start()]
    parts = [p.strip() for p in first.split(",") if p.strip()]
    if len(parts) >= 2 and (code := COUNTRIES.get(fold(parts[-1], compat=True))):
        fields["country"] = code
        parts = parts[:-1]
    city = parts[0] if parts else None
    if city and _REMOTE.search(city):
        city = None
    if city:
        fields["city"] = clean_city(city)
    if "country" not in fields and city and fold(city, compat=True) in COUNTRIES and len(parts) == 1 and len(city) > 3:
        fields["country"] = COUNTRIES[fold(city, compat=True)]
        del fields["city"]
    return fields


def clean_city(city: str | None) -> str | None:
    """A city name as people write it: "PARIS 01" and "Lyon 3e" become "Paris" and "Lyon", capitals only first."""
    if not city or not str(city).strip():
        return None
    city = re.sub(r"\s+", " ", str(city)).strip()
    if m := _ARRONDISSEMENT.match(city):
        city = m.group(1)
    if city.isupper() and len(city) <= 3:  # "NYC", "SF": an abbreviation, not a shouted name
        return city
    return city.title() if city.isupper() or city.islower() else city
