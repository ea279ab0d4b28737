"""The values jobfit stores in its posting columns, written once: the crawler writes them, profiles filter on
them, the report CLI offers them, SQL compares them. Also the one reader both the crawler and the matcher need:
the seniority a title states."""

from __future__ import annotations

import re

from jobfit.db.fold import fold

CONTRACTS = ("full_time", "part_time", "fixed_term", "internship", "apprenticeship", "freelance", "temporary")
REMOTE_POLICIES = ("onsite", "hybrid", "remote")
SENIORITIES = ("intern", "junior", "mid", "senior", "lead", "principal", "head")
EDUCATION_LEVELS = ("cap_bep", "bac", "bac+2", "bac+3", "bac+4", "bac+5", "phd")
# Salary periods and how many of each make a year: 47 working weeks, 218 billable days (French forfait jours),
# 1 607 hours (35 h a week).
PER_YEAR = {"year": 1, "month": 12, "week": 47, "day": 218, "hour": 1607}
PERIODS = tuple(PER_YEAR)

# Title words that state a level, folded; first match wins, so the more specific come first. A bare "manager",
# "architecte" or "responsable" states no level ("Product Manager", "Responsable RH").
_SENIORITY_RULES = [
    ("intern", r"stage|stagiaire|intern|internship|alternance|alternant(?:e|es|s)?|apprenti(?:e|es|s)?|apprentice"
               r"|work[- ]study|fin d'etudes"),
    ("head", r"head of|directeur|directrice|director|vp|vice president|chief|cto"),
    ("principal", r"principal|staff|distinguished"),
    ("lead", r"lead|engineering manager|team manager|chef d'equipe|responsable d'equipe|manager d'equipe"),
    ("senior", r"senior|sr\.?|confirme(?:e)?|experimente(?:e)?|expert(?:e)?"),
    ("junior", r"junior|jr\.?|debutant(?:e)?|entry[- ]level|graduate|jeune diplome(?:e)?"),
    ("mid", r"mid|mid[- ]level|intermediate|associate"),
]
_SENIORITY = [(level, re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")) for level, words in _SENIORITY_RULES]


def seniority_of(title: str | None) -> str | None:
    """The seniority a title (or a source's level label such as "SENIOR") states, one of SENIORITIES; None when
    silent. Descriptions are not read: "you will lead…" or "work with senior engineers" say nothing of the role."""
    if not title:
        return None
    folded = fold(str(title), compat=True).replace("_", " ").strip()
    if folded in SENIORITIES:
        return folded
    return next((level for level, pattern in _SENIORITY if pattern.search(folded)), None)


def per_year_sql(column: str) -> str:
    """A SQL expression for how many `column` periods make a year (a NULL period counts as a year)."""
    cases = " ".join(f"when '{period}' then {n}" for period, n in PER_YEAR.items() if n != 1)
    return f"(case {column} {cases} else 1 end)"
