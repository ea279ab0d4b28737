"""The years of experience a posting asks, French and English; seniority and education levels are read by
jobfit.db.vocabulary."""

from __future__ import annotations

import re

from jobfit.db.fold import fold
from jobfit.db.vocabulary import Anchored

# Read with Anchored where each match must start with a known word or a digit: long descriptions are read as
# quickly as short labels, with the same matches.
_DIGITS = [(re.compile(r"\d"), 0)]
_EXPERIENCE = [
    Anchored(r"(?:minimum|au moins|at least|min\.?)\s*(\d{1,2})\s*(?:ans?|years?|yrs?)",
             [("min", 0), ("au moins", 0), ("at least", 0)]),
    Anchored(r"(\d{1,2})\s*(?:\+|plus)?\s*(?:a|-|to|à)?\s*(?:\d{1,2})?\s*\+?\s*(?:ans?|annees?|years?|yrs?)\s*"
               r"(?:d'|de |of )?\s*(?:experience|exp\b|minimum|professional|in |dans |sur |hands)", _DIGITS),
    re.compile(r"experience\s*(?:exigee|souhaitee|requise|minimum)?\s*(?:de|of|:)?\s*(\d{1,2})\s*\+?\s*(?:ans?|years?)"),
    re.compile(r"^(\d{1,2})\s*(?:ans?|years?)\b"),
]
_NO_EXPERIENCE = ("aucune experience", "no experience", "sans experience", "debutant accepte", "tous niveaux")


def seniority_from_years(years: int | None) -> str | None:
    """The seniority implied by the years of experience asked: 0-1 junior, 2-4 mid, 5 and more senior."""
    if years is None:
        return None
    return "junior" if years <= 1 else "mid" if years <= 4 else "senior"


def experience_years(text: str | None) -> int | None:
    """The minimum years of experience asked ("3+ years", "Minimum 2 ans", HelloWork "1_7"); 0 for none needed."""
    if not text:
        return None
    folded = fold(str(text), compat=True)
    if m := re.fullmatch(r"(sup|inf)?_?(\d{1,2})(?:_(\d{1,2}))?", folded.strip()):
        return int(m.group(2)) if m.group(1) != "inf" else 0
    if any(phrase in folded for phrase in _NO_EXPERIENCE):
        return 0
    found = [int(m.group(1)) for pattern in _EXPERIENCE for m in pattern.finditer(folded)]
    found = [n for n in found if n <= 30]
    return min(found) if found else None
