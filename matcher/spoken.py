"""Spoken languages a posting asks ("fluent English", "anglais courant", "French C1"): requirements, not skills.

The skill table's `spoken_languages` family finds the mentions; this module takes them out of the skill hits and
reads a level next to each. The posting's own language (`language`, "fr"/"en") is another thing.
"""

from __future__ import annotations

import re

from jobfit.db.fold import fold
from jobfit.matcher.sections import NOT_ASKED

SPOKEN_FAMILY = "spoken_languages"
# Level words (folded text), first match wins; CEFR levels are kept as written (b2, c1).
LEVELS: list[tuple[str, re.Pattern]] = [(level, re.compile(pattern)) for level, pattern in [
    ("native", r"\bnative\b|\bnatif|\bnative speaker|langue maternelle|mother tongue"),
    ("bilingual", r"\bbilingu"),
    ("fluent", r"\bfluen|\bcourant\b|\bcouramment\b|\bexcellent|\bparfait|\bfull professional|\bexpert"),
    ("professional", r"\bprofessional|\bprofessionnel|\bbusiness\b|\bworking proficiency|\bbon niveau|\bstrong\b"),
    ("technical", r"\btechnique\b|\btechnical\b|\bread(?:ing)?\b|\blu\b|\becrit\b"),
]]
CEFR = re.compile(r"\b([abc][12])\b")
WINDOW = 40


def spoken_languages(table, text: str, hits: list) -> tuple[list, list[dict]]:
    """(the hits that are not spoken languages, the languages asked: [{"language", "level"}], in text order).

    A language counts as asked when some mention of it is not negated and sits outside company, benefits and
    nice-to-have sections; its level is the first level word or CEFR level within a few words of a mention.
    """
    skills, found = [], {}
    folded = None
    for hit in hits:
        skill = table[hit.skill_id] if hit.skill_id in table else None
        if skill is None or skill.family != SPOKEN_FAMILY:
            skills.append(hit)
            continue
        if hit.negated or hit.section in NOT_ASKED or hit.section == "nice_to_have":
            continue
        folded = fold(text) if folded is None else folded
        level = level_near(folded, hit.start, hit.end)
        if hit.skill_id not in found or (found[hit.skill_id] is None and level):
            found[hit.skill_id] = level
    return skills, [{"language": language, "level": level} for language, level in found.items()]


def level_near(folded: str, start: int, end: int) -> str | None:
    """A CEFR level, else the level word closest to folded[start:end], within a few words on the same line."""
    line_start = folded.rfind("\n", 0, start) + 1
    line_end = folded.find("\n", end)
    line_end = len(folded) if line_end < 0 else line_end
    lo = max(line_start, start - WINDOW)
    window = folded[lo:min(line_end, end + WINDOW)]
    best = None  # (a CEFR level first, distance to the mention, level)
    for level, pattern in [("cefr", CEFR), *LEVELS]:
        for match in pattern.finditer(window):
            m_start, m_end = lo + match.start(), lo + match.end()
            distance = start - m_end if m_end <= start else max(0, m_start - end)
            name = match.group(1) if level == "cefr" else level
            key = (level != "cefr", distance, name)
            if best is None or key < best:
                best = key
    return best[2] if best else None
