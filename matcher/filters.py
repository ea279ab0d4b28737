"""A profile's [filters] as score penalties: each mismatch multiplies the score by a factor and says why."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import lru_cache

from jobfit.db.fold import fold
from jobfit.db.vocabulary import PER_YEAR, SENIORITIES, seniority_of

# Score factor for each kind of mismatch: a wrong contract matters more than an unlisted city.
FACTORS = {"contracts": 0.7, "languages": 0.7, "seniority": 0.75, "remote": 0.85, "locations": 0.9,
           "min_salary": 0.85, "max_age_days": 0.9, "exclude_titles": 0.3, "spoken_languages": 0.7}
STALE_TWICE = 0.75  # older than twice max_age_days
SPOKEN_BELOW = 0.85  # a spoken language the profile speaks, but below the level the posting asks

# The languages a person speaks (`spoken_languages`), by the id the extraction stores (matcher/spoken.py), with
# the codes and English and French names a profile may write them by. `languages` is another filter: the
# language a posting is written in ("fr", "en").
SPOKEN = {
    "english": ("en", "english", "anglais"), "french": ("fr", "french", "francais"),
    "german": ("de", "german", "allemand"), "spanish": ("es", "spanish", "espagnol"),
    "italian": ("it", "italian", "italien"), "portuguese": ("pt", "portuguese", "portugais"),
    "dutch": ("nl", "dutch", "neerlandais"), "arabic": ("ar", "arabic", "arabe"),
    "chinese": ("zh", "chinese", "chinois", "mandarin"), "japanese": ("ja", "japanese", "japonais"),
}
SPOKEN_NAMES = {name: language for language, names in SPOKEN.items() for name in names}
# Levels, lowest first, on the CEFR scale: the level words the extraction reads (matcher/spoken.py) sit beside it.
LEVEL_RANKS = {"a1": 1, "a2": 2, "b1": 3, "technical": 3, "b2": 4, "professional": 4, "c1": 5, "fluent": 5,
               "c2": 6, "bilingual": 6, "native": 6}


class SpokenError(ValueError):
    """A spoken_languages entry that names no known language or level; the message says which."""


@lru_cache(maxsize=256)
def spoken_entry(entry: str) -> tuple[str, str | None]:
    """(language id, level or None) of a profile's spoken_languages entry: "fr", "English", "en:B2", "anglais:C1"."""
    name, _, level = fold(entry).partition(":")
    name, level = name.strip(), level.strip()
    if name not in SPOKEN_NAMES:
        raise SpokenError(f"unknown spoken language {name!r} (one of {', '.join(s[0] for s in SPOKEN.values())}, "
                          "or their English or French names)")
    if level and level not in LEVEL_RANKS:
        raise SpokenError(f"unknown level {level!r} of {entry!r} (one of {', '.join(LEVEL_RANKS)})")
    return SPOKEN_NAMES[name], level or None


def _asked(language: str, level: str | None) -> str:
    """ "English", "fluent English", "English C1": a language as a posting asks it."""
    name = str(language).capitalize()
    if not level:
        return name
    return f"{name} {level.upper()}" if level in LEVEL_RANKS and len(level) == 2 else f"{level} {name}"


def _spoken(entries: list[str]) -> dict[str, str | None]:
    """language id → the highest level the profile gives it (None: no level given, any level)."""
    out: dict[str, str | None] = {}
    for entry in entries:
        language, level = spoken_entry(entry)
        if language not in out or (out[language] and (not level or LEVEL_RANKS[level] > LEVEL_RANKS[out[language]])):
            out[language] = level
    return out


def spoken_mismatch(spoken: list[str], asked) -> tuple[str, float] | None:
    """(reason, factor) when a posting asks (`asked`: [{language, level}], or its JSON) a spoken language the
    profile does not list, or at a level above the one it gives; None when it asks none the profile lacks."""
    if isinstance(asked, str):
        asked = json.loads(asked or "[]")
    speaks = _spoken(spoken)
    lacks, below = [], []
    for item in asked or []:
        language, level = item.get("language"), item.get("level")
        if language not in speaks:
            lacks.append(_asked(language, level))
        elif speaks[language] and LEVEL_RANKS.get(level, 0) > LEVEL_RANKS[speaks[language]]:
            mine = speaks[language]
            below.append(f"{_asked(language, level)}, above your {mine.upper() if len(mine) == 2 else mine}")
    if lacks:
        return (f"asks {', '.join(lacks)}, not among the languages you speak ({', '.join(spoken)})"
                + (f"; {'; '.join(below)}" if below else ""), FACTORS["spoken_languages"])
    if below:
        return f"asks {'; '.join(below)}", SPOKEN_BELOW
    return None


def seniority(posting: dict) -> str | None:
    """The posting's level: its `seniority` field when the crawler set one, else read from the title and contract."""
    if posting.get("seniority") in SENIORITIES:
        return posting["seniority"]
    if posting.get("contract") in ("internship", "apprenticeship"):
        return "intern"
    return seniority_of(posting.get("title"))


def annual_salary_max(posting: dict) -> float | None:
    """The top of the posting's salary range per year, when it is known."""
    if posting.get("salary_annual_max") is not None:
        return float(posting["salary_annual_max"])
    top = posting.get("salary_max") or posting.get("salary_min")
    per_year = PER_YEAR.get(posting.get("salary_period") or "year")
    return float(top) * per_year if top and per_year else None


def age_days(posted_at: str | None, today: date) -> int | None:
    """Days since the posting was published, when the date parses."""
    if not posted_at:
        return None
    try:
        return (today - datetime.fromisoformat(posted_at[:10]).date()).days
    except ValueError:
        return None


def penalties(filters: dict, posting: dict, today: date | None = None) -> list[dict]:
    """The filter mismatches of a posting: [{filter, reason, factor}]; an unknown posting field is no mismatch."""
    today = today or date.today()
    out = []

    def miss(name, reason, factor=None):
        out.append({"filter": name, "reason": reason, "factor": factor or FACTORS[name]})

    remote = posting.get("remote")
    if filters.get("remote") and remote and remote not in filters["remote"]:
        miss("remote", f"remote policy {remote}, not one of {', '.join(filters['remote'])}")
    place = " ".join(str(posting.get(k) or "") for k in ("location", "city", "country")).strip()
    if filters.get("locations") and place:
        wanted = [fold(x) for x in filters["locations"]]
        remote_ok = "remote" in wanted and remote == "remote"
        folded = fold(place)
        in_france = posting.get("country") == "FR" or re.search(r",\s*fr$", folded)
        if not remote_ok and not any(w in folded or (w == "france" and in_france) for w in wanted):
            miss("locations", f"location {place}, not in {', '.join(filters['locations'])}")
    contract = posting.get("contract")
    if filters.get("contracts") and contract and contract not in filters["contracts"]:
        miss("contracts", f"contract {contract}, not one of {', '.join(filters['contracts'])}")
    salary = annual_salary_max(posting)
    if filters.get("min_salary") and salary is not None and salary < filters["min_salary"]:
        miss("min_salary", f"salary up to {salary:,.0f} a year, below {filters['min_salary']:,}")
    level = seniority(posting)
    if filters.get("seniority") and level and level not in filters["seniority"]:
        miss("seniority", f"level {level}, not one of {', '.join(filters['seniority'])}")
    language = posting.get("language")
    if filters.get("languages") and language and language not in filters["languages"]:
        miss("languages", f"written in {language}, not one of {', '.join(filters['languages'])}")
    spoken = filters.get("spoken_languages")
    mismatch = spoken_mismatch(spoken, posting.get("spoken_languages")) if spoken else None
    if mismatch:
        miss("spoken_languages", *mismatch)
    title = fold(posting.get("title") or "")
    excluded = [w for w in filters.get("exclude_titles", []) if re.search(rf"(?<![a-z]){re.escape(fold(w))}(?![a-z])",
                                                                           title)]
    if excluded:
        # A recruiter or sales job lists the technologies it deals in: its skills are not asked of the reader.
        miss("exclude_titles", f"title names {excluded[0]!r}, a role the profile excludes")
    age = age_days(posting.get("posted_at"), today)
    limit = filters.get("max_age_days")
    if limit and age is not None and age > limit:
        factor = STALE_TWICE if age > 2 * limit else FACTORS["max_age_days"]
        miss("max_age_days", f"posted {age} days ago, more than {limit}", factor)
    return out
