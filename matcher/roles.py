"""Job-title compounds: a skill that only qualifies a role ("Java Developer", "DevOps engineers", "ingénieur DevOps").

In a description such a mention names a job or colleagues ("collaborate with our DevOps engineers", "join our
Backend Engineering team"), not a skill asked of the candidate; the posting title, extracted on its own, keeps it.
"""

from __future__ import annotations

import re
from functools import lru_cache

ROLE_NOUNS_EN = (r"developers?|engineers?|engineering (?:team|group|department)|devs\b|architects?|specialists?|"
                 r"administrators?|consultants?|programmers?|testers?|analysts?|team\b|teams\b|guild|squad|managers?\b|"
                 r"leads?\b|technical leads?|professionals?\b|practitioners?\b|warriors?\b|colleagues?\b|teammates?\b")
ROLE_NOUNS_FR = (r"developpeu(?:r|se|rs|ses)(?:\s?\((?:se|euse)\))?|ingenieu(?:r|re|rs|res)(?:\s?\(e\))?|"
                 r"architectes?|consultant(?:e|s|es)?(?:\s?\(e\))?|administrat(?:eur|rice|eurs)|equipes?|"
                 r"experts?|lead|tech lead|managers?|responsables?|chefs? de projets?")
# Words that may stand between the skill and the role noun: "Java Performance Engineer", "UI Technical Lead".
ROLE_MIDDLE = r"performance|platform|infrastructure|software|technical|systems?|solutions?|support|reliability|" \
              r"integration|automation|qa|test|data"
# After the skill (folded text): optionally one more skill-like word joined by / & and or, or a middle word, then a
# role noun, after a space or a hyphen ("frontend-developer").
ROLE_AFTER = re.compile(r"^(?:\s*(?:/|&|,|and|et|or|ou)\s*[\w.#+]+|\s+(?:" + ROLE_MIDDLE + r"))?(?:\s+|-)"
                        r"(?:senior\s+|junior\s+)?(?:" +
                        ROLE_NOUNS_EN + r")\b")
# Before the skill (folded French text): "développeur Java", "ingénieur(e) DevOps", "équipe Data".
ROLE_BEFORE = re.compile(r"\b(?:" + ROLE_NOUNS_FR + r")(?:\s+(?:senior|junior|confirme\(?e?\)?|data))?\s+$")


def is_title_like(text: str) -> bool:
    """A one-line text of at most 150 characters: a job title, where a role compound is the job itself."""
    return "\n" not in text.strip() and len(text) <= 150


def qualifies_role(folded: str, start: int, end: int) -> bool:
    """Whether the skill at folded[start:end] only qualifies a role noun next to it."""
    return bool(ROLE_AFTER.match(folded[end:end + 60]) or ROLE_BEFORE.search(folded[max(0, start - 40):start]))


# --- The job a title names: its family of work, read from the folded title ---

# Jobs that are not the technical work itself, whatever technology their title names: checked first, so "Sales
# Engineer, AI", "Technical Recruiter, Research" or "AI Product Manager" are sales, recruiting and product jobs.
BUSINESS_FAMILIES: list[tuple[str, str]] = [
    ("recruiting", r"recruit\w*|recrut\w*|talent acquisition|sourcer|sourcing"),
    ("sales", r"sales|account (?:executive|manager|director)|business develop\w*|commercial\w*|vendeu\w*|"
              r"revenue|\bsdr\b|\bbdr\b|partnerships?\b|ingenieur d'affaires|key account"),
    ("presales", r"solutions? (?:engineer|architect|consultant)|forward deployed|field engineer|sales engineer|"
                 r"customer engineer|avant[- ]vente|pre[- ]?sales|deployment strategist"),
    ("marketing", r"marketing|marketer|brand|content (?:writer|manager|strategist)|community manager|"
                  r"communication|copywriter|seo\b"),
    ("teaching", r"format(?:eur|rice)|trainer|teacher|enseignant\w*|intervenant\w*|professeur|tuteur|instructor"),
    ("product", r"product (?:manager|owner|lead|director|operations|management)|head of product|"
                r"chef de (?:produit|projet)|project (?:manager|lead)|program(?:me)? manager|knowledge manager|"
                r"scrum master|product marketing"),
    ("design", r"designer|design (?:lead|director)|\bux\b|\bui\b"),
    ("support", r"support|service desk|help ?desk|customer (?:success|experience|support)|implementation|"
                r"\bstrategist\b|onboarding"),
    ("business", r"financ\w*|account(?:ant|ing)|comptab\w*|legal|juriste|counsel|compliance|\bhr\b|people|"
                 r"benefits|payroll|assistant|coordinator|office manager|operations (?:manager|associate|lead)|"
                 r"business operations|credit|paralegal|controller|auditor|brevets|gestionnaire|"
                 r"vendeur|boulang\w*|rayon|medecin|infirmi\w*|nurse|clinical|bcba|enablement|chief of staff"),
]
# Technical families, by the field the title names; a title may name several ("Data Engineer - Machine Learning").
TECH_FAMILIES: list[tuple[str, str]] = [
    ("ml", r"machine learning|\bml\b|mlops|ml ?ops|deep learning|data[- ]scien\w*|research scien\w*|"
           r"applied scien\w*|\bresearch(?:er)?\b|chercheu\w*|ingenieu\w*(?: \(?e\)?)? (?:de |en )?recherche|"
           r"\bnlp\b|\btal\b|computer vision|vision par ordinateur|"
           r"\b(?:ai|ia)\b(?: \w+)? (?:engineer|researcher|scientist|developer|specialist|expert)|"
           r"(?:ingenieu\w*|developpeu\w*|expert\w*|engineer|scientist)\b(?: \(?e\)?)?(?: \w+)? (?:en |de |d')?"
           r"(?:ia|ai|intelligence artificielle|apprentissage)\b|intelligence artificielle|"
           r"\bllm (?:engineer|researcher|scientist|specialist)|recommend\w* (?:system|engineer)|recommandation"),
    ("data_eng", r"data[- ](?:engineer\w*|ingenieu\w*|architect\w*|platform\w*|infrastructure|ops)|dataops|"
                 r"ingenieu\w* (?:\(e\) )?(?:data|de donnees|big data)|big ?data|analytics engineer|"
                 r"architecte (?:data|de donnees)|\betl\b|elt\b|developpeu\w* (?:data|big data|etl)|data warehouse"),
    ("analyst", r"analyst\w*|analyste|analytics|business intelligence|\bbi\b|statisticien\w*|data steward"),
    ("security", r"secur\w*|pentest\w*|penetration|offensive|red team|cyber\w*|ethical hack\w*|\bsoc\b|"
                 r"intrusion"),
    ("software", r"software|developer|developpeu\w*|back[- ]?end|front[- ]?end|full[- ]?stack|devops|"
                 r"\bsre\b|site reliability|platform engineer|infrastructure|cloud|mobile|\bios\b|android|"
                 r"\bweb\b|\bqa\b|programmer|engineering manager|product engineer|\bengineer\b|"
                 r"ingenieu\w*|architect\w*|technicien\w*|informaticien\w*"),
]
# Words that name the field but not the job: a job of its own when nothing else names one ("LLM pour
# l'extraction…", "Distributed LLM Inference Engineer"), the field of another job otherwise ("Full-stack (LLM)").
WEAK_ML = re.compile(r"\bllm|genai|generati(?:f|ve)|\bagents? (?:ia|ai)\b|(?<!causal )inference|perception|"
                     r"recommend\w*")
# A field word: the title touches the family's field without naming its job ("Applied AI" in a software title).
FIELD_WORDS = {"ml": r"\b(?:ai|ia|ml|llm|genai|gpt|machine learning|intelligence artificielle|agents?)\b",
               "data_eng": r"\bdata\b|donnees|\bdbt\b|spark|snowflake",
               "security": r"secur\w*|cyber\w*"}
_BUSINESS = [(f, re.compile(p)) for f, p in BUSINESS_FAMILIES]
_TECH = [(f, re.compile(p)) for f, p in TECH_FAMILIES]
_FIELD = {f: re.compile(p) for f, p in FIELD_WORDS.items()}
BUSINESS = frozenset(f for f, _ in BUSINESS_FAMILIES)
DEALERS = frozenset({"sales", "recruiting", "marketing"})  # non-technical jobs that sell or hire, whatever the field
# Families close enough to share a good part of the work (and of the skills) of the other.
NEAR_FAMILIES = {"ml": {"data_eng", "analyst"}, "data_eng": {"ml", "analyst"}, "analyst": {"data_eng", "ml"},
                 "security": {"software"}, "software": {"security"}}


def title_families(folded_title: str) -> list[str]:
    """The families of work a folded title names (see _title_families); a new list each call."""
    return list(_title_families(folded_title))


@lru_cache(maxsize=4096)
def _title_families(folded_title: str) -> tuple[str, ...]:
    """The families of work a folded title names: one business family when it names one, else its technical
    families (most specific first; "software" only when no other names the job); () when it names none."""
    for family, pattern in _BUSINESS:
        if pattern.search(folded_title):
            return (family,)
    found = [family for family, pattern in _TECH if pattern.search(folded_title)]
    if not found or found == ["software"]:
        if WEAK_ML.search(folded_title) and not (found and re.search(r"stack|front|back|mobile|web", folded_title)):
            found = ["ml"]
    if len(found) > 1 and "software" in found:
        found.remove("software")
    return tuple(found)


TECHNICAL = tuple(f for f, _ in TECH_FAMILIES)


def family_match(folded_title: str, family: str) -> re.Match | None:
    """Where the title names `family` (its pattern's first match), or None."""
    for f, pattern in (*_BUSINESS, *_TECH):
        if f == family and (found := pattern.search(folded_title)):
            return found
    return None


def names_field(folded_title: str, family: str) -> bool:
    """Whether the title names the field of `family` (a word such as "AI" or "data"), without naming its job."""
    pattern = _FIELD.get(family)
    return bool(pattern and pattern.search(folded_title))


def role_relation(title_families_: list[str], own: set[str], folded_title: str) -> str:
    """How the title's job relates to a profile whose own families are `own`: "own", "near", "field" (a foreign
    technical job in the profile's field: "Software Engineer, Applied AI"), "foreign_tech", "business_field" (a
    non-technical job in the profile's field that does not sell or hire: "AI Product Manager", "Formateur IA"),
    "business" (sales, recruiting, product… whatever they deal in), or "unknown" when the title names no family."""
    if not title_families_:
        return "unknown"
    if set(title_families_) & own:
        return "own"
    if title_families_[0] in BUSINESS:
        # A product manager, trainer or knowledge manager of AI works in the field; a seller or recruiter of it
        # deals in it.
        if title_families_[0] not in DEALERS and any(names_field(folded_title, f) for f in own):
            return "business_field"
        return "business"
    if any(NEAR_FAMILIES.get(f, set()) & own for f in title_families_):
        return "near"
    if any(names_field(folded_title, f) for f in own):
        return "field"
    return "foreign_tech"
