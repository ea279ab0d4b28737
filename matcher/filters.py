"""A profile's [filters] as score penalties: each mismatch multiplies the score by a factor and says why."""

from __future__ import annotations

import re
from datetime import date, datetime

from jobfit.db.fold import fold
from jobfit.db.vocabulary import PER_YEAR, SENIORITIES, seniority_of

# Score factor for each kind of mismatch: a wrong contract matters more than an unlisted city.
FACTORS = {"contracts": 0.7, "languages": 0.7, "seniority": 0.75, "remote": 0.85, "locations": 0.9,
           "min_salary": 0.85, "max_age_days": 0.9, "exclude_titles": 0.3}
STALE_TWICE = 0.75  # older than twice max_age_days


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
