"""Split a posting into labelled parts (required, nice to have, responsibilities, company, benefits) by headings."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from jobfit.db.fold import fold

SECTIONS = ("required", "nice_to_have", "responsibilities", "company", "benefits", "other")
# Sections whose skills are not asked of the candidate.
NOT_ASKED = frozenset({"company", "benefits"})

# Heading phrases, matched on folded text at the start of a line. Order matters: first match wins.
HEADINGS: list[tuple[str, str]] = [
    ("nice_to_have", r"un plus|serait un plus|seraient un plus|idealement|atouts?|nice[- ]to[- ]haves?|bonus( points)?|"
                     r"(it'?s )?a plus|pluses|preferred( qualifications| skills)?|good to have|desirable|appreciee?s?|"
                     r"les petits plus|what would make you stand out|even better if"),
    ("required", r"vos atouts|tes atouts|who we(?: are|'re) looking for|what we(?: are|'re) looking for|"
                 r"profil souhaite|ton profil|profil candidat|exigences( du poste)?|your skills|what you bring|"
                 r"(?:tech |technical )?stack( technique)?|environnement technique|technologies|"
                 r"profil recherche|votre profil|le profil|profil|competences (requises|attendues|techniques|cles)|"
                 r"competences|pre[- ]?requis|qualifications?( requises)?|requirements?|required( skills)?|"
                 r"what you'?ll (need|bring)|who you are|about you|your profile|"
                 r"must[- ]haves?|skills|you have|vous avez|vous etes|experience requise|savoir[- ]faire|"
                 r"minimum qualifications|basic qualifications|ce que nous recherchons|ce que vous apportez"),
    ("responsibilities", r"(vos |les |tes |ta |votre |vos futures )?missions?( principales)?|votre futur poste|"
                         r"ton poste|(key |your )?responsibilities|what you'?ll be doing|what you will be doing|"
                         r"responsabilites|vos responsabilites|le poste|"
                         r"description du poste|descriptif du poste|poste|votre role|le role|ce que vous ferez|"
                         r"au quotidien|what you'?ll do|what you will do|the role|your role|"
                         r"the job|job description|role description|day[- ]to[- ]day|your mission|in this role"),
    ("company", r"qui sommes[- ]nous|a propos( de nous)?|notre entreprise|l'entreprise|entreprise|la societe|"
                r"about us|about the company|about [a-z0-9 &'.-]{2,30}|who we are|our company|the company|"
                r"company description|notre histoire|nos valeurs|our mission|why join us|pourquoi nous rejoindre"),
    ("benefits", r"(les |nos )?avantages|conditions( de travail| et avantages)?|ce que nous (vous )?offrons|"
                 r"ce que nous proposons|nous vous offrons|"
                 r"nous offrons|pourquoi nous rejoindre|remuneration( et avantages)?|package|what we offer|"
                 r"benefits|perks|compensation( and benefits)?|why you'?ll love|our offer|we offer"),
    ("other", r"processus de recrutement|process(us)? de recrutement|informations pratiques|infos pratiques|"
              r"recruitment process|hiring process|interview process|how to apply|pour postuler|localisation|"
              r"location|contrat|type de contrat|equal opportunit(y|ies)|diversity"),
]
_HEADING = [(label, re.compile(rf"^(?:[#*\-–•>\s]|\d+[.)])*(?:{pattern})\b\s*(?:[!?:.)]\s*)*", re.IGNORECASE))
            for label, pattern in HEADINGS]
MAX_HEADING_CHARS = 70


@dataclass(frozen=True)
class Section:
    label: str
    start: int
    end: int


def heading_label(line: str) -> tuple[str, int] | None:
    """(label, length of the heading phrase) when `line` starts with a known heading phrase."""
    return _folded_heading(fold(line))


def _folded_heading(folded: str) -> tuple[str, int] | None:
    for label, pattern in _HEADING:
        match = pattern.match(folded)
        if match:
            return label, match.end()
    return None


def split_sections(text: str, folded: str | None = None) -> list[Section]:
    """Consecutive sections covering `text`; text before the first heading is "other".

    A short line that is a heading opens a section; a line that starts with a heading phrase and a colon
    ("Un plus : Spark") is a one-line section of that label. `folded` is fold(text), when already at hand.
    """
    folded = fold(text) if folded is None else folded
    sections: list[Section] = []
    current, current_start = "other", 0
    offset = 0
    for line in folded.splitlines(keepends=True):
        stripped = line.strip()
        found = _folded_heading(stripped) if stripped else None
        if found:
            label, length = found
            rest = stripped[length:].strip()
            if len(stripped) <= MAX_HEADING_CHARS and (not rest or stripped.endswith((":", "?"))):
                sections.append(Section(current, current_start, offset))
                current, current_start = label, offset
            elif ":" in stripped[: length + 2] or stripped.startswith(("-", "•", "*")) and label == "nice_to_have":
                sections.append(Section(current, current_start, offset))
                sections.append(Section(label, offset, offset + len(line)))
                current_start = offset + len(line)
        offset += len(line)
    sections.append(Section(current, current_start, len(text)))
    return [s for s in sections if s.end > s.start]


class SectionIndex:
    """Find the section of any character offset."""

    def __init__(self, text: str, folded: str | None = None):
        self.sections = split_sections(text, folded)
        self.starts = [s.start for s in self.sections]

    def label_at(self, offset: int) -> str:
        """The label of the section holding `offset`."""
        if not self.sections:
            return "other"
        return self.sections[max(0, bisect.bisect_right(self.starts, offset) - 1)].label
