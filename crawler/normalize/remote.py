"""Remote-work policy from structured values or "télétravail" phrasing."""

from __future__ import annotations

import re

from jobfit.db.fold import fold
from jobfit.db.vocabulary import REMOTE_POLICIES

_RULES: list[tuple[str, str]] = [
    (r"\b(hybrid[e]?|teletravail (partiel|occasionnel|possible|[0-9] ?j)|partial remote|remote[- ]friendly|"
     r"[0-9] (jours?|days?) (de teletravail|remote|from home)|occasionnel|flex(ible)? remote)", "hybrid"),
    (r"\b(on[- ]?site|onsite|in[- ]office|sur site|presentiel|(pas|sans) (de )?teletravail|no remote|"
     r"not remote|telework not)", "onsite"),
    (r"\b(full[- ]?remote|fully remote|100 ?% (remote|teletravail)|teletravail (total|complet|integral)|"
     r"remote[- ]first|telecommute|remote|work from home|wfh)\b", "remote"),
]
_COMPILED = [(re.compile(pattern), value) for pattern, value in _RULES]


def normalize_remote(value) -> str | None:
    """onsite | hybrid | remote for a flag or label (True, "TELECOMMUTE", "Télétravail partiel"…); None when unknown."""
    if value is None or value == "":
        return None
    if value is True:
        return "remote"
    if value is False:
        return "onsite"
    text = fold(str(value), compat=True).replace("_", " ")
    if text in REMOTE_POLICIES:
        return text
    for pattern, policy in _COMPILED:
        if pattern.search(text):
            return policy
    return None


def remote_from_text(text: str | None) -> str | None:
    """The remote policy a description states, if it states one."""
    if not text:
        return None
    folded = fold(text, compat=True)
    for pattern, policy in _COMPILED:
        if pattern.search(folded):
            return policy
    return None
