"""Score a posting against a profile from 0 to 100, and explain the score."""

from __future__ import annotations

from collections.abc import Iterable

from matcher.profile import Profile
from matcher.sections import NOT_ASKED
from matcher.skills import SkillTable

# How strongly a mention asks for a skill, by the section it sits in.
SECTION_WEIGHT = {"title": 1.0, "required": 1.0, "responsibilities": 0.9, "other": 0.8, "nice_to_have": 0.6}
FAMILY_CREDIT = 0.4  # a sibling skill (TensorFlow asked, PyTorch known) earns this share


def asked_skills(hits: Iterable[dict]) -> dict[str, dict]:
    """The strongest mention of each skill the posting asks for (negated and benefit/company mentions left out)."""
    best: dict[str, dict] = {}
    for hit in hits:
        if hit.get("negated") or hit["section"] in NOT_ASKED:
            continue
        weight = SECTION_WEIGHT.get(hit["section"], 0.8)
        current = best.get(hit["skill_id"])
        if current is None or weight > SECTION_WEIGHT.get(current["section"], 0.8):
            best[hit["skill_id"]] = hit
    return best


def score_posting(profile: Profile, table: SkillTable, hits: list[dict]) -> dict:
    """{score, subscores, explanation} for one posting's skill hits."""
    asked = asked_skills(hits)
    if not asked:
        return {"score": 0.0, "subscores": {"profile_coverage": 0.0, "posting_coverage": 0.0, "skills_found": 0},
                "explanation": {"matched": [], "missing_required": [r.label for r in profile.requirements
                                                                       if r.tier == "required"],
                                "missing_other": [], "extra": []}}
    profile_families = {f: s for s in profile.skill_ids if s in table for f in table.lineage(s)[:1]}
    matched, missing_required, missing_other = [], [], []
    gained = total = 0.0
    for req in profile.requirements:
        total += req.weight
        direct = [asked[s] for s in req.skills if s in asked]
        if direct:
            hit = max(direct, key=lambda h: SECTION_WEIGHT.get(h["section"], 0.8))
            credit = SECTION_WEIGHT.get(hit["section"], 0.8)
        else:
            families = {f for s in req.skills if s in table for f in table.lineage(s)[:1]}
            related = [h for s, h in asked.items() if s in table and table.lineage(s)[:1]
                       and table.lineage(s)[0] in families]
            hit = related[0] if related else None
            credit = FAMILY_CREDIT * SECTION_WEIGHT.get(hit["section"], 0.8) if hit else 0.0
        if hit:
            gained += req.weight * credit
            matched.append({"requirement": req.label, "skill": hit["skill_id"], "name": table[hit["skill_id"]].name
                            if hit["skill_id"] in table else hit["skill_id"], "section": hit["section"],
                            "evidence": hit.get("sentence") or hit.get("text"), "credit": round(credit, 2),
                            "tier": req.tier, "related": not direct})
        elif req.tier == "required":
            missing_required.append(req.label)
        else:
            missing_other.append(req.label)
    profile_coverage = gained / total if total else 0.0

    known = profile.skill_ids
    asked_weight = have_weight = 0.0
    extra = []
    for skill_id, hit in asked.items():
        weight = SECTION_WEIGHT.get(hit["section"], 0.8)
        asked_weight += weight
        if skill_id in known:
            have_weight += weight
            continue
        if skill_id in table and table.lineage(skill_id)[:1] and table.lineage(skill_id)[0] in profile_families:
            have_weight += weight * FAMILY_CREDIT
        extra.append(table[skill_id].name if skill_id in table else skill_id)
    posting_coverage = have_weight / asked_weight if asked_weight else 0.0

    # A posting rarely uses a whole profile: the square root rewards the first skills most, without a ceiling.
    score = 100 * (0.5 * profile_coverage ** 0.5 + 0.5 * posting_coverage)
    return {
        "score": round(score, 1),
        "subscores": {"profile_coverage": round(profile_coverage, 3), "posting_coverage": round(posting_coverage, 3),
                      "skills_found": len(asked)},
        "explanation": {"matched": matched, "missing_required": missing_required, "missing_other": missing_other,
                        "extra": sorted(extra)},
    }
