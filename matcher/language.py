"""Tell French from English by counting their commonest function words, then their job-posting words."""

from __future__ import annotations

import re

from jobfit.db.fold import fold

FRENCH = frozenset(
    "le la les des du un une et est en dans pour avec sur vous nous au aux ce cette vos nos notre votre qui que "
    "sont être par plus ou pas son ses leur à".split()
)
ENGLISH = frozenset(
    "the and of to in for with on you we our your is are be as at this that will an or from by have has who "
    "what their it".split()
)
# Words of job postings, folded: a heading or a short list ("Profil recherché : Python, statistiques") has no
# function word, but says which language it is written in by these.
FRENCH_JOB = frozenset(
    "profil recherche recherchons poste missions mission competences connaissances maitrise entreprise equipe "
    "stage alternance cdi cdd salaire teletravail avantages diplome ingenieur statistiques donnees apprentissage "
    "automatique formation societe niveau annees souhaite souhaitee atout serait appreciee apprecie".split()
)
ENGLISH_JOB = frozenset(
    "requirements required skills team role responsibilities knowledge qualifications benefits salary remote job "
    "about looking preferred nice plus years degree engineer data learning machine strong".split()
)
WORD = re.compile(r"[a-zà-ÿœ]+")
ELISION = re.compile(r"(?<![\w/])(?:l|d|qu|j|n|s|c)['’][a-zà-ÿ]")  # l'équipe, d'expérience, qu'il
FRENCH_LETTERS = re.compile(r"[éèêëàâçùûîïôœ]")


def detect_language(text: str, default: str = "en") -> str:
    """"fr" or "en": the language whose function words are more frequent in `text` (first 3 000 chars); on a tie,
    the one whose job-posting words (and, for French, accented words) are."""
    words = WORD.findall(text[:3000].lower())
    fr = sum(w in FRENCH for w in words) + len(ELISION.findall(text[:3000].lower()))
    en = sum(w in ENGLISH for w in words)
    if fr == en:
        folded = [fold(w) for w in words]
        fr = sum(f in FRENCH_JOB or bool(FRENCH_LETTERS.search(w)) for w, f in zip(words, folded))
        en = sum(f in ENGLISH_JOB for f in folded)
    if fr == en:
        return default
    return "fr" if fr > en else "en"
