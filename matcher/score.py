"""Score a posting against a profile from 0 to 100, and explain the score."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from jobfit.db.fold import fold
from jobfit.matcher.filters import penalties
from jobfit.matcher.profile import Profile
from jobfit.matcher.sections import NOT_ASKED
from jobfit.matcher.skills import SkillTable

_WORD = re.compile(r"[a-z0-9+#]+")

# How strongly a mention asks for a skill, by the section it sits in: required > responsibilities > mentioned
# elsewhere > nice to have. The title names the job itself, so it counts as much as a requirement.
SECTION_WEIGHT = {"title": 1.0, "required": 1.0, "responsibilities": 0.9, "other": 0.8, "nice_to_have": 0.6}
DEFAULT_SECTION_WEIGHT = 0.8
FAMILY_CREDIT = 0.4  # a sibling skill (TensorFlow asked, PyTorch known) earns this share
# Shares of the base score: profile coverage (square root), posting coverage, title fit.
WEIGHTS = {"profile_coverage": 0.45, "posting_coverage": 0.4, "title_fit": 0.15}
ROLE_OVERLAP_CREDIT = 0.5  # a title sharing part of a role's words ("Data Analyst" for "data engineer")
TITLE_ONLY = 0.75  # the most a posting known only by its title can score, before filters


def section_weight(hit: dict) -> float:
    return SECTION_WEIGHT.get(hit["section"], DEFAULT_SECTION_WEIGHT)


def asked_skills(hits: Iterable[dict]) -> dict[str, dict]:
    """The strongest mention of each skill the posting asks for (negated and benefit/company mentions left out)."""
    best: dict[str, dict] = {}
    for hit in hits:
        if hit.get("negated") or hit["section"] in NOT_ASKED:
            continue
        current = best.get(hit["skill_id"])
        if current is None or section_weight(hit) > section_weight(current):
            best[hit["skill_id"]] = hit
    return best


def _name(table: SkillTable, skill_id: str) -> str:
    return table[skill_id].name if skill_id in table else skill_id


def _label(req, table: SkillTable) -> str:
    return req.label or " | ".join(_name(table, s) for s in req.skills)


def profile_side(profile: Profile, table: SkillTable, asked: dict[str, dict]):
    """How much of the profile the posting uses: (coverage, matched, missing required, missing other)."""
    matched, missing_required, missing_other = [], [], []
    gained = total = 0.0
    # A sibling stands in for one requirement only, and a skill the profile names is matched as itself.
    used = set(profile.skill_ids)
    for req in profile.requirements:
        total += req.weight
        direct = [asked[s] for s in req.skills if s in asked]
        if direct:
            hit = max(direct, key=section_weight)
            credit = section_weight(hit)
        else:
            families = {table.stand_in_family(s) for s in req.skills} - {None}
            related = [h for s, h in asked.items() if s not in used and table.stand_in_family(s) in families]
            hit = max(related, key=section_weight) if related else None
            if hit:
                used.add(hit["skill_id"])
            credit = FAMILY_CREDIT * section_weight(hit) if hit else 0.0
        if hit:
            gained += req.weight * credit
            matched.append({"requirement": _label(req, table), "skill": hit["skill_id"],
                            "name": _name(table, hit["skill_id"]), "section": hit["section"],
                            "evidence": hit.get("sentence") or hit.get("text"),
                            "credit": round(credit, 2), "tier": req.tier, "related": not direct})
        elif req.tier == "required":
            missing_required.append(_label(req, table))
        else:
            missing_other.append(_label(req, table))
    return (gained / total if total else 0.0), matched, missing_required, missing_other


def posting_side(profile: Profile, table: SkillTable, asked: dict[str, dict]):
    """How much of what the posting asks the profile has: (coverage, extra skill names)."""
    known = profile.skill_ids
    families = {table.stand_in_family(s) for s in known} - {None}
    asked_weight = have_weight = 0.0
    extra = []
    for skill_id, hit in asked.items():
        weight = section_weight(hit)
        asked_weight += weight
        if skill_id in known:
            have_weight += weight
            continue
        if table.stand_in_family(skill_id) in families:
            have_weight += weight * FAMILY_CREDIT
        extra.append(_name(table, skill_id))
    return (have_weight / asked_weight if asked_weight else 0.0), sorted(extra)


def title_role(profile: Profile, title: str | None) -> str | None:
    """The first of the profile's job titles that the posting's title names."""
    folded = fold(title or "")
    for role in profile.titles:
        if re.search(rf"(?<![a-z0-9]){re.escape(fold(role))}(?![a-z0-9])", folded):
            return role
    return None


# Words every kind of job title uses: sharing only these with a role says nothing about the field.
GENERIC_TITLE_WORDS = frozenset(
    "engineer ingenieur ingenieure developer developpeur developpeuse consultant consultante analyst analyste "
    "manager specialist specialiste expert experte lead senior junior chef responsable head officer associate "
    "de des du en et la le of the and h f".split()
)


def role_overlap(profile: Profile, title: str | None) -> float:
    """The largest share of one role's words (of two or more) that the title contains, e.g. "data" of "data
    engineer" in "Data Analyst": a near role, worth part of a named one. Generic words ("engineer") alone don't
    count."""
    words = set(_WORD.findall(fold(title or "")))
    best = 0.0
    for role in profile.titles:
        role_words = _WORD.findall(fold(role))
        shared = [w for w in role_words if w in words]
        if len(role_words) > 1 and any(w not in GENERIC_TITLE_WORDS and len(w) > 2 for w in shared):
            best = max(best, len(shared) / len(role_words))
    return best


def title_fit(profile: Profile, table: SkillTable, hits: Iterable[dict], posting_title: str | None = None,
              role: str | None = None) -> float | None:
    """1 when the title names one of the profile's roles; else the better of the share of the skills it names
    that the profile has (family kin count partly) and half its overlap with a role; None when it says nothing
    jobfit knows."""
    if role:
        return 1.0
    near = ROLE_OVERLAP_CREDIT * role_overlap(profile, posting_title)
    in_title = {h["skill_id"] for h in hits if h["section"] == "title" and not h.get("negated")}
    if not in_title:
        return near or None
    # A title skill counts as much as the profile weighs it: a bonus skill (Python for a pentester) in the title
    # of another job says little, the profile's core skill says much.
    weight = {s: r.weight for r in profile.requirements for s in r.skills}
    top = max(weight.values())
    families = {table.stand_in_family(s) for s in profile.skill_ids} - {None}
    have = sum(weight[s] / top if s in weight else FAMILY_CREDIT if table.stand_in_family(s) in families else 0.0
               for s in in_title)
    return max(have / len(in_title), near)


def score_posting(profile: Profile, table: SkillTable, hits: list[dict], posting: dict | None = None,
                  today: date | None = None) -> dict:
    """{score, subscores, explanation} for one posting's skill hits (and its fields, for the profile's filters)."""
    asked = asked_skills(hits)
    profile_coverage, matched, missing_required, missing_other = profile_side(profile, table, asked)
    posting_coverage, extra = posting_side(profile, table, asked)
    role = title_role(profile, (posting or {}).get("title"))
    title = title_fit(profile, table, hits, (posting or {}).get("title"), role)
    if any(h["section"] != "title" for h in asked.values()):
        # A posting rarely uses a whole profile: the square root rewards the first skills most, without a ceiling.
        # Without title evidence the title share goes to posting coverage, so such postings are not held down.
        base = (WEIGHTS["profile_coverage"] * profile_coverage ** 0.5
                + WEIGHTS["posting_coverage"] * posting_coverage
                + WEIGHTS["title_fit"] * (posting_coverage if title is None else title))
    else:
        # Only a title (imported postings often have no description): it says what the job is, not all it asks.
        base = TITLE_ONLY * (title or 0.0)
    mismatches = penalties(profile.filters, posting, today) if posting else []
    factor = 1.0
    for mismatch in mismatches:
        factor *= mismatch["factor"]
    return {
        "score": round(100 * base * factor, 1),
        "subscores": {"profile_coverage": round(profile_coverage, 3), "posting_coverage": round(posting_coverage, 3),
                      "skills_found": len(asked), "title_fit": None if title is None else round(title, 3),
                      "base": round(100 * base, 1), "filter_factor": round(factor, 3)},
        "explanation": {"matched": matched, "missing_required": missing_required, "missing_other": missing_other,
                        "extra": extra, "penalties": mismatches, "title_role": role},
    }
