"""What a posting asks of a candidate: years of experience and education level (French and English); the seniority
a title states is jobfit.db.vocabulary.seniority_of."""

from __future__ import annotations

import re

from jobfit.db.fold import fold
from jobfit.db.vocabulary import EDUCATION_LEVELS

_EXPERIENCE = [
    re.compile(r"(?:minimum|au moins|at least|min\.?)\s*(\d{1,2})\s*(?:ans?|years?|yrs?)"),
    re.compile(r"(\d{1,2})\s*(?:\+|plus)?\s*(?:a|-|to|à)?\s*(?:\d{1,2})?\s*\+?\s*(?:ans?|annees?|years?|yrs?)\s*"
               r"(?:d'|de |of )?\s*(?:experience|exp\b|minimum|professional|in |dans |sur |hands)"),
    re.compile(r"experience\s*(?:exigee|souhaitee|requise|minimum)?\s*(?:de|of|:)?\s*(\d{1,2})\s*\+?\s*(?:ans?|years?)"),
    re.compile(r"^(\d{1,2})\s*(?:ans?|years?)\b"),
]
_NO_EXPERIENCE = re.compile(r"aucune experience|no experience|sans experience|debutant accepte|tous niveaux")
_EDUCATION_RULES = [
    (r"\b(doctorat|phd|ph\.d|doctorate|doctoral)\b", "phd"),
    (r"\b(bac ?\+ ?5|master|msc|m\.sc|ingenieur|engineering degree|grande ecole|dea|dess|b5)\b", "bac+5"),
    (r"\b(bac ?\+ ?4|maitrise|m1)\b", "bac+4"),
    (r"\b(bac ?\+ ?3|licence|bachelor'?s?|bsc|b\.sc)\b", "bac+3"),
    (r"\b(bac ?\+ ?2|bts|dut|deug)\b", "bac+2"),
    (r"\b(bac(?!\s*\+)|baccalaureat|high school)\b", "bac"),
    (r"\b(cap|bep|bep_cap)\b", "cap_bep"),
]


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
    if _NO_EXPERIENCE.search(folded):
        return 0
    found = [int(m.group(1)) for pattern in _EXPERIENCE for m in pattern.finditer(folded)]
    found = [n for n in found if n <= 30]
    return min(found) if found else None


def education(text: str | None) -> str | None:
    """The lowest education level named (Bac+5, master, doctorat/PhD, BTS…), as the one required; None if none."""
    if not text:
        return None
    folded = fold(str(text), compat=True).replace("_", " ").replace("/", " ")
    levels = [level for pattern, level in _EDUCATION_RULES if re.search(pattern, folded)]
    return min(levels, key=EDUCATION_LEVELS.index) if levels else None
