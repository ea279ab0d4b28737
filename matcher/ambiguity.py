"""Rules for surface forms that are also ordinary words: "R", "Go", "Spark", "Excel"…"""

from __future__ import annotations

from matcher.skills import Skill


def accept_hit(skill: Skill, text: str, start: int, end: int) -> bool:
    """Whether a match of `skill` at text[start:end] really names the skill.

    An ambiguous skill's case-sensitive forms must appear exactly as written ("R", not "r").
    """
    if not skill.ambiguous and not skill.exact:
        return True
    surface = text[start:end]
    if surface in skill.exact:
        return True
    # Other (case-insensitive) aliases of an ambiguous skill are unambiguous by construction ("golang").
    folded_exact = {e.lower() for e in skill.exact}
    return surface.lower() not in folded_exact
