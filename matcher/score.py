"""Score a posting against a profile from 0 to 100, and explain the score."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files

from jobfit.db.fold import fold
from jobfit.db.vocabulary import seniority_of
from jobfit.matcher.filters import penalties
from jobfit.matcher.profile import Profile
from jobfit.matcher.roles import TECHNICAL, family_match, role_relation, title_families
from jobfit.matcher.sections import NOT_ASKED
from jobfit.matcher.skills import SkillTable

_WORD = re.compile(r"[a-z0-9+#]+")

# The few numbers of the score live in matcher/data/score_weights.json, fitted on the real graded postings by
# benchmarks/fit_weights.py (cross-validated; the file keeps the fit's figures). Shares and weights below are read
# from there; the code only says how they combine.
WEIGHTS_FILE = "score_weights.json"
TITLE_ONLY_MAX_CHARS = 40  # a description this short beyond the title says nothing more than the title
TITLE_ONLY_LABEL = "title only"


@dataclass(frozen=True)
class Weights:
    """The fitted numbers of the score (see matcher/data/score_weights.json for what each means)."""

    section: dict  # section label → how strongly a mention there asks for the skill
    other_section: float  # a section not listed in `section`
    family_credit: float  # a sibling skill (TensorFlow asked, PyTorch known) earns this share
    shared: float  # a mention in text the company repeats in its other postings counts this much
    foreign_asks: float  # a mention outside the requirements, in a posting of another job family
    saturation: float  # profile coverage is full once this share of the profile's weight is asked
    profile_share: float  # skill fit = profile_share × profile coverage + the rest × posting coverage
    title_share: float  # fit = title_share × role credit + the rest × skill fit (when the title names a family)
    role_credit: dict  # relation of the title's job to the profile → its credit (own 1, near, field…)
    role_factor: dict  # relation → factor on the whole fit (a sales job's AI words are not asks)
    intern_factor: float  # an internship or apprenticeship doing the job is close to the job, not the job
    manager_factor: float  # so is managing it (director, head of, manager of the job's team)
    evidence_title_only: float  # a title-only posting's evidence, as a share (< 1) of evidence_min × title_floor
    evidence_min: float  # evidence of a described posting with no asked skill read
    evidence_full: float  # asked skills read for full evidence
    calibration: tuple  # (fit, score) knots: fit values of the typical posting of each grade → 10/40/60/80
    title_trust: float  # skill fit at which a described posting's asks fully bear out what its title names
    title_floor: float  # share of the title's credit kept by a described posting none of whose asks fit
    # added with scoring version 5: a posting that asks few skills says little about how many of its asks the
    # profile has; its posting coverage counts posting_prior_asks more asks known at the posting_prior share.
    posting_prior: float = 0.25
    posting_prior_asks: float = 0.0
    figures: dict = field(default_factory=dict, compare=False)


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The shipped weights (matcher/data/score_weights.json)."""
    data = json.loads(files("jobfit.matcher").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8"))
    return weights_from(data)


def weights_from(data: dict) -> Weights:
    """Weights from the JSON layout of score_weights.json (its "weights" object, or the object itself)."""
    w = dict(data.get("weights", data))
    w["calibration"] = tuple(tuple(k) for k in w["calibration"])
    return Weights(**{k: v for k, v in w.items() if k in Weights.__dataclass_fields__}, figures=data.get("fit", {}))


def section_weight(hit: dict, weights: Weights | None = None) -> float:
    weights = weights or default_weights()
    return weights.section.get(hit["section"], weights.other_section)


def ask_weight(hit: dict, weights: Weights, foreign: bool) -> float:
    """How strongly one mention asks for its skill: its section, text the company repeats everywhere counts less
    (the extractor already files such text outside this posting's requirement sections as "company"; under its
    requirement headings it is this job's ask), and outside the requirements of a posting of another job family
    ("work with our ML team") less again."""
    weight = section_weight(hit, weights)
    if hit.get("shared", 0) and hit["section"] not in ("required", "nice_to_have", "title"):
        weight *= weights.shared
    if foreign and hit["section"] not in ("required", "nice_to_have", "title"):
        weight *= weights.foreign_asks
    return weight


def asked_skills(hits: Iterable[dict], weights: Weights | None = None, foreign: bool = False) -> dict[str, dict]:
    """The strongest mention of each skill the posting asks for (negated and benefit/company mentions left out),
    each with its `weight` (see ask_weight)."""
    weights = weights or default_weights()
    best: dict[str, dict] = {}
    for hit in hits:
        if hit.get("negated") or hit["section"] in NOT_ASKED:
            continue
        weight = ask_weight(hit, weights, foreign)
        current = best.get(hit["skill_id"])
        if current is None or weight > current["weight"]:
            best[hit["skill_id"]] = {**hit, "weight": weight}
    return best


def _name(table: SkillTable, skill_id: str) -> str:
    return table[skill_id].name if skill_id in table else skill_id


def _label(req, table: SkillTable) -> str:
    return req.label or " | ".join(_name(table, s) for s in req.skills)


_KIN: dict[tuple[str, str], str | None] = {}


def kin(table: SkillTable, skill_id: str) -> str | None:
    """table.stand_in_family(skill_id), remembered: scoring asks it for every skill of every posting."""
    key = (table.version, skill_id)
    if key not in _KIN:
        _KIN[key] = table.stand_in_family(skill_id)
    return _KIN[key]


def _weight(hit: dict) -> float:
    return hit["weight"]


def profile_side(profile: Profile, table: SkillTable, asked: dict[str, dict], weights: Weights | None = None,
                 explain: bool = True):
    """How much of the profile the posting uses: (coverage, matched, missing required, missing other); the three
    lists stay empty unless `explain`."""
    weights = weights or default_weights()
    matched, missing_required, missing_other = [], [], []
    gained = total = 0.0
    # A sibling stands in for one requirement only, and a skill the profile names is matched as itself.
    used = set(profile.skill_ids)
    by_family: dict[str, list[tuple[str, dict]]] = {}
    for skill_id, hit in asked.items():
        if skill_id not in used and (family := kin(table, skill_id)):
            by_family.setdefault(family, []).append((skill_id, hit))
    for req in profile.requirements:
        total += req.weight
        direct = [asked[s] for s in req.skills if s in asked]
        if direct:
            hit = max(direct, key=_weight)
            credit = hit["weight"]
        else:
            families = {kin(table, s) for s in req.skills} - {None}
            related = [h for f in families for s, h in by_family.get(f, ()) if s not in used]
            hit = max(related, key=_weight) if related else None
            if hit:
                used.add(hit["skill_id"])
            credit = weights.family_credit * hit["weight"] if hit else 0.0
        if not explain:
            gained += req.weight * credit
        elif hit:
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


def posting_side(profile: Profile, table: SkillTable, asked: dict[str, dict], weights: Weights | None = None):
    """How much of what the posting asks the profile has: (coverage, extra skill names); a few asks are drawn
    toward the typical share (see Weights.posting_prior)."""
    weights = weights or default_weights()
    known = profile.skill_ids
    families = {kin(table, s) for s in known} - {None}
    asked_weight = have_weight = 0.0
    extra = []
    for skill_id, hit in asked.items():
        weight = hit["weight"]
        asked_weight += weight
        if skill_id in known:
            have_weight += weight
            continue
        if kin(table, skill_id) in families:
            have_weight += weight * weights.family_credit
        extra.append(_name(table, skill_id))
    if not asked_weight:
        return 0.0, sorted(extra)
    k = weights.posting_prior_asks
    return (have_weight + k * weights.posting_prior) / (asked_weight + k), sorted(extra)


@lru_cache(maxsize=64)
def _role_patterns(titles: tuple[str, ...]) -> list[tuple[str, re.Pattern]]:
    return [(role, re.compile(rf"(?<![a-z0-9]){re.escape(fold(role))}(?![a-z0-9])")) for role in titles]


def title_role(profile: Profile, title: str | None) -> str | None:
    """The first of the profile's job titles that the posting's title names."""
    folded = fold(title or "")
    for role, pattern in _role_patterns(tuple(profile.titles)):
        if pattern.search(folded):
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
    return _role_overlap(tuple(profile.titles), title or "")


@lru_cache(maxsize=4096)
def _role_overlap(titles: tuple[str, ...], title: str) -> float:
    words = set(_WORD.findall(fold(title)))
    best = 0.0
    for role in titles:
        role_words = _WORD.findall(fold(role))
        shared = [w for w in role_words if w in words]
        if len(role_words) > 1 and any(w not in GENERIC_TITLE_WORDS and len(w) > 2 for w in shared):
            best = max(best, len(shared) / len(role_words))
    return best


def title_fit(profile: Profile, table: SkillTable, hits: Iterable[dict], posting_title: str | None = None,
              role: str | None = None, weights: Weights | None = None) -> float | None:
    """1 when the title names one of the profile's roles; else the better of the share of the skills it names
    that the profile has (family kin count partly) and half its overlap with a role; None when it says nothing
    jobfit knows."""
    weights = weights or default_weights()
    if role:
        return 1.0
    near = weights.role_credit["overlap"] * role_overlap(profile, posting_title)
    in_title = {h["skill_id"] for h in hits if h["section"] == "title" and not h.get("negated")}
    if not in_title:
        return near or None
    # A title skill counts as much as the profile weighs it: a bonus skill (Python for a pentester) in the title
    # of another job says little, the profile's core skill says much.
    weight = {s: r.weight for r in profile.requirements for s in r.skills}
    top = max(weight.values())
    families = {kin(table, s) for s in profile.skill_ids} - {None}
    have = sum(weight[s] / top if s in weight else weights.family_credit if kin(table, s) in families
               else 0.0 for s in in_title)
    return max(have / len(in_title), near)


@lru_cache(maxsize=64)
def own_families(titles: tuple[str, ...]) -> frozenset[str]:
    """The families of work a profile's own job titles name ("machine learning", "data scientist" → ml): the
    first (most specific) of each, so "analytics engineer" makes data engineering the profile's own job, not
    analysis."""
    return frozenset(found[0] for t in titles if (found := title_families(fold(t))))


MANAGER = re.compile(r"(?<![a-z])manager(?![a-z])")
# Nouns that make a profile title a job ("data engineer", "research scientist"), not a field ("llm", "nlp").
JOB_NOUNS = re.compile(r"(?<![a-z])(?:engineer|ingenieu\w*|scientist|expert\w*|architect\w*|developer|"
                       r"developpeu\w*|analyst\w*|researcher|tester|hacker|auditeur)(?![a-z])")


# Jobs no family names by a job noun ("chargé de projets statistiques", "chargée d'études"): beside the
# profile's job in a title, a second job.
PROJECT_JOBS = re.compile(r"(?<![a-z])(?:chef|chargee?) (?:de (?:projets?|produit|mission)|d'etudes?)(?![a-z])")


def names_other_job(own: frozenset[str], folded_title: str) -> bool:
    """Whether the title names, beside the profile's job, another technical job of a family not the profile's (its
    words with the word after them hold a job noun: "data engineer", "big data engineer"; also behind a business
    word, as in "Assistant(e) Data Engineer/Data Scientist"), or a project or study job ("chargé de projets")."""
    if PROJECT_JOBS.search(folded_title):
        return True
    # Words inside the profile's own job ("analytics" of "analytics engineer") name no other job.
    spans = [(m.start(), m.end()) for f in own if (m := family_match(folded_title, f))]
    for family in TECHNICAL:
        if family in own or family == "software":
            continue
        found = family_match(folded_title, family)
        if found and not any(a <= found.start() < b for a, b in spans):
            after = folded_title[found.end():].split()[:1]
            if JOB_NOUNS.search(" ".join([folded_title[found.start():found.end()], *after])):
                return True
    return False


def title_relation(profile: Profile, role: str | None, families: list[str], folded_title: str) -> str:
    """How the posting title's job relates to the profile (see roles.role_relation). A profile title that names
    a job ("data engineer" in "Finance Data Engineer") makes it the profile's own job whatever field or domain the
    title names, "mixed" beside a second job ("Data Engineer / Data Scientist"); one that names only a field ("LLM"
    in "Full-stack Engineer (LLM)", "intelligence artificielle" in "Formateur en IA") does so only when the title
    names no other job."""
    own = own_families(tuple(profile.titles))
    relation = role_relation(families, own, folded_title) if own else "unknown"
    if role and (relation == "unknown" or JOB_NOUNS.search(fold(role))):
        # ... unless the title names a second job beside it ("Data Engineer / Data Scientist", "Data scientist -
        # Chargé de projets"): a field or a domain ("Data Engineer - Machine Learning", "Finance Data Engineer") is
        # not one.
        return "mixed" if names_other_job(own, folded_title) else "own"
    if relation == "own" and any(f not in own and f != "software" for f in families):
        return "mixed"  # the job and another one ("Data Engineer - Machine Learning" for Expert en IA)
    return relation


def is_described(posting: dict | None) -> bool:
    """Whether the posting has a description that says more than its title (JobSpy rows often have none)."""
    description = ((posting or {}).get("description") or "").strip()
    title = ((posting or {}).get("title") or "").strip()
    if len(description) > len(title) + 3 * TITLE_ONLY_MAX_CHARS:
        return True
    return len(fold(description).replace(fold(title), "", 1).strip()) > TITLE_ONLY_MAX_CHARS


def calibrated(fit: float, knots: tuple) -> float:
    """The 0–100 score of a fit in [0, 1], by linear interpolation between the calibration knots."""
    points = [(0.0, 0.0), *knots, (1.0, 100.0)]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if fit <= x1:
            return y0 + (y1 - y0) * (fit - x0) / (x1 - x0) if x1 > x0 else y1
    return 100.0


RELATION_WORDS = {"own": "the title names the job", "mixed": "the title names the job and another",
                  "near": "the title names a near job",
                  "field": "the title names another job in the field", "foreign_tech": "the title names another job",
                  "business": "the title names a non-technical job",
                  "business_field": "the title names a non-technical job in the field",
                  "unknown": "the title names no job jobfit knows"}


def why_line(relation: str, families: list[str], described: bool, asked: int, matched: int, wanted: int,
             coverage: float, factor: float) -> str:
    """One line on why the score is what it is."""
    job = f" ({', '.join(families)})" if families else ""
    parts = [RELATION_WORDS[relation] + job]
    if described and asked:
        parts.append(f"it asks {asked} skills: {matched} of the profile's {wanted}, "
                     f"{round(100 * coverage)}% of its asks known to the profile")
    elif described:
        parts.append("described, but no skill it asks was read")
    else:
        parts.append("title only: the asks are unknown, so the score stays low")
    if factor < 1:
        parts.append(f"filters ×{factor:g}")
    return "; ".join(parts)


def score_posting(profile: Profile, table: SkillTable, hits: list[dict], posting: dict | None = None,
                  today: date | None = None, weights: Weights | None = None, explain: bool = True) -> dict:
    """{score, subscores, explanation} for one posting's skill hits (and its fields, for the profile's filters);
    without `explain`, {score, subscores} only (the weight fit scores thousands of times).

    fit = evidence × role factor × intern/manager factor × (title share × role credit × borne + the rest × skill
    fit), skill fit = profile share × saturated profile coverage + the rest × posting coverage, borne = how far the
    asks bear the title out; the fit is calibrated to 0–100 and the profile's filters multiply it. A posting known
    only by its title gets its role part alone, at the floor of borne and at title-only evidence.
    """
    weights = weights or default_weights()
    title = (posting or {}).get("title")
    folded_title = fold(title or "")
    families = title_families(folded_title)
    role = title_role(profile, title)
    relation = title_relation(profile, role, families, folded_title)
    foreign = relation in ("foreign_tech", "business", "business_field")
    asked = asked_skills(hits, weights, foreign)
    profile_coverage, matched, missing_required, missing_other = profile_side(profile, table, asked, weights,
                                                                              explain)
    posting_coverage, extra = posting_side(profile, table, asked, weights)
    title_part = title_fit(profile, table, hits, title, role, weights)
    if relation != "unknown":
        title_part = 1.0 if relation == "own" else weights.role_credit[relation] if foreign else \
            max(weights.role_credit.get(relation, 1.0), title_part or 0.0)
    read = sum(1 for h in asked.values() if h["section"] != "title")
    described = read > 0 or is_described(posting)
    saturated = min(1.0, profile_coverage / weights.saturation)
    skill_fit = weights.profile_share * saturated + (1 - weights.profile_share) * posting_coverage
    if described:
        evidence = weights.evidence_min + (1 - weights.evidence_min) * min(1.0, read / weights.evidence_full)
        share = weights.title_share if title_part is not None else 0.0
        # The title says what the job is called; the asks say whether it is that job ("Senior Researcher" of a
        # fintech asking none of the profile's skills): the title's credit holds as far as the asks bear it out.
        borne = weights.title_floor + (1 - weights.title_floor) * min(1.0, skill_fit / weights.title_trust)
        raw = share * (title_part or 0.0) * borne + (1 - share) * skill_fit
    else:
        # Known only by its title: it says what the job is, not what it asks. Its evidence is a share of the least
        # a described posting with the same title can get (the least evidence, the floor of borne), so a described
        # posting with the same title and any asks always ranks above.
        evidence = weights.evidence_title_only * weights.evidence_min * weights.title_floor
        raw = weights.title_share * (title_part or 0.0)
    level = seniority_of(title)
    intern = (posting or {}).get("contract") in ("internship", "apprenticeship") or level == "intern"
    # Managing the job (a director, a head of, a manager of data scientists) is close to the job, not the job.
    manages = relation not in ("business", "business_field") and (level == "head" or bool(MANAGER.search(folded_title)))
    fit = evidence * weights.role_factor.get(relation, 1.0) * (weights.intern_factor if intern else 1.0) * \
        (weights.manager_factor if manages else 1.0) * raw
    mismatches = penalties(profile.filters, posting, today) if posting else []
    factor = 1.0
    for mismatch in mismatches:
        factor *= mismatch["factor"]
    base = calibrated(fit, weights.calibration)
    scored = {
        "score": round(base * factor, 1),
        "subscores": {"profile_coverage": round(profile_coverage, 3), "posting_coverage": round(posting_coverage, 3),
                      "skills_found": len(asked), "title_fit": None if title_part is None else round(title_part, 3),
                      "base": round(base, 1), "filter_factor": round(factor, 3),
                      # added with scoring version 2
                      "evidence": round(evidence, 3), "fit": round(fit, 4)},
    }
    if not explain:
        return scored
    return {
        **scored,
        "explanation": {"matched": matched, "missing_required": missing_required, "missing_other": missing_other,
                        "extra": extra, "penalties": mismatches, "title_role": role,
                        # added with scoring version 2
                        "evidence": "described" if described else TITLE_ONLY_LABEL, "skills_read": read,
                        "job_family": families[0] if families else None, "role_relation": relation,
                        "why": why_line(relation, families, described, len(asked), len(matched),
                                        len(profile.requirements), posting_coverage, factor)},
    }
