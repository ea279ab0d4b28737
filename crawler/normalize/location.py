"""Locations ("75009 Paris", "PARIS 01", "Lyon (69)", "Paris, France") into city, postal code and country.

Country names are read worldwide, in English and French (pycountry's ISO 3166 names and their translations).
"""

from __future__ import annotations

import gettext
import re
from functools import cache

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
# Workday-style location codes: "USA.VA.Reston", "IND.KA.Bangalore", "FRA.Paris" (country alpha-3, region, city).
_LOCATION_CODE = re.compile(r"^([A-Z]{3})(?:\.([A-Z0-9]{1,3}))?\.([^.]+)$")
_POSTAL = re.compile(r"\b(\d{5})\b")
_DEPARTMENT = re.compile(r"\s*[\(\[]\s*(\d{2,3}|2[AB])\s*[\)\]]\s*$")
_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille)\s+(\d{1,2})(e|er|eme)?$", re.IGNORECASE)
_REMOTE = re.compile(r"\b(remote|t[ée]l[ée]travail|anywhere|partout)\b", re.IGNORECASE)


@cache
def world_countries() -> dict[str, str]:
    """Every country's names (English common, official and short names, French names) and alpha-3, folded."""
    import pycountry

    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None),
                     french.gettext(country.name), country.alpha_3):
            if name:
                names.setdefault(fold(name, compat=True), country.alpha_2)
                # "Korea, Republic of" is also written "Republic of Korea"; "Iran, Islamic Republic of" as "Iran"
                if ", " in name:
                    head, tail = name.split(", ", 1)
                    names.setdefault(fold(f"{tail} {head}", compat=True), country.alpha_2)
                    names.setdefault(fold(head, compat=True), country.alpha_2)
    return names


def country_of(name: str | None) -> str | None:
    """ISO alpha-2 code of a country name or alpha-3 code, any country; None when it names none.

    Two-letter codes only from jobfit's own table: "Boston, MA" is not Morocco.
    """
    if not name:
        return None
    key = fold(str(name).strip(), compat=True)
    return COUNTRIES.get(key) or (world_countries().get(key) if len(key) > 2 else None)


def country_code(value: str | None) -> str | None:
    """ISO alpha-2 code for a country name or code; the value itself when unknown."""
    if not value:
        return None
    value = str(value).strip()
    return country_of(value) or (value.upper() if len(value) == 2 else value if len(value) > 1 else None)


def location_code(text: str | None) -> dict:
    """city and country of a location code like "USA.VA.Reston"; {} when the text is not one."""
    if not text or not (m := _LOCATION_CODE.match(str(text).strip())):
        return {}
    country = world_countries().get(fold(m.group(1), compat=True))
    if not country:
        return {}
    return {"city": clean_city(m.group(3).replace("-", " ") if " " not in m.group(3) else m.group(3)),
            "country": country}


def parse_location(text: str | None) -> dict:
    """city, postal_code and country found in a display location; only the keys it could read."""
    if not text:
        return {}
    first = re.split(r"\s*[|;/]\s*|\s+-\s+", str(text).strip())[0]
    if coded := location_code(first):
        return coded
    fields: dict = {}
    if m := _POSTAL.search(first):
        fields["postal_code"] = m.group(1)
        first = re.sub(r"\(\s*\)|\[\s*\]", "", first[:m.start()] + first[m.end():]).strip(" ,")
        fields["country"] = "FR"  # five-digit codes in jobfit's sources are French
    if m := _DEPARTMENT.search(first):  # "Lyon (69)": a department number, not a postal code
        first = first[:m.start()]
    parts = [p.strip() for p in first.split(",") if p.strip()]
    if len(parts) >= 2 and (code := country_of(parts[-1])):
        fields["country"] = code
        parts = parts[:-1]
    city = parts[0] if parts else None
    if city and _REMOTE.search(city):
        city = None
    if city:
        fields["city"] = clean_city(city)
    if "country" not in fields and city and len(parts) == 1 and len(city) > 3 and (code := country_of(city)):
        fields["country"] = code
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
