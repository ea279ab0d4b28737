"""What to learn next: the skills a profile lacks, ranked by what each would add to its best postings' scores
(computed by the real scorer)."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from datetime import date

import sqlite_utils

from jobfit.db.queries import best_postings_with_hits
from jobfit.matcher.profile import TIERS, Profile, Requirement
from jobfit.matcher.score import asked_skills, score_posting
from jobfit.matcher.skills import SkillTable

LEARN_TIER = "bonus"  # a skill just learnt joins the profile at the lowest tier
CANDIDATES = 30  # most-asked missing skills tried


def with_skill(profile: Profile, skill_id: str) -> Profile:
    """The profile as it would be once it knows `skill_id`."""
    extra = Requirement((skill_id,), "", LEARN_TIER, TIERS[LEARN_TIER])
    return dataclasses.replace(profile, requirements=[*profile.requirements, extra])


def learn_next(db: sqlite_utils.Database, profile: Profile, table: SkillTable, top: int = 50,
               today: date | None = None) -> list[dict]:
    """The missing skills asked by the profile's `top` best postings, best first: how many ask each, and how much
    their scores (all `top`, recomputed) would rise if the profile had it."""
    best = best_postings_with_hits(db, profile.id, top)
    if not best:
        return []
    today = today or date.today()
    now = [score_posting(profile, table, hits, posting, today)["score"] for posting, hits in best]
    asking: dict[str, set[int]] = defaultdict(set)
    for n, (_, hits) in enumerate(best):
        for skill_id in asked_skills(hits):
            if skill_id not in profile.skill_ids:
                asking[skill_id].add(n)
    candidates = [s for s, _ in Counter({s: len(ns) for s, ns in asking.items()}).most_common(CANDIDATES)]
    out = []
    for skill_id in candidates:
        richer = with_skill(profile, skill_id)
        rises = [score_posting(richer, table, hits, posting, today)["score"] - before
                 for (posting, hits), before in zip(best, now)]
        on_asking = [rises[n] for n in asking[skill_id]]
        out.append({"skill": skill_id, "name": table[skill_id].name if skill_id in table else skill_id,
                    "postings": len(asking[skill_id]), "share": round(len(asking[skill_id]) / len(best), 3),
                    "mean_rise": round(sum(on_asking) / len(on_asking), 1), "max_rise": round(max(on_asking), 1),
                    "total_rise": round(sum(rises), 1)})
    out.sort(key=lambda x: (-x["total_rise"], -x["postings"], x["skill"]))
    return out
