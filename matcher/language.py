"""Tell French from English by counting their commonest function words."""

from __future__ import annotations

import re

FRENCH = frozenset(
    "le la les des du un une et est en dans pour avec sur vous nous au aux ce cette vos nos notre votre qui que "
    "sont être par plus ou pas son ses leur".split()
)
ENGLISH = frozenset(
    "the and of to in for with on you we our your is are be as at this that will an or from by have has who "
    "what their it".split()
)
WORD = re.compile(r"[a-zà-ÿ]+")


def detect_language(text: str, default: str = "en") -> str:
    """"fr" or "en": the language whose function words are more frequent in `text` (first 3 000 chars)."""
    fr = en = 0
    for word in WORD.findall(text[:3000].lower()):
        if word in FRENCH:
            fr += 1
        elif word in ENGLISH:
            en += 1
    if fr == en:
        return default
    return "fr" if fr > en else "en"
