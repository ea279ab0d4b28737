"""Extract the skills a posting asks for: spans, section, negation and evidence sentence for each."""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

import spacy

import jobfit.matcher.component  # noqa: F401  (registers the "jobfit_skills" factory)
from jobfit.db.fold import fold, fold_for_matching
from jobfit.matcher.ambiguity import FIELDS_OF_STUDY, accept_hits, sense, subsumed
from jobfit.matcher.boilerplate import OWN_ASK, shared_spans, shared_stacks
from jobfit.matcher.language import detect_language
from jobfit.matcher.negation import Clauses
from jobfit.matcher.roles import is_title_like, qualifies_role
from jobfit.matcher.sections import SectionIndex
from jobfit.matcher.skills import SkillTable
from jobfit.matcher.spoken import spoken_languages
from jobfit.matcher.version import extractor_version

# Evidence sentences end at . ! ? ; followed by a space, a line break, a full stop glued to the next capitalised
# sentence ("Automatisme).Vous"), and before inline list items (": - Assurer", " • Python", " - Piloter").
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=\S)|\n+|(?<=[a-zà-ÿ)][.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])"
                          r"|(?<=:)\s*(?=[-–•·▪●*]\s)|\s+(?=[-–•·▪●]\s+\S)")
# Text the tokenizer would glue to a skill: HTML entities left in a feed's text ("Ansible).b.&nbsp;&nbsp;") and a
# punctuation mark between a closing bracket and a letter ("(Terraform, Ansible).b."). The matcher reads a copy
# where they are blanked to the same length, so offsets stay those of the original text.
ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
GLUED = re.compile(r"(?<=[)\]])[.;,:](?=[^\W\d_])")
MAX_EVIDENCE = 300  # characters: a longer "sentence" (no punctuation at all) is cut to a window around the hit
# Sections where a nice-to-have phrase ("un plus", "is a plus") turns a mention into a nice-to-have one.
PHRASING_SECTIONS = frozenset({"required", "responsibilities", "other"})


@dataclass
class Hit:
    skill_id: str
    name: str
    start: int
    end: int
    text: str
    section: str
    negated: bool
    sentence: str
    heading: str = ""  # the heading of its section, in the posting's words
    shared: int = 0  # other postings of the company (another title) holding the hit's paragraph; 0 when unique

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Reading:
    """One text read: its language ("fr"/"en"), its skill hits, and the spoken languages it asks."""

    language: str
    hits: list[Hit]
    languages: list[dict]


class Extractor:
    """Find skills in French and English texts with one blank spaCy pipeline per language."""

    def __init__(self, table: SkillTable | None = None, batch_size: int = 64):
        self.table = table or SkillTable.load()
        self.version = extractor_version(self.table)
        self.batch_size = batch_size
        self.pipelines: dict[str, spacy.Language] = {}
        for lang in ("fr", "en"):
            nlp = spacy.blank(lang)
            nlp.add_pipe("jobfit_skills").initialize(table=self.table)
            self.pipelines[lang] = nlp

    def extract(self, text: str, lang: str | None = None) -> list[Hit]:
        """The skill hits in `text`, in order."""
        return next(self.extract_many([(text, lang)]))[1]

    def extract_many(self, texts: Iterable[tuple]) -> Iterator[tuple[str, list[Hit]]]:
        """(language, hits) for each (text, language or None[, shared paragraph counts]), in batches."""
        for reading in self.read_many(texts):
            yield reading.language, reading.hits

    def read_many(self, texts: Iterable[tuple]) -> Iterator[Reading]:
        """A Reading for each (text, language or None[, shared counts: paragraph hash → N]), in batches.

        Spoken languages are taken out of the hits into `languages`. With shared counts (matcher.boilerplate), a
        hit in a paragraph the company's other postings hold carries `shared` = N, and outside this posting's
        requirement sections it is boilerplate: its section becomes "company".
        """
        for batch in _batches(texts, self.batch_size):
            langs = [item[1] if item[1] in self.pipelines else detect_language(item[0]) for item in batch]
            docs: dict[int, object] = {}
            for lang, nlp in self.pipelines.items():
                idx = [i for i, text_lang in enumerate(langs) if text_lang == lang]
                folded = (fold_for_matching(matching_text(batch[i][0])) for i in idx)
                for i, doc in zip(idx, nlp.pipe(folded, batch_size=self.batch_size)):
                    docs[i] = doc
            for i, item in enumerate(batch):
                text = item[0]
                hits = self._hits(text, docs[i], shared_spans(text, item[2] if len(item) > 2 else None))
                hits, spoken = spoken_languages(self.table, text, hits)
                yield Reading(langs[i], hits, spoken)

    def _hits(self, text: str, doc, shared: list[tuple[int, int, int]] = ()) -> list[Hit]:
        spans = doc.spans["skills"]
        if not spans:
            return []
        found = [(span.label_, span.start_char, span.end_char) for span in spans]
        accepted = accept_hits(self.table, text, found)
        umbrella = subsumed(self.table, text, found, accepted)
        folded = fold(text)
        keep_roles = is_title_like(text)
        sections = SectionIndex(text, folded)
        clauses = Clauses(folded)
        bounds = _sentence_bounds(text, found)
        stacks = shared_stacks(text, [s.end for s in sections.sections], shared) if shared else []
        hits = []
        for (skill_id, start, end), ok, covered in zip(found, accepted, umbrella):
            if not ok or covered or (not keep_roles and qualifies_role(folded, start, end)):
                continue
            if start > 1 and text[start - 1] in "-‑" and text[start - 2].isalpha():
                continue  # the tail of a hyphenated word: "cutting-edge AI" names no edge AI, "non-relational" no RDBMS
            if skill_id in FIELDS_OF_STUDY and clauses.degree_field(start):
                continue  # "Bac+5 en informatique", "BS in Statistics": a degree's subject, not a skill asked
            s_start, s_end = _evidence_window(text, *_sentence_at(bounds, start, len(text)), start, end)
            skill = self.table[sense(self.table, skill_id, folded[s_start:s_end])]
            part = sections.section_at(start)
            section = part.label
            if section in PHRASING_SECTIONS and clauses.nice_to_have(start, end):
                section = "nice_to_have"
            n_shared = next((n for s, e, n in shared if s <= start < e), 0)
            if n_shared and section not in OWN_ASK:
                section = "company"
            if stacks and (n_stack := next((n for s, e, n in stacks if s <= start < e), 0)):
                section, n_shared = "company", max(n_shared, n_stack)  # the company's shared stack block
            hits.append(Hit(
                skill_id=skill.id, name=skill.name, start=start, end=end, text=text[start:end], section=section,
                negated=clauses.negated(start, end), sentence=text[s_start:s_end].strip(), heading=part.heading,
                shared=n_shared,
            ))
        return hits


def matching_text(text: str) -> str:
    """`text` with HTML entities and glued punctuation blanked (same length), for the matcher's tokenizer."""
    if "&" in text:
        text = ENTITY.sub(_blank_entity, text)
    if ")" in text or "]" in text:
        text = GLUED.sub(" ", text)
    return text


def _blank_entity(match: re.Match) -> str:
    char = html.unescape(match.group())
    return (char if len(char) == 1 and not char.isspace() else " ").ljust(len(match.group()))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sentence_bounds(text: str, found: list[tuple[str, int, int]]) -> list[int]:
    """Sentence starts near the hits: a bound farther than MAX_EVIDENCE from every hit changes no evidence window
    (a longer sentence is cut to a window around its hit), so the text between hits is not scanned."""
    margin = MAX_EVIDENCE + 100
    bounds, scanned = [0], 0
    for _, start, end in sorted(found, key=lambda f: f[1]):
        lo, hi = max(scanned, start - margin), min(len(text), end + margin)
        if hi <= lo:
            continue
        while lo > scanned and text[lo - 1].isspace():
            lo -= 1  # never start inside a run of spaces: its match would be cut
        for match in SENTENCE_END.finditer(text, lo):
            if match.start() >= hi:
                break
            bounds.append(match.end())
            scanned = match.end()
        scanned = max(scanned, hi)
    return sorted(set(bounds))


def _sentence_at(bounds: list[int], offset: int, length: int) -> tuple[int, int]:
    i = bisect.bisect_right(bounds, offset) - 1
    return bounds[i], bounds[i + 1] if i + 1 < len(bounds) else length


def _evidence_window(text: str, s_start: int, s_end: int, start: int, end: int) -> tuple[int, int]:
    """The sentence, or when longer than MAX_EVIDENCE a window of it around the hit cut at spaces."""
    if s_end - s_start <= MAX_EVIDENCE:
        return s_start, s_end
    room = max(0, MAX_EVIDENCE - (end - start)) // 2
    lo, hi = max(s_start, start - room), min(s_end, end + room)
    if lo > s_start and (space := text.find(" ", lo, start)) != -1:
        lo = space + 1
    if hi < s_end and (space := text.rfind(" ", end, hi)) != -1:
        hi = space
    return lo, hi
