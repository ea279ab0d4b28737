"""Job-title compounds: a skill that only qualifies a role ("Java Developer", "DevOps engineers", "ingénieur DevOps").

In a description such a mention names a job or colleagues ("collaborate with our DevOps engineers", "join our
Backend Engineering team"), not a skill asked of the candidate; the posting title, extracted on its own, keeps it.
"""

from __future__ import annotations

import re

ROLE_NOUNS_EN = (r"developers?|engineers?|engineering (?:team|group|department)|devs\b|architects?|specialists?|"
                 r"administrators?|consultants?|programmers?|testers?|analysts?|team\b|teams\b|guild|squad")
ROLE_NOUNS_FR = (r"developpeu(?:r|se|rs|ses)(?:\s?\((?:se|euse)\))?|ingenieu(?:r|re|rs|res)(?:\s?\(e\))?|"
                 r"architectes?|consultant(?:e|s|es)?(?:\s?\(e\))?|administrat(?:eur|rice|eurs)|equipes?|"
                 r"experts?|lead|tech lead")
# After the skill (folded text): optionally one more skill-like word joined by / & and or, then a role noun.
ROLE_AFTER = re.compile(r"^(?:\s*(?:/|&|,|and|et|or|ou)\s*[\w.#+]+)?\s+(?:senior\s+|junior\s+)?(?:" +
                        ROLE_NOUNS_EN + r")\b")
# Before the skill (folded French text): "développeur Java", "ingénieur(e) DevOps", "équipe Data".
ROLE_BEFORE = re.compile(r"\b(?:" + ROLE_NOUNS_FR + r")(?:\s+(?:senior|junior|confirme\(?e?\)?))?\s+$")


def is_title_like(text: str) -> bool:
    """A one-line text of at most 150 characters: a job title, where a role compound is the job itself."""
    return "\n" not in text.strip() and len(text) <= 150


def qualifies_role(folded: str, start: int, end: int) -> bool:
    """Whether the skill at folded[start:end] only qualifies a role noun next to it."""
    return bool(ROLE_AFTER.match(folded[end:end + 60]) or ROLE_BEFORE.search(folded[max(0, start - 40):start]))
