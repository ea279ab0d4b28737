"""Rules for surface forms that are also ordinary words: "R", "Go", "Spark", "Excel", "Chef", "SAS"…

A skill's case-sensitive (`exact`) forms must appear exactly as written ("R", not "r"). When the skill is marked
ambiguous and belongs to a technical family, the form must also be vouched for by its context: no rule of
NOT_THE_SKILL fires around it, and either a cue names it as a skill ("langage R", "experience with Go",
"Spark SQL", "Un plus : Spark") or another technical skill sits on the same line nearby ("R ou Python",
"Chef, Puppet, Ansible"), or it stands alone on a list line ("- Go") of a posting that names other technical skills.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobfit.db.fold import fold
from jobfit.matcher.skills import Skill, SkillTable

# Families whose ambiguous words need no technical context (their exact forms are only case-checked).
NON_TECH_ROOTS = frozenset({"non_tech_skills", "spoken_languages"})
ANCHOR_DISTANCE = 120  # characters: how far on the same line another technical skill vouches for an ambiguous one
CONTEXT_CHARS = 40

# Folded text just before the form that names it as a skill, in French or English.
CUE_BEFORE = re.compile(
    r"(?:\blangages?|\blanguages?|programming in|program in|coding in|code in|written in|ecrits? en|"
    r"developpe[rz]? en|codez en|coder en|programmer en|scripts? en|experience (?:with|in|of|en|avec|de|du|sur)|"
    r"maitrise (?:de|du|d')|maitriser|maitrisez|knowledge of|connaissances? (?:de|du|d'|en)|"
    r"proficien(?:t|cy) (?:in|with)|skills in|competences? en|pratique (?:de|du|d')|familiar(?:ity)? with|"
    r"expertise (?:in|en|sur)|tools? (?:like|such as)|outils? (?:comme|tels? que)|stack ?:|technologies ?:|"
    r"langages? ?:|languages? ?:|environnement ?:|environment ?:|"
    r"(?:un plus|bonus|nice to have|atouts?|competences?(?: techniques)?|skills|requirements|outils|tools|"
    r"environnement technique|stack technique|tech stack) ?:)\s*$"
)
# Folded text just after the form that shows it is the technology ("Go 1.22", "R packages", "Spark SQL").
CUE_AFTER = re.compile(
    r"^\s*(?:\d|language|langage|programming|code\b|scripts?\b|scripting|packages?\b|librar(?:y|ies)|framework|"
    r"engine|ecosystem|ecosysteme|notebooks?|studio|sdk\b|api\b|modules?\b|cookbooks?|manifests?|sql\b|"
    r"streaming|mllib|cluster|jobs?\b|shaders?|3d\b|gems?\b|crates?\b|goroutines?)"
)


@dataclass(frozen=True)
class Rule:
    """A context where the form is an ordinary word: regexes on the original text before and after it."""

    before: str = ""
    after: str = ""

    def fires(self, left: str, right: str) -> bool:
        return bool((self.before and re.search(self.before + r"$", left)) or
                    (self.after and re.match(self.after, right)))


# Per skill id: contexts where its exact form is not the skill. Patterns see the original text (case matters).
NOT_THE_SKILL: dict[str, list[Rule]] = {
    "r": [Rule(after=r"\s*(?:&|\+|et|and)\s*[Dd]\b"),            # R&D, R et D
          Rule(after=r"\.\s?[A-Z]")],                            # an initial: "R. Dupont"
    "c": [Rule(before=r"(?i:permis|licen[cs]e|cat[ée]gorie|category|type|vitamine?|classe|class|niveau|level|grade|"
                      r"bloc|block|plan|partie|s[ée]rie|series)\s*"),
          Rule(after=r"\s*[-\s]?(?i:level|suite)\b"),            # C-level, C-suite
          Rule(after=r"\s*&")],
    "go": [Rule(after=r"\s+(?i:to|ahead|live|back|beyond|further|for|on|through|get|and get|green|out|the extra)\b"),
           Rule(after=r"-(?:to|live)\b"),
           Rule(before=r"(?i:let'?s|ready to|on the|no|a|to)\s+")],
    "julia": [Rule(after=r"\s+[A-Z][a-zé]+"), Rule(before=r"(?i:mme|mrs|ms|madame|contact)\.?\s+")],
    "rust": [Rule(after=r"\s+(?i:belt|prevention|removal|proof)")],
    "scala": [Rule(before=r"\bLa\s+")],
    "apache_spark": [Rule(after=r"\s+(?i:joy|of|your|a|an|the|curiosity|innovation|ideas?|change|conversations?|"
                                r"interest)\b")],
    "unity": [Rule(after=r"\s+Catalog\b"), Rule(after=r"\s*(?:&|and|et)\s*(?i:diversity|inclusion|diversit)")],
    "less_css": [Rule(before=r"\b[A-Z]{2,} +"), Rule(after=r" +[A-Z]{2,}\b")],   # LESS inside all-caps words
    "sas": [Rule(after=r"\s*,?\s*(?i:au capital|with a capital|soci[ée]t[ée] par actions)"),
            Rule(before=r"(?i:soci[ée]t[ée]|company|entreprise|groupe|group|\bSA|SARL|SASU)\s+"),
            Rule(before=r"[A-Z][\w&'-]*\s+")],                   # "Exotec SAS": a company's legal form
    "excel": [Rule(after=r"\s+(?i:at|in|as|when|within)\b"),
              Rule(before=r"(?i:to|will|you|who|can|and)\s+")],
    "swift": [Rule(after=r"\s+(?i:response|action|decision|payments?|transfers?|code\s+[A-Z])")],
    "ruby": [Rule(after=r"\s+[A-Z][a-zé]+")],
    "dart": [Rule(after=r"\s+(?i:board|game|throw)")],
    "chef": [Rule(after=r"\s*(?:de|d['’]|du|des|cuisinier|p[âa]tissier|[ée]toil[ée]|ex[ée]cutif|d'[ée]quipe)\b"),
             Rule(after=r"\s*d['’]"),
             Rule(before=r"(?i:sous|head|executive|pastry|private|le|la|un|une|notre|votre|our|your|the|a|as)"
                         r"[\s-]+")],
    "puppet": [Rule(after=r"\s+(?i:show|theat(?:er|re)|master\b(?!\s))")],
    "tableau": [Rule(after=r"\s*(?:de|des|du|d['’]|croisé|récapitulatif)")],   # "Tableau de bord"
    "react": [Rule(after=r"\s+(?i:to|quickly|fast|calmly)\b")],
    "spring": [Rule(after=r"\s+(?:\d{4}|(?i:term|semester|break|season))")],
    "oracle_database": [Rule(after=r"['’]s\b")],
    "agile": [Rule(after=r"\s+(?i:mind|mindset)\b")],
    "recruitment": [Rule(after=r"\s+(?i:process|processus|sessions?|agenc|cabinet|purposes|campaign|drive|events?|day|"
                                r"team|[ée]quipe|fraud|scams?)"),
                    Rule(before=r"(?i:processus de|process of|sessions? de|cabinet de|journ[ée]e de|our|notre|"
                                r"during|lors du|during the|à l'|a l')\s+")],
    **{language: [Rule(after=r"\s+(?i:healthcare|health|market|clients?|customers?|compan(?:y|ies)|teams?|law|"
                                r"government|start-?ups?|ecosystem|territory|citizens?|nationality|tech|version|"
                                r"subsidiary|office|speaking (?:countries|market))\b"),
                      Rule(before=r"(?i:march[ée]|territoire|droit|[ée]tat|groupe|leader|acteur|entreprise|"
                                  r"soci[ée]t[ée]|clients?|nationalit[ée]|cuisine|version|site|r[ée]seau|"
                                  r"champion|fabricant|[ée]diteur)\s+")]
       for language in ("english", "french", "german", "spanish")},
    # "AI-native", "AI tools", "modèles IA": AI naming what a product or a model is, not a skill asked.
    "artificial_intelligence": [
        Rule(after=r"[-‑](?!/)\w"),
        Rule(after=r"\s+(?i:tools?|power users?|products?|startups?|compan(?:y|ies)|era|revolution|features?|"
                   r"solutions?|native|assistants?|models?|systems?|platforms?|applications?|technolog\w*|adoption|"
                   r"transformation|world|space|landscape|teams?|labs?|experts?|engineers?|researchers?|"
                   r"workspace|copilots?|experiences?)\b"),
        Rule(before=r"(?i:mod[èe]les?|solutions?|outils?|projets?|produits?|assistants?|agents?|d[ée]ploiement|"
                    r"syst[èe]mes?|plateformes?|usages?|cas d'usage|fonctionnalit[ée]s?|applications?|"
                    r"[ée]quipes?|ing[ée]nieurs?|experts?|r[ée]volution|start-?ups?)\s+"),
        Rule(before=r"(?i:developments in|advances in|leveraging|including|such as)\s+")],
    "machine_learning": [Rule(after=r"\s+(?i:engineers?|teams?|researchers?|scientists?|frameworks?|inference|"
                                     r"org(?:anization)?s?|leaders?|partners?|colleagues?|folks|practitioners?)\b"),
                         Rule(after=r"[-‑](?!/)\w")],
    "data_pipelines": [Rule(after=r"\s+(?i:management|reporting|generation|reviews?|hygiene|coverage|velocity|"
                                   r"CI|de CI|CI/CD|commercial)\b"),
                       Rule(before=r"(?i:sales|clean|commercial|deal|healthy|hiring|recruiting|candidate|talent|"
                                   r"revenue|opportunity|CI/CD|CI|de)\s+")],
    "cybersecurity": [Rule(after=r"\s+(?i:clearances?|numbers?|guards?|deposits?|officers?|teams?|reasons?|"
                                  r"questions?|checks?)\b"),
                      Rule(before=r"(?i:social|job|national|financial|food|physical|home|border|employment|"
                                  r"income|data|cloud|network|application|infrastructure|information)\s+")],
    "aws_emr": [Rule(after=r"\s*(?:/\s*EHR|systems?\b|records?\b|integrations?\b|data\b|vendors?\b|\(electronic)"),
                Rule(before=r"(?:EHR\s*/\s*|(?i:electronic medical records?)\s*\(?)")],   # medical records
    "networking": [Rule(after=r"\s+(?i:events?|opportunit\w*|sessions?|skills|lunch\w*|happy|drinks|evenings?|"
                               r"with|and relationship)\b"),
                   Rule(before=r"(?i:social|professional|business|industry|career|peer|team)\s+")],
    "cooking": [Rule(after=r"\s+(?i:[ée]quip[ée]e|partag[ée]e|commune|ouverte|fran[çc]aise|du monde)"),
                Rule(before=r"(?i:une|la|with a|avec|coin|espace|kitchen)\s+")],
}

# Per skill id: contexts where any of its forms, not only the exact ones, names no skill asked: "le sens du service
# client" and "orienté service client" are a soft trait, not customer service.
NOT_THE_SKILL_ANY_FORM: dict[str, list[Rule]] = {
    "customer_service": [Rule(before=r"(?i:sens du|sens de la|orient[ée]e?s?|orientation|esprit|culture(?: du)?)\s+"),
                         Rule(after=r"[\s-]+(?i:oriented|orientation|mindset|minded|focus(?:ed)?)\b")],
}


# Skills that also name a field of study: after a degree cue in the same sentence they are the degree's subject.
# (A degree in machine learning or data science is left out of this list: it names the job's own skill.)
FIELDS_OF_STUDY = frozenset({
    "mathematics", "statistics", "software_development", "artificial_intelligence", "electronics_engineering",
    "embedded_systems", "cybersecurity", "econometrics", "bioinformatics", "operations_research",
    "data_engineering", "big_data", "networking", "telecommunications", "signal_processing", "accounting",
})
# Umbrella skills that a more specific skill of their own family, on the same line, already says: "cloud (AWS,
# GCP)" asks AWS and GCP, "bases de données PostgreSQL" asks PostgreSQL, "IA générative" asks generative AI. An
# umbrella followed by its examples in brackets ("cloud platforms (AWS, GCP)") is asked as well: the posting names
# the category and gives instances of it.
EXAMPLES_AFTER = re.compile(r"(?! (?i:providers?|vendors?|fournisseurs?)\b)(?: [\w-]+){0,2} ?\(")
PROVIDER_BEFORE = re.compile(r"(?i:fournisseurs?|providers?|prestataires?) $")
UMBRELLAS = frozenset({"cloud_computing", "dbms", "artificial_intelligence"})


# A generic skill whose sentence shows the specific sense: "monitoring" of models is model monitoring.
SENSES: dict[str, tuple[str, re.Pattern]] = {
    "monitoring": ("model_monitoring", re.compile(r"\b(?:models?|modeles?|ml|mlops|retrain\w*|drift|predictions?)\b")),
    # "data modeling, warehousing": a data warehouse, not a logistics warehouse.
    "warehouse_operations": ("data_warehousing", re.compile(r"\b(?:data|donnees|sql|analytics|modell?ing|schemas?|etl|"
                                                           r"elt|snowflake|bigquery|redshift|lakehouse|bi)\b")),
}


def sense(table: SkillTable, skill_id: str, folded_sentence: str) -> str:
    """The skill a generic mention names in its sentence (SENSES), else `skill_id`."""
    specific = SENSES.get(skill_id)
    if specific and specific[0] in table and specific[1].search(folded_sentence):
        return specific[0]
    return skill_id


def subsumed(table: SkillTable, text: str, found: list[tuple[str, int, int]], accepted: list[bool]) -> list[bool]:
    """For each accepted hit, whether it is an umbrella skill with a more specific skill of its family on its line."""
    out = [False] * len(found)
    for i, (sid, start, end) in enumerate(found):
        if sid not in UMBRELLAS or not accepted[i] or (
                EXAMPLES_AFTER.match(text, end) and not PROVIDER_BEFORE.search(text, max(0, start - 20), start)):
            continue
        family = table[sid].family
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        out[i] = any(accepted[j] and j != i and line_start <= s < line_end and other != sid and
                     family in table.lineage(other) for j, (other, s, _) in enumerate(found))
    return out


def needs_context(skill: Skill, table: SkillTable) -> bool:
    """Whether the skill's exact forms need technical context (ambiguous and in a technical family)."""
    if not skill.ambiguous:
        return False
    lineage = table.lineage(skill.id)
    return not (lineage and lineage[-1] in NON_TECH_ROOTS)


def right_case(skill: Skill, surface: str) -> bool:
    """False when `surface` is one of the skill's exact forms in the wrong case ("r" for "R")."""
    if surface in skill.exact:
        return True
    return surface.lower() not in {e.lower() for e in skill.exact}


def ordinary_word(skill: Skill, text: str, start: int, end: int) -> bool:
    """Whether a rule of NOT_THE_SKILL says the form at text[start:end] is an ordinary word here."""
    left, right = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    return any(rule.fires(left, right) for rule in NOT_THE_SKILL.get(skill.id, ()))


def vouched(skill: Skill, text: str, start: int, end: int, anchors: list[tuple[int, int]]) -> bool:
    """Whether the context of an ambiguous exact form at text[start:end] shows it is the skill."""
    if ordinary_word(skill, text, start, end):
        return False
    left, right = text[max(0, start - CONTEXT_CHARS):start], text[end:end + CONTEXT_CHARS]
    if CUE_BEFORE.search(fold(left)) or CUE_AFTER.match(fold(right)):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if anchors and not text[line_start:start].strip(" \t-*•–") and not text[end:line_end].strip(" \t.,;"):
        return True  # alone on its line ("- Go") in a posting that names other technical skills
    low, high = max(line_start, start - ANCHOR_DISTANCE), min(line_end, end + ANCHOR_DISTANCE)
    return any(low <= a_start and a_end <= high and (a_start, a_end) != (start, end) for a_start, a_end in anchors)


def accept_hits(table: SkillTable, text: str, found: list[tuple[str, int, int]]) -> list[bool]:
    """For each (skill id, start, end) found in `text`, whether it really names the skill."""
    accepted = [right_case(table[sid], text[s:e]) for sid, s, e in found]
    pending = []
    for i, (sid, s, e) in enumerate(found):
        skill = table[sid]
        if not accepted[i] or text[s:e] not in skill.exact:
            continue
        if needs_context(skill, table):
            accepted[i] = False
            pending.append(i)
        elif ordinary_word(skill, text, s, e):
            accepted[i] = False
    for i, (sid, s, e) in enumerate(found):
        if accepted[i] and sid in NOT_THE_SKILL_ANY_FORM and text[s:e] not in table[sid].exact:
            left, right = text[max(0, s - CONTEXT_CHARS):s], text[e:e + CONTEXT_CHARS]
            accepted[i] = not any(rule.fires(left, right) for rule in NOT_THE_SKILL_ANY_FORM[sid])
    anchors = [(s, e) for i, (sid, s, e) in enumerate(found) if accepted[i] and is_technical(table, sid)]
    # Two rounds, so that one ambiguous form vouched for by a cue can vouch for its neighbours ("en R, Julia").
    for _ in range(2):
        for i in pending:
            sid, s, e = found[i]
            if not accepted[i] and vouched(table[sid], text, s, e, anchors):
                accepted[i] = True
                anchors.append((s, e))
    return accepted


def is_technical(table: SkillTable, skill_id: str) -> bool:
    """Whether the skill sits in a technical family (so it can vouch for an ambiguous neighbour)."""
    lineage = table.lineage(skill_id)
    return bool(lineage) and lineage[-1] not in NON_TECH_ROOTS
