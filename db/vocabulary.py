"""The closed sets jobfit stores in its posting columns, with their French and English spellings, written once:
the crawler's normalisers read labels into them, profiles filter on them, `jobfit report` offers them, SQL
compares them, and the matcher reads a title's seniority with the same rules the crawler does."""

from __future__ import annotations

import re

from jobfit.db.fold import fold


class Anchored:
    """A regex tried only where one of its anchors occurs: the same matches as `re.compile(pattern)`, found far
    faster in a long text than by trying the regex at every position.

    Each anchor is (substring, offset): every match of the pattern starts `offset` characters before an occurrence
    of one of the substrings, or of a compiled regex (`match` at a position still sees the text before it, for \\b
    and lookbehinds).
    """

    def __init__(self, pattern: str, anchors: list[tuple[str | re.Pattern, int]]):
        self.pattern = re.compile(pattern)
        self.anchors = anchors

    def starts(self, text: str) -> list[int]:
        """The positions where a match may start, in order."""
        found = set()
        for word, offset in self.anchors:
            if isinstance(word, re.Pattern):
                found.update(m.start() - offset for m in word.finditer(text) if m.start() >= offset)
                continue
            i = text.find(word)
            while i != -1:
                if i >= offset:
                    found.add(i - offset)
                i = text.find(word, i + 1)
        return sorted(found)

    def search(self, text: str) -> re.Match | None:
        """The leftmost match, as `pattern.search(text)`."""
        for start in self.starts(text):
            if match := self.pattern.match(text, start):
                return match
        return None

    def finditer(self, text: str):
        """The non-overlapping matches left to right, as `pattern.finditer(text)` for a pattern that never matches
        the empty string."""
        end = 0
        for start in self.starts(text):
            if start >= end and (match := self.pattern.match(text, start)):
                yield match
                end = match.end()

CONTRACTS = ("full_time", "part_time", "fixed_term", "internship", "apprenticeship", "freelance", "temporary")
REMOTE_POLICIES = ("onsite", "hybrid", "remote")
SENIORITIES = ("intern", "junior", "mid", "senior", "lead", "principal", "head")
EDUCATION_LEVELS = ("cap_bep", "bac", "bac+2", "bac+3", "bac+4", "bac+5", "phd")
# Salary periods and how many of each make a year: 47 working weeks, 218 billable days (French forfait jours),
# 1 607 hours (35 h a week).
PER_YEAR = {"year": 1, "month": 12, "week": 47, "day": 218, "hour": 1607}
PERIODS = tuple(PER_YEAR)

# Seniority

# Title words that state a level, folded; first match wins, so the more specific come first. A bare "manager",
# "architecte" or "responsable" states no level ("Product Manager", "Responsable RH").
_SENIORITY_RULES = [
    ("intern", r"stage|stagiaire|intern|internship|alternance|alternant(?:e|es|s)?|apprenti(?:e|es|s)?|apprentice"
               r"|work[- ]study|fin d'etudes"),
    ("head", r"head of|directeur|directrice|director|vp|vice president|chief|cto"),
    ("principal", r"principal|staff|distinguished"),
    ("lead", r"lead|engineering manager|team manager|chef d'equipe|responsable d'equipe|manager d'equipe"),
    ("senior", r"senior|sr\.?|confirme(?:e)?|experimente(?:e)?|expert(?:e)?"),
    ("junior", r"junior|jr\.?|debutant(?:e)?|entry[- ]level|graduate|jeune diplome(?:e)?"),
    ("mid", r"mid|mid[- ]level|intermediate|associate"),
]
_SENIORITY = [(level, re.compile(rf"(?<![a-z0-9])(?:{words})(?![a-z0-9])")) for level, words in _SENIORITY_RULES]


def seniority_of(title: str | None) -> str | None:
    """The seniority a title (or a source's level label such as "SENIOR") states, one of SENIORITIES; None when
    silent. Descriptions are not read: "you will lead…" or "work with senior engineers" say nothing of the role."""
    if not title:
        return None
    folded = fold(str(title), compat=True).replace("_", " ").strip()
    if folded in SENIORITIES:
        return folded
    return next((level for level, pattern in _SENIORITY if pattern.search(folded)), None)


# Contracts

# First match wins: the more specific phrases come first.
_CONTRACT_RULES: list[tuple[str, str]] = [
    (r"\b(alternance|apprenti(ssage)?|apprentice(ship)?|contrat de professionnalisation|work[- ]study)\b",
     "apprenticeship"),
    (r"\b(stage|stagiaire|intern(ship)?|trainee|praktikum|v\.?i\.?e)\b", "internship"),
    (r"\b(freelance|free-lance|independant|contract(or)?|portage|tjm|b2b)\b", "freelance"),
    (r"\b(interim|interimaire|temporary|temp|mission d.interim|seasonal|saisonnier)\b", "temporary"),
    (r"\b(cdd|fixed[- ]term|duree determinee)\b", "fixed_term"),
    (r"\b(part[- ]?time|temps partiel|mi-temps)\b", "part_time"),
    (r"\b(cdi|full[- ]?time|permanent|duree indeterminee|temps plein|fulltime|regular)\b", "full_time"),
]
_CONTRACTS = [(re.compile(pattern), value) for pattern, value in _CONTRACT_RULES]


def normalize_contract(value: str | None) -> str | None:
    """jobfit's contract type for a label such as "CDI", "Stage 6 mois" or "FULL_TIME"; None when unknown."""
    if not value:
        return None
    text = fold(str(value), compat=True).replace("_", " ")
    if text.strip() in CONTRACTS:
        return text.strip()
    for pattern, contract in _CONTRACTS:
        if pattern.search(text):
            return contract
    return None


# Remote policies

_REMOTE_RULES: list[tuple[str, str]] = [
    # "hybrid cloud" or "hybrid search" is technology, not a way of working
    (r"\b(hybrid[e]?\b(?! (cloud|search|retrieval|architectures?|infrastructures?|systems?|vehicles?|cars?|"
     r"quantum|responsibilit\w*|models? (of|for) (ml|ai|machine))\b)|"
     r"teletravail (partiel|occasionnel|possible|[0-9] ?j)|partial remote|"
     r"[0-9] (jours?|days?) (de teletravail|remote|from home)|"
     r"[0-9] (remote|home|wfh|teletravail) days?|[0-9] jours? (de |en )?teletravail|occasionnel|"
     r"[1-4] days? (a|per|each) week (in|at|from) (the |our )?(office|hq|studio))", "hybrid"),
    (r"\b(on[- ]?site|onsite|in[- ]office|sur site|presentiel|(pas|sans) (de )?teletravail|no remote|"
     r"not remote|telework not)", "onsite"),
    (r"\b(full[- ]?remote|fully remote|100 ?% (remote|teletravail)|teletravail (total|complet|integral)|"
     r"remote[- ]first|remote[- ]friendly|telecommute|remote|work from home|wfh)\b", "remote"),
]
_REMOTES = [(re.compile(pattern), value) for pattern, value in _REMOTE_RULES]
# Where a match of each rule can start, for descriptions (see Anchored); tests/test_vocabulary.py checks them.
_REMOTE_ANCHORS = {
    "hybrid": [("hybrid", 0), ("teletravail", 0), ("partial remote", 0), ("occasionnel", 0), (" jour", 1),
               (" day", 1), (" remote", 1), (" home", 1), (" wfh", 1), (" teletravail", 1)],
    "onsite": [("on-site", 0), ("on site", 0), ("onsite", 0), ("in-office", 0), ("in office", 0), ("sur site", 0),
               ("presentiel", 0), ("pas ", 0), ("sans ", 0), ("no remote", 0), ("not remote", 0),
               ("telework not", 0)],
    "remote": [("full", 0), ("100", 0), ("teletravail", 0), ("remote", 0), ("telecommute", 0),
               ("work from home", 0), ("wfh", 0)],
}
_REMOTES_IN_TEXT = [(Anchored(pattern, _REMOTE_ANCHORS[value]), value) for pattern, value in _REMOTE_RULES]


def normalize_remote(value) -> str | None:
    """onsite | hybrid | remote for a flag or label (True, "TELECOMMUTE", "Télétravail partiel"…); None when unknown."""
    if value is None or value == "":
        return None
    if value is True:
        return "remote"
    if value is False:
        return "onsite"
    text = fold(str(value), compat=True).replace("_", " ")
    if text in REMOTE_POLICIES:
        return text
    for pattern, policy in _REMOTES:
        if pattern.search(text):
            return policy
    return None


def remote_from_text(text: str | None) -> str | None:
    """The remote policy a description states, if it states one."""
    if not text:
        return None
    folded = fold(text, compat=True)
    return next((policy for pattern, policy in _REMOTES_IN_TEXT if pattern.search(folded)), None)


# Education

_EDUCATION_RULES = [
    (r"\b(doctorat|phd|ph\.d|doctorate|doctoral)\b", "phd"),
    (r"\b(bac ?\+ ?5|master|msc|m\.sc|ingenieur|engineering degree|grande ecole|dea|dess|b5)\b", "bac+5"),
    (r"\b(bac ?\+ ?4|maitrise|m1)\b", "bac+4"),
    (r"\b(bac ?\+ ?3|licence|bachelor'?s?|bsc|b\.sc)\b", "bac+3"),
    (r"\b(bac ?\+ ?2|bts|dut|deug)\b", "bac+2"),
    (r"\b(bac(?!\s*\+)|baccalaureat|high school)\b", "bac"),
    (r"\b(cap|bep|bep_cap)\b", "cap_bep"),
]
# Where a match of each rule can start (see Anchored).
_EDUCATION_ANCHORS = {
    "phd": ["doctor", "phd", "ph.d"],
    "bac+5": ["bac", "master", "msc", "m.sc", "ingenieur", "engineering degree", "grande ecole", "dea", "dess", "b5"],
    "bac+4": ["bac", "maitrise", "m1"],
    "bac+3": ["bac", "licence", "bachelor", "bsc", "b.sc"],
    "bac+2": ["bac", "bts", "dut", "deug"],
    "bac": ["bac", "high school"],
    "cap_bep": ["cap", "bep"],
}
# Lowest level first: the first level found is the one required.
_EDUCATION = sorted(((Anchored(pattern, [(word, 0) for word in _EDUCATION_ANCHORS[level]]), level)
                     for pattern, level in _EDUCATION_RULES), key=lambda rule: EDUCATION_LEVELS.index(rule[1]))


def education(text: str | None) -> str | None:
    """The lowest education level named (Bac+5, master, doctorat/PhD, BTS…), as the one required; None if none."""
    if not text:
        return None
    folded = fold(str(text), compat=True).replace("_", " ").replace("/", " ")
    return next((level for pattern, level in _EDUCATION if pattern.search(folded)), None)


# Salary periods

_PERIOD_NAMES = [
    (r"hour|heure|horaire", "hour"), (r"day|jour|journ|daily|tjm", "day"), (r"week|semaine|hebdo", "week"),
    (r"month|mois|mensuel", "month"), (r"year|annu|an\b|annee|yearly|salary", "year"),
]


def normalize_period(value: str | None) -> str | None:
    """year | month | week | day | hour for a source's interval ("1 YEAR", "per-month-salary", "Mensuel")."""
    if not value:
        return None
    folded = fold(str(value), compat=True).replace("_", " ").replace("-", " ")
    return next((period for pattern, period in _PERIOD_NAMES if re.search(pattern, folded)), None)


def per_year_sql(column: str) -> str:
    """A SQL expression for how many `column` periods make a year (a NULL period counts as a year)."""
    cases = " ".join(f"when '{period}' then {n}" for period, n in PER_YEAR.items() if n != 1)
    return f"(case {column} {cases} else 1 end)"
