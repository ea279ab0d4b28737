"""The market view for a profile: what its best-fitting postings ask for, where and how they hire, what to learn
next (jobfit/learn.py) and the trend by month."""

from __future__ import annotations

from collections import Counter
from statistics import quantiles

import sqlite_utils

from jobfit.db.queries import best_posting_facts, best_posting_skills, monthly_market
from jobfit.matcher.profile import Profile
from jobfit.matcher.sections import NOT_ASKED
from jobfit.matcher.skills import SkillTable

TOP_SKILLS = 20
TREND_SKILLS = 5  # skills named per month in the trend


def skill_status(skill_id: str, profile: Profile, table: SkillTable) -> str:
    """"have" when the profile names the skill, "related" when it names a sibling (SkillTable.stand_in_family), else
    "lack": "related" is exactly the kinship the score gives partial credit for."""
    if skill_id in profile.skill_ids:
        return "have"
    family = table.stand_in_family(skill_id)
    return "related" if family and family in {table.stand_in_family(s) for s in profile.skill_ids} else "lack"


def salary_spread(values: list[float]) -> dict:
    """Count, min, quartiles and max of yearly salaries."""
    if not values:
        return {"count": 0}
    values = sorted(values)
    q1, median, q3 = quantiles(values, n=4, method="inclusive") if len(values) > 1 else (values[0],) * 3
    return {"count": len(values), "min": values[0], "q1": q1, "median": median, "q3": q3, "max": values[-1]}


def market_stats(db: sqlite_utils.Database, profile: Profile, table: SkillTable, top: int = 50) -> dict:
    """Skills asked by the profile's `top` best-scored postings (with what the profile lacks), their sources,
    contracts, remote policies and yearly salary spread."""
    from jobfit.learn import learn_next

    facts = best_posting_facts(db, profile.id, top)
    skills = []
    for row in best_posting_skills(db, profile.id, top, NOT_ASKED)[:TOP_SKILLS]:
        skill_id = row["skill_id"]
        skills.append({"skill": skill_id, "name": table[skill_id].name if skill_id in table else skill_id,
                       "postings": row["postings"], "share": round(row["postings"] / len(facts), 3),
                       "status": skill_status(skill_id, profile, table)})
    currencies = Counter(f["salary_currency"] for f in facts if f["salary_year"])
    currency = currencies.most_common(1)[0][0] if currencies else None
    salaries = [f["salary_year"] for f in facts if f["salary_year"] and f["salary_currency"] == currency]
    return {
        "profile": profile.id,
        "postings": len(facts),
        "skills": skills,
        "learn_next": [s["name"] for s in skills if s["status"] == "lack"],
        "by_source": dict(Counter(f["source"] or "unknown" for f in facts).most_common()),
        "by_contract": dict(Counter(f["contract"] or "unknown" for f in facts).most_common()),
        "by_remote": dict(Counter(f["remote"] or "unknown" for f in facts).most_common()),
        "salary": {"currency": currency, **salary_spread(salaries)},
        # added with the learning view: the missing skills ranked by what they add, and the trend by month
        "learn": learn_next(db, profile, table, top),
        "trend": monthly_trend(db, profile, table),
    }


def monthly_trend(db: sqlite_utils.Database, profile: Profile, table: SkillTable) -> list[dict]:
    """Per month of the profile's postings: how many, the skills most asked, the yearly salary quartiles; empty when
    the postings span fewer than two months."""
    postings, skills = monthly_market(db, profile.id)
    months = sorted({p["month"] for p in postings if p["month"]})
    if len(months) < 2:
        return []
    currencies = Counter(p["currency"] for p in postings if p["salary_year"])
    currency = currencies.most_common(1)[0][0] if currencies else None
    out = []
    for month in months:
        rows = [p for p in postings if p["month"] == month]
        asked = [s for s in skills if s["month"] == month][:TREND_SKILLS]
        out.append({"month": month, "postings": len(rows),
                    "skills": [{"skill": s["skill_id"],
                                "name": table[s["skill_id"]].name if s["skill_id"] in table else s["skill_id"],
                                "postings": s["postings"]} for s in asked],
                    "salary": {"currency": currency, **salary_spread(
                        [p["salary_year"] for p in rows if p["salary_year"] and p["currency"] == currency])}})
    return out

