"""A profile from a CV: its text (txt, md, PDF, DOCX), its skills found by the posting extractor, tiers from where
and how often each appears, titles from its headline, languages from what it says it speaks."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.db.fold import fold

SUFFIXES = (".txt", ".md", ".markdown", ".pdf", ".docx")
# CV headings, folded: which part of the CV a line starts.
HEADINGS = {
    "skills": r"competences?(?: techniques| cles)?|skills|technical skills|key skills|outils|tools|stack(?: technique)?"
              r"|technologies|savoir-faire",
    "experience": r"experiences?(?: professionnelles?)?|professional experience|work experience|employment"
                  r"|parcours(?: professionnel)?|projets?|projects?",
    "education": r"formations?|education|diplomes?|etudes|certifications?",
    "languages": r"langues?|languages?",
    "summary": r"profil|profile|summary|a propos|about(?: me)?|resume|objectif|objective",
}
_HEADING = re.compile(r"^[#*\s]*(" + "|".join(f"(?P<{k}>{v})" for k, v in HEADINGS.items()) + r")\s*[:*]*\s*$")
ROLE_WORDS = re.compile(r"(?<![a-z])(?:engineer|ingenieu|developer|developpeu|scientist|analyst|analyste|consultant|"
                        r"expert|architect|lead|manager|chef|responsable|pentester|devops|chercheu|researcher|"
                        r"data|machine learning|administrat|specialist|technicien|designer|product)")
LANGUAGES = {"francais": "fr", "french": "fr", "anglais": "en", "english": "en", "allemand": "de", "german": "de",
             "espagnol": "es", "spanish": "es", "italien": "it", "italian": "it", "portugais": "pt",
             "portuguese": "pt", "neerlandais": "nl", "dutch": "nl", "chinois": "zh", "chinese": "zh",
             "arabe": "ar", "arabic": "ar", "japonais": "ja", "japanese": "ja"}
HEADLINE_LINES = 4  # the headline is among the CV's first lines
TITLE_NOISE = re.compile(r"\b(?:senior|junior|confirme(?:e)?|sr|jr|freelance|h/f|f/h)\b|\(.*?\)|\d+\s*(?:ans|years?)"
                         r"(?:\s+d'experience|\s+of experience)?")


class CVError(ValueError):
    """A CV that cannot be read; the message names the file."""


def read_cv(path: Path) -> str:
    """The text of a CV file: .txt and .md as they are, .pdf through pypdf, .docx through python-docx."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CVError(f"{path}: unknown CV format {suffix or '(none)'} (one of {', '.join(SUFFIXES)})")
    if not path.is_file():
        raise CVError(f"{path}: no such file")
    try:
        if suffix == ".pdf":
            from pypdf import PdfReader

            return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
        if suffix == ".docx":
            import docx

            document = docx.Document(str(path))
            cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
            return "\n".join([p.text for p in document.paragraphs] + cells)
        raw = path.read_bytes()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252")
    except CVError:
        raise
    except Exception as exc:  # noqa: BLE001 — a damaged PDF or DOCX fails in many library-specific ways
        raise CVError(f"{path}: cannot read it as {suffix[1:].upper()} ({type(exc).__name__}: {exc})") from None


def parts(text: str) -> list[tuple[str, str]]:
    """(part, line) for each non-empty line: the part is the last heading above it (headline, skills, …)."""
    out, part = [], "headline"
    for n, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if not stripped:
            continue
        match = _HEADING.match(fold(stripped))
        if match and len(stripped) <= 40:
            part = next(k for k, v in match.groupdict().items() if v)
            continue
        if part == "headline" and len(out) >= HEADLINE_LINES:
            part = "other"
        out.append((part, stripped))
    return out


def headline(lines: list[tuple[str, str]]) -> str:
    """The first line at the top of the CV that names a role."""
    for part, line in lines:
        if part != "headline":
            break
        if ROLE_WORDS.search(fold(line)) and "@" not in line:
            return re.sub(r"^[#*\s]+|[*\s]+$", "", line)
    return ""


# French feminine job nouns and their masculine form: postings mostly title "Ingénieur (H/F)".
FEMININE = re.compile(r"\b(ingenieu|developpeu|chercheu|administratr|consultant|expert|cheff)(re|se|ice|e)\b")


def titles_of(head: str) -> list[str]:
    """Job titles from a headline: its pieces between | / – , with levels and years left out, folded; a French
    feminine title also gives its masculine form."""
    out = []
    for piece in re.split(r"\s+[|/–—-]\s+|\s*[|,;·]\s*", fold(head)):
        piece = " ".join(TITLE_NOISE.sub(" ", piece).split())
        if len(piece) <= 2 or not ROLE_WORDS.search(piece):
            continue
        masculine = FEMININE.sub(lambda m: {"ingenieu": "ingenieur", "developpeu": "developpeur",
                                            "chercheu": "chercheur", "administratr": "administrateur",
                                            "cheff": "chef"}.get(m[1], m[1]), piece)
        for title in (piece, masculine):
            if title not in out:
                out.append(title)
    return out


def languages_of(lines: list[tuple[str, str]]) -> list[str]:
    """Language codes the CV says it speaks, from its languages part or a "Langues :" line."""
    found = []
    for part, line in lines:
        folded = fold(line)
        if part == "languages" or re.match(r"^[#*\s-]*(langues?|languages?)\s*:", folded):
            for word in re.findall(r"[a-z]+", folded):
                code = LANGUAGES.get(word)
                if code and code not in found:
                    found.append(code)
    return found


def spoken_of(lines: list[tuple[str, str]]) -> list[str]:
    """The CV's languages as `spoken_languages` entries, each with the level written after it when there is one
    ("Français (langue maternelle), anglais (courant, C1)" gives "fr:native", "en:c1")."""
    from jobfit.matcher.spoken import CEFR, LEVELS

    found: dict[str, str | None] = {}
    for part, line in lines:
        folded = fold(line)
        if not (part == "languages" or re.match(r"^[#*\s-]*(langues?|languages?)\s*:", folded)):
            continue
        words = [(m, LANGUAGES[m.group()]) for m in re.finditer(r"[a-z]+", folded) if m.group() in LANGUAGES]
        for n, (match, code) in enumerate(words):
            # Its level is written between it and the next language ("anglais (courant, C1), espagnol").
            after = folded[match.end():words[n + 1][0].start() if n + 1 < len(words) else len(folded)]
            cefr = CEFR.search(after)
            level = cefr.group(1) if cefr else next((name for name, pattern in LEVELS if pattern.search(after)), None)
            if code not in found or (level and not found[code]):
                found[code] = level
    return [f"{code}:{level}" if level else code for code, level in found.items()]


@dataclass
class CVProfile:
    id: str
    name: str
    titles: list[str]
    skills: list[tuple[str, str, int]]  # (skill id, tier, mentions)
    languages: list[str] = field(default_factory=list)
    source: str = ""
    spoken: list[str] = field(default_factory=list)  # spoken_languages entries: "en:c1"

    def toml(self) -> str:
        """The profile as a TOML file jobfit loads like its bundled ones."""
        q = json.dumps  # a JSON string is a valid TOML basic string
        out = [f"# Profile made by `jobfit profiles from-cv` from {Path(self.source).name}: edit it freely.",
               "# Tiers: required (the CV's headline, skills named 3 times or more), important (its skills part, or",
               "# named twice), bonus (named once elsewhere).",
               f"id = {q(self.id)}", f"name = {q(self.name, ensure_ascii=False)}",
               f"description = {q('From the CV ' + Path(self.source).name, ensure_ascii=False)}",
               f"titles = [{', '.join(q(t, ensure_ascii=False) for t in self.titles)}]", ""]
        for skill_id, tier, mentions in self.skills:
            out += ["[[skills]]", f"id = {q(skill_id)}", f"tier = {q(tier)}  # {mentions} mention(s)", ""]
        if self.languages or self.spoken:
            out.append("[filters]")
        if self.languages:
            out.append(f"languages = [{', '.join(q(c) for c in self.languages)}]  # postings written in")
        if self.spoken:
            out.append(f"spoken_languages = [{', '.join(q(c) for c in self.spoken)}]  # the languages you speak")
        if self.languages or self.spoken:
            out.append("")
        return "\n".join(out)


def tier_of(mentions: int, where: set[str]) -> str:
    if "headline" in where or mentions >= 3:
        return "required"
    if "skills" in where or "summary" in where or mentions == 2:
        return "important"
    return "bonus"


def profile_from_cv(path: Path, extractor, profile_id: str | None = None) -> CVProfile:
    """Read the CV at `path` and make its profile with `extractor` (jobfit.matcher.extract.Extractor)."""
    text = read_cv(path)
    lines = parts(text)
    if not lines:
        raise CVError(f"{path}: no text found (a scanned PDF has none: export it as text first)")
    # Each line on its own: a CV line reads like a title ("Développeur Python"), where a role compound is the skill.
    mentions: Counter = Counter()
    where: dict[str, set[str]] = {}
    order: dict[str, int] = {}
    for (part, _), (_, hits) in zip(lines, extractor.extract_many((line, None) for _, line in lines)):
        for hit in hits:
            if hit.negated:
                continue
            mentions[hit.skill_id] += 1
            where.setdefault(hit.skill_id, set()).add(part)
            order.setdefault(hit.skill_id, len(order))
    if not mentions:
        raise CVError(f"{path}: no skill of jobfit's skill table found in it")
    rank = {"required": 0, "important": 1, "bonus": 2}
    skills = sorted(((s, tier_of(n, where[s]), n) for s, n in mentions.items()),
                    key=lambda x: (rank[x[1]], -x[2], order[x[0]]))
    head = headline(lines)
    stem = re.sub(r"[^a-z0-9_]+", "_", fold(path.stem)).strip("_") or "cv"
    return CVProfile(id=profile_id or stem, name=head or f"From {path.name}", titles=titles_of(head),
                     skills=skills, languages=languages_of(lines), source=str(path), spoken=spoken_of(lines))
