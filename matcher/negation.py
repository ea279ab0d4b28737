"""Clause-level cues around a skill mention: negation ("pas de Java requis"), nice-to-have phrasing ("un plus") and
fields of study ("Bac+5 en informatique ou mathématiques", "a degree in Computer Science").

Both work on folded text (lowercase, no accents) within the mention's clause: the text between the nearest
clause breaks (. ; : , ! ? or a new line, and "but"/"mais") on either side.
"""

from __future__ import annotations

import bisect
import re

# One character class, then the words after a space: several times faster than \b alternatives.
CLAUSE_BREAK = re.compile(r"[.;:!?\n,]| (?:mais|but|however|cependant)\b")
NEGATED_BEFORE = re.compile(
    r"(?:\bpas (?:de|d'|du|des|besoin (?:de|d'|du)|necessaire de|obligatoire de)|\bsans\b|\baucune?\b|\bni\b|"
    r"\bno\b(?! matter| doubt| longer| later)|\bwithout\b|\bdon'?t (?:need|have to know)|\bdo not need|"
    r"\bdoesn'?t (?:need|require)|\bdoes not (?:need|require)|\bnot (?:need|require)|\bnul besoin)"
    r"(?:\s+(?:prior|previous|prealable|\w+)){0,4}\s*$"
)
NEGATED_AFTER = re.compile(
    r"^(?:\s+\S+){0,5}?\s+(?:n'est pas|ne sont pas|is not|are not|isn'?t|aren'?t|not|pas|non|no longer)\s+"
    r"(?:requise?s?|necessaires?|exigee?s?|demandee?s?|required|needed|necessary|expected|a requirement)\b"
)
LEADING_VERB = re.compile(r"^(?:is|est|serait|would be|c'est)\s+")
NICE_CUE = re.compile(
    r"\b(?:un plus|un atout|atouts?|serait appreciee?s?|seraient apprecie(?:e|s|es)?|est appreciee?|appreciee?s?|"
    r"idealement|de preference|bienvenue?s?|souhaitee?s?|pas indispensable|pas obligatoire|serait un avantage|"
    r"(?:is |would be )?a plus|is a bonus|a bonus|bonus points?|nice[- ]to[- ]have|preferred|preferably|ideally|"
    r"desirable|an advantage|advantageous|would be (?:great|nice|appreciated)|not mandatory|not essential|"
    r"good to have)\b"
)

# Folded words that open a field-of-study phrase: a skill named after one, in the same sentence, is a degree's
# subject ("BS in Statistics"), not a skill asked.
DEGREE_CUE = re.compile(
    r"\b(?:degrees?|diplomee?s?|diplomes?|bac ?\+ ?\d|master'?s?|bachelor'?s?|licence|ph\.? ?d|doctorat|bsc|msc|"
    r"b\.?s\.?|m\.?s\.?|formation (?:superieure |universitaire |initiale |d'ingenieur |scientifique )?(?:en|dans)|"
    r"ecole d'ingenieurs?|engineering school|quantitative (?:field|discipline)|related field|domaine connexe|"
    r"etudes superieures|graduated? (?:in|from)|majors? in|cursus)\b")
SENTENCE_BREAK = re.compile(r"[.;!?\n](?=\s|$)")
DEGREE_REACH = 160  # folded characters: how far back in the sentence a degree cue governs a field name


class Clauses:
    """The clauses of a folded text, found once, and the cues around any mention in them."""

    def __init__(self, folded: str):
        self.folded = folded
        self.breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(folded)]
        self.starts = [start for start, _ in self.breaks]
        self._sentence_ends: list[int] | None = None  # found on the first degree_field() call: most texts need none

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The start and end of the clause holding folded[start:end]."""
        i = bisect.bisect_left(self.starts, start)
        left = self.breaks[i - 1][1] if i else 0
        j = bisect.bisect_left(self.starts, end)
        return left, self.starts[j] if j < len(self.starts) else len(self.folded)

    def negated(self, start: int, end: int) -> bool:
        """Whether the mention at folded[start:end] is said to be not needed."""
        c_start, c_end = self.bounds(start, end)
        return bool(NEGATED_BEFORE.search(self.folded, c_start, start) or NEGATED_AFTER.match(self.folded[end:c_end]))

    def nice_to_have(self, start: int, end: int) -> bool:
        """Whether the mention's clause, or a clause right before or after it, calls it a plus ("Idéalement, …")."""
        folded = self.folded
        c_start, c_end = self.bounds(start, end)
        if NICE_CUE.search(folded, c_start, c_end):
            return True
        # Neighbouring clauses count only on the same line.
        following = preceding = ""
        if c_end < len(folded) and folded[c_end] != "\n":
            following = CLAUSE_BREAK.split(folded[c_end + 1:c_end + 40].split("\n", 1)[0], 1)[0].strip()
        if c_start > 0 and folded[c_start - 1] != "\n":
            head = folded[max(0, c_start - 40):c_start - 1].rsplit("\n", 1)[-1]
            preceding = CLAUSE_BREAK.split(head)[-1].strip(" -*•")
        return any(clause and NICE_CUE.fullmatch(LEADING_VERB.sub("", clause)) for clause in (following, preceding))

    def degree_field(self, start: int) -> bool:
        """Whether a degree cue ("diplôme", "BS", "formation en") comes before `start` in its sentence, nearby."""
        if self._sentence_ends is None:
            self._sentence_ends = [m.start() for m in SENTENCE_BREAK.finditer(self.folded)]
        i = bisect.bisect_left(self._sentence_ends, start)
        s_start = self._sentence_ends[i - 1] + 1 if i else 0
        return bool(DEGREE_CUE.search(self.folded, max(s_start, start - DEGREE_REACH), start))
