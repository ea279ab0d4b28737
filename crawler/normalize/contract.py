"""Contract types, French and English, into one vocabulary."""

from __future__ import annotations

import re

from jobfit.db.fold import fold
from jobfit.db.vocabulary import CONTRACTS

# First match wins: the more specific phrases come first.
_RULES: list[tuple[str, str]] = [
    (r"\b(alternance|apprenti(ssage)?|apprentice(ship)?|contrat de professionnalisation|work[- ]study)\b",
     "apprenticeship"),
    (r"\b(stage|stagiaire|intern(ship)?|trainee|praktikum|v\.?i\.?e)\b", "internship"),
    (r"\b(freelance|free-lance|independant|contract(or)?|portage|tjm|b2b)\b", "freelance"),
    (r"\b(interim|interimaire|temporary|temp|mission d.interim|seasonal|saisonnier)\b", "temporary"),
    (r"\b(cdd|fixed[- ]term|duree determinee)\b", "fixed_term"),
    (r"\b(part[- ]?time|temps partiel|mi-temps)\b", "part_time"),
    (r"\b(cdi|full[- ]?time|permanent|duree indeterminee|temps plein|fulltime|regular)\b", "full_time"),
]
_COMPILED = [(re.compile(pattern), value) for pattern, value in _RULES]


def normalize_contract(value: str | None) -> str | None:
    """jobfit's contract type for a label such as "CDI", "Stage 6 mois" or "FULL_TIME"; None when unknown."""
    if not value:
        return None
    text = fold(str(value), compat=True).replace("_", " ")
    if text.strip() in CONTRACTS:
        return text.strip()
    for pattern, contract in _COMPILED:
        if pattern.search(text):
            return contract
    return None
