"""Split a posting into labelled parts (required, nice to have, responsibilities, company, benefits) by headings.

Headings are found as real boards write them: known phrases in French and English ("Profil", "Ton profil",
"About the role", "Qui sommes-nous"), and heading-shaped lines whose words are unknown ("WHAT YOU'LL WORK ON",
"## Notre stack", "Ce qu'il te faut :"). A heading's style (markdown, ALL CAPS, ending in ":", plain short line)
sets its rank: an unknown heading closes the section opened by a heading of its rank or a lower one, so a company
or benefits section ends at the next heading of another kind while its own sub-headings stay inside it. Each
section keeps its heading in the posting's own words.
"""

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
    ("responsibilities", r"about (?:the|this) (?:role|job|position|opportunity|team|work)|"
                         r"presentation (?:du poste|de la mission|du role)|pourquoi (?:on|nous) recrut\w*|"
                         r"a propos du (?:poste|job|role)|"
                         r"(?:the|your|this) opportunity|l'opportunite|about the team|the team|team|role|position|"
                         r"(?:l'|notre |ton |votre |ta )equipe|le job|ton job|the position|job summary|"
                         r"role overview|position overview|job overview|what you'?ll (?:work on|be working on)|"
                         r"why this role matters|what success looks like|your impact|"
                         r"votre quotidien|ton quotidien|ce que tu (?:feras|vas faire)|tes missions|"
                         r"what would your day[- ]to[- ]day look like|your day[- ]to[- ]day"),
    ("nice_to_have", r"un plus|serait un plus|seraient un plus|idealement|atouts?|nice[- ]to[- ]haves?|bonus( points)?|"
                     r"(it'?s )?a plus|pluses|preferred( qualifications| skills| experience)?|good to have|desirable|"
                     r"appreciee?s?|competences appreciees|les petits plus|les plus( pour le poste)?|"
                     r"what would make you stand out|even better if|ways to stand out|extra credit"),
    ("required", r"conditions d'acces(?: complementaires)?(?: au poste)?|vos atouts|tes atouts|"
                 r"who we(?: are|'re) looking for|what we(?: are|'re) looking for|"
                 r"profil souhaite|ton profil|profil candidat|exigences( du poste)?|your skills|what you bring|"
                 r"(?:tech |technical )?stack( technique)?|environnement technique|technologies|"
                 r"profil recherche|votre profil|le profil|profil|profile|"
                 r"competences (requises|attendues|techniques|cles)|"
                 r"competences|pre[- ]?requis|qualifications?( requises)?|requirements?|required( skills)?|"
                 r"what you'?ll (need|bring)|who you are|about you|your profile|"
                 r"must[- ]haves?|skills|you have|vous avez|vous etes|experience requise|savoir[- ]faire|"
                 r"minimum qualifications|basic qualifications|ce que nous recherchons|ce que vous apportez|"
                 r"(?:an |the |un\(?e?\)? |le |la )?ideal candidate|(?:un\(?e?\)? )?candidat\(?e?\)? ideal\(?e?\)?|"
                 r"you (?:might|may|could) (?:not )?be a (?:good |great )?fit|you should have|"
                 r"you(?:'ll| will) need|you$|"
                 r"experience$|expertise(?: technique)?|what you have|what you need|what we need|"
                 r"ce qu'il (?:te|vous) faut|ce que l'on attend de (?:toi|vous)|what it takes|qui es[- ]tu|"
                 r"tu es|nous recherchons|on recherche|vous aimerez ce (?:job|poste)|your background|"
                 r"skills (?:and|&) experience|experience (?:and|&) skills"),
    ("responsibilities", r"(vos |les |tes |ta |votre |vos futures )?missions?( principales)?|votre futur poste|"
                         r"ton poste|(?:[a-z]+ ){0,2}responsibilities|what you'?ll be doing|what you will be doing|"
                         r"responsabilites|vos responsabilites|le poste|"
                         r"description du poste|descriptif du poste|poste|votre role|le role|ce que vous ferez|"
                         r"au quotidien|what you'?ll do|what you will do|the role|your role|you will|you'll|"
                         r"the job|job description|role description|day[- ]to[- ]day|your mission|in this role"),
    ("benefits", r"informations supplementaires|(les |nos )?avantages|conditions( de travail| et avantages)?|"
                 r"ce que nous (vous )?offrons|"
                 r"ce que nous proposons|nous vous offrons|ce que (?:l'on|nous) (?:te|vous) propos(?:e|ons)|"
                 r"nous offrons|pourquoi (?:nous )?rejoindre|pourquoi [a-z0-9 &'.-]{2,30}\?|"
                 r"remuneration( et avantages)?|package|what we offer|"
                 r"(?:our |the )?benefits|perks|compensation( and benefits)?|why you'?ll love|our offer|we offer|"
                 r"why join(?: us| [a-z0-9 &'.-]{2,30})?|why work (?:with|at) [a-z0-9 &'.-]{2,30}|"
                 r"what'?s in it for you|salary|salaire|(?:our |the )?package"),
    ("company", r"qui sommes[- ]nous|who are we|why [a-z0-9&'.-]{2,20}(?= ?\?)|a propos( de nous)?|"
                r"description de (?:l'entreprise|la societe)|"
                r"presentation(?: de)? [a-z0-9 &'.-]{2,30}|notre entreprise|l'entreprise|entreprise|la societe|"
                r"about us|about the company|(?:more )?about [a-z0-9 &'.#-]{2,30}|who we are|our company|the company|"
                r"company description|notre histoire|nos valeurs|our values|our mission|our story|notre mission|"
                r"presentation de l'entreprise|want to learn more|what we do|what we value|le groupe|"
                r"a propos de [a-z0-9 &'.-]{2,30}"),
    ("other", r"(?:notre |nos |le |our |the )?(?:processus de recrutement|process(?:us)? de recrutement)|"
          r"informations pratiques|infos pratiques|"
              r"recruitment process|hiring process|interview process|how to apply|pour postuler|localisation|"
              r"location|contrat|type de contrat|equal opportunit(y|ies)|diversity|application process|"
              r"a note from|next steps|informations complementaires|deroulement|our commitment"),
]
# A heading phrase is the whole line, or is followed by a separator or a few more words. One regex for all the
# phrases (alternatives tried in order, so the first label still wins): one match call per line, not one per label.
_HEADING = re.compile(r"^(?:[^\w(]|\d+[.)])*(?:" + "|".join(f"(?P<h{i}>{pattern})" for i, (_, pattern)
                                                           in enumerate(HEADINGS)) + r")\b\s*(?:[!?:.)]\s*)*",
                      re.IGNORECASE)
MAX_HEADING_CHARS = 70
MAX_EXTRA_WORDS = 3

# A line that closes whatever section it is in: the equal-opportunity and how-to-apply statements at the end.
CLOSING_LINE = re.compile(r"^(?:[^\w]*)(?:.{0,80}\b(?:is |are )?(?:an |a )?(?:proud(?:ly)? (?:to be )?(?:an? )?)?equal"
                          r"[- ]opportunit|to apply,|#li-|.{0,60}affirmative action|conformement a la reglementation"
                          r"|nos postes sont ouverts|.{0,80}\b(?:en situation de handicap|travailleurs handicapes))")
# Words one of which every CLOSING_LINE holds: a cheap test before the full pattern.
_CLOSING_HINT = re.compile(r"equal|to apply,|#li-|affirmative|conformement|nos postes|handicap")
# Heading ranks by style: an unknown heading closes a section opened at its rank or below.
MARKDOWN, CAPS, COLON, PLAIN = 3, 2, 1, 0
LIST_ITEM = re.compile(r"^(?:[-•–·▪◦●]\s|\*\s|\d+[.)]\s)")
# Words that say what an unknown heading opens (folded text); first match wins.
GUESSES: list[tuple[str, re.Pattern]] = [(label, re.compile(pattern)) for label, pattern in [
    ("other", r"ready to|apply now|postule|candidate journey|equal opportunit"),
    ("company", r"what we do|what we value|who we are|our story|our values|about us"),
    ("benefits", r"benefit|perks|avantage|we offer|what you can expect (?:at|from)|offrons|proposons|salary|"
                 r"salaire|remuneration|package|"
                 r"compensation|why join|pourquoi|rejoindre|in it for you|\bpay\b"),
    ("nice_to_have", r"\bplus\b|bonus|nice|prefer|idealement|stand out"),
    ("required", r"you have|you bring|you to bring|expect you|about you|you are|profil|qualif|qualit|requir|"
                 r"skills|competence|experience|ideal|"
                 r"looking for|recherch|\bmust\b|you need|we need|faut|attend|background|who you|qui es|tu es|"
                 r"vous etes|expertise|savoir|traits|\byou\b$"),
    ("responsibilities", r"recrutons|\brecrute\b|we(?:'re| are) hiring|you'?ll|you will|\brole\b|poste|"
                         r"mission|\bdo\b|work on|\bjob\b|day|quotidien|feras|"
                         r"ferez|responsib|impact|success|team|equipe|opportunit|what you|projet|project|tasks|taches"),
    ("company", r"about|who we|qui sommes|nous sommes|our story|company|entreprise|societe|values|valeurs|culture|"
                r"histoire|\bus\b|\bnous\b"),
    ("other", r"process|apply|postuler|recrutement|interview|entretien|note from|location|\blieu\b|contrat|equal|"
              r"diversit|eeo|candidature"),
]]
# The opening words of a "company" part that describe the job's own team ("What we do: On the HD Maps team, we…",
# "Au sein de l'équipe Data, …"): the team's work and stack are the job's, so the part reads as responsibilities.
TEAM_OPENING = re.compile(r"^\W*(?:on|in|within|as part of|joining) (?:the|our) [\w &/'-]{0,40}\bteams?\b|"
                          r"^\W*(?:au sein|a l'interieur|rattache\(?e?\)?) (?:de l'|du |de la |des |a l')"
                          r"(?:equipe|pole|squad|direction|service)")


@dataclass(frozen=True)
class Section:
    label: str
    start: int
    end: int
    heading: str = ""  # the heading line that opened it, in the posting's words ("" before the first heading)


def heading_label(line: str) -> tuple[str, int] | None:
    """(label, length of the heading phrase) when `line` starts with a known heading phrase."""
    return _folded_heading(fold(line))


def _folded_heading(folded: str) -> tuple[str, int] | None:
    match = _HEADING.match(folded)
    if not match:
        return None
    i = next(i for i in range(len(HEADINGS)) if match.group(f"h{i}") is not None)
    return HEADINGS[i][0], match.end()


def heading_style(line: str) -> int | None:
    """The rank of a heading-shaped line (markdown, ALL CAPS, ending in ':' or '?', short plain line), else None."""
    if not line or len(line) > MAX_HEADING_CHARS or LIST_ITEM.match(line):
        return None
    if line.startswith("#") or (line.startswith("**") and line.rstrip(":").endswith("**")):
        return MARKDOWN
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters if c.isupper() or c.islower()) and \
            sum(c.isupper() for c in letters) >= 3:
        return CAPS
    if line.endswith((":", "?", "：")):
        return COLON
    first = next((c for c in line if c.isalnum()), "")
    if len(line.split()) <= 6 and not line.endswith((".", ",", ";", "!")) and (first.isupper() or first.isdigit()):
        return PLAIN
    return None


def guess_label(folded: str) -> str:
    """What an unknown heading opens, from its words; "other" when they say nothing."""
    for label, pattern in GUESSES:
        if pattern.search(folded):
            return label
    return "other"


def split_sections(text: str, folded: str | None = None) -> list[Section]:
    """Consecutive sections covering `text`; text before the first heading is "other".

    A heading-shaped line that starts with a known heading phrase opens a section of that label; a line that
    starts with a heading phrase and a colon ("Un plus : Spark") is a one-line section of that label; an unknown
    heading-shaped line closes a section opened at its rank or below. `folded` is fold(text), when already at hand.
    """
    folded = fold(text) if folded is None else folded
    sections: list[Section] = []
    current, current_start, current_rank, current_heading = "other", 0, None, ""
    offset = 0
    raw_lines = text.splitlines(keepends=True)
    for n, line in enumerate(folded.splitlines(keepends=True)):
        stripped = line.strip()
        original = raw_lines[n].strip() if n < len(raw_lines) else stripped
        rank = heading_style(original)
        # A long line can only be a heading with a colon near its start ("Un plus : Spark") or a bulleted plus.
        found = _folded_heading(stripped) if stripped and (
            len(stripped) <= MAX_HEADING_CHARS or ":" in stripped[:90] or stripped[0] in "-•*") else None
        if rank is None and current != "other" and _CLOSING_HINT.search(stripped) and CLOSING_LINE.match(stripped):
            sections.append(Section(current, current_start, offset, current_heading))
            current, current_start, current_rank, current_heading = "other", offset, MARKDOWN, ""
            found = None
        elif found and not _could_be_heading(original, text, offset + len(line)):
            found = None
        if found:
            label, length = found
            rest = stripped[length:].strip()
            extra = len(re.findall(r"\w+", rest))
            inline = bool(rest) and ":" in stripped[: length + 2]  # "Un plus : Spark"
            heading_like = len(stripped) <= MAX_HEADING_CHARS and (
                not rest or stripped.endswith((":", "?")) or
                (not inline and rank is not None and (extra <= MAX_EXTRA_WORDS or rest[0] in "–—-|(/&")))
            if heading_like:
                sections.append(Section(current, current_start, offset, current_heading))
                current, current_start = label, offset
                current_rank, current_heading = PLAIN if rank is None else rank, original
            elif ":" in stripped[: length + 2] and label != "nice_to_have" and original[:length].isupper():
                sections.append(Section(current, current_start, offset, current_heading))  # "PROFIL : Diplômé..."
                current, current_start, current_rank, current_heading = label, offset, CAPS, original
            elif ":" in stripped[: length + 2] or stripped.startswith(("-", "•", "*")) and label == "nice_to_have":
                sections.append(Section(current, current_start, offset, current_heading))
                sections.append(Section(label, offset, offset + len(line), original))
                current_start = offset + len(line)
            else:
                found = None  # a longer heading-shaped line that opens on a known phrase: read as unknown below
        if not found and rank is not None and rank > PLAIN and _followed_by_text(folded, offset + len(line)):
            guess = guess_label(stripped)
            if (current_rank is None or rank >= current_rank) and (
                    current in NOT_ASKED or current == "other" or guess not in (current, "other")):
                sections.append(Section(current, current_start, offset, current_heading))
                current, current_start, current_rank, current_heading = guess, offset, rank, original
        offset += len(line)
    sections.append(Section(current, current_start, len(text), current_heading))
    return [_team_part(s, folded) for s in sections if s.end > s.start]


def _team_part(section: Section, folded: str) -> Section:
    """A company part whose first line after its heading opens on the job's team is that team's work."""
    if section.label != "company" or not section.heading:
        return section
    body = folded[section.start:section.end].split("\n", 1)[1:] or [""]
    first = next((line for line in body[0].splitlines() if line.strip()), "")
    if TEAM_OPENING.match(first):
        return Section("responsibilities", section.start, section.end, section.heading)
    return section


def _could_be_heading(original: str, text: str, after: int) -> bool:
    """Not a line broken mid-sentence: a heading starts with no lowercase letter, and unless it is one word
    ("Technologies") or ends in ':' or '?', the next line does not start with one ("Vous êtes / passionné...")."""
    first = next((c for c in original if c.isalnum()), "")
    if first.islower():
        return False
    if original.rstrip().endswith((":", "?")) or len(original.split()) < 2:
        return True
    nxt = text[after:after + 200].lstrip()[:1]
    return not (nxt.isalpha() and nxt.islower())


def _followed_by_text(folded: str, offset: int) -> bool:
    """Whether some non-blank text follows `offset` (a heading heads something)."""
    return bool(folded[offset:offset + 400].strip())


class SectionIndex:
    """Find the section of any character offset."""

    def __init__(self, text: str, folded: str | None = None):
        self.sections = split_sections(text, folded)
        self.starts = [s.start for s in self.sections]

    def section_at(self, offset: int) -> Section:
        """The section holding `offset`."""
        if not self.sections:
            return Section("other", 0, 0)
        return self.sections[max(0, bisect.bisect_right(self.starts, offset) - 1)]

    def label_at(self, offset: int) -> str:
        """The label of the section holding `offset`."""
        return self.section_at(offset).label
