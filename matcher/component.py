"""The spaCy component that finds skill mentions: a PhraseMatcher over folded surface forms."""

from __future__ import annotations

import json
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from jobfit.db.fold import fold_for_matching
from jobfit.matcher.skills import SkillTable


@Language.factory("jobfit_skills", default_config={"spans_key": "skills"})
def make_skill_matcher(nlp: Language, name: str, spans_key: str) -> SkillMatcher:
    return SkillMatcher(nlp, name, spans_key)


class SkillMatcher:
    """Mark every surface form of a known skill in doc.spans[spans_key], label = skill id, longest match first.

    The doc's text must already be folded (matcher.fold.fold_for_matching); patterns are folded the same way, so
    matching is case- and accent-insensitive and offsets equal those of the original text.
    """

    def __init__(self, nlp: Language, name: str = "jobfit_skills", spans_key: str = "skills"):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        self.matcher = PhraseMatcher(nlp.vocab)
        self.patterns: dict[str, list[str]] = {}

    def initialize(self, get_examples=None, *, nlp=None, table: SkillTable | None = None) -> None:
        """Load every skill's surface forms as patterns."""
        table = table or SkillTable.load()
        self.set_patterns({s.id: sorted({*s.aliases, *s.exact, s.name, s.name_fr}) for s in table.skills.values()})

    def set_patterns(self, patterns: dict[str, list[str]]) -> None:
        """Replace the patterns: skill id → surface forms."""
        self.matcher = PhraseMatcher(self.nlp.vocab)
        self.patterns = patterns
        for skill_id, forms in patterns.items():
            docs = [self.nlp.make_doc(form) for form in {fold_for_matching(f).strip() for f in forms} if form]
            if docs:
                self.matcher.add(skill_id, docs)

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "patterns.json", self.patterns)

    def from_disk(self, path, exclude=tuple()) -> SkillMatcher:
        self.set_patterns(json.loads((Path(path) / "patterns.json").read_text(encoding="utf-8")))
        return self
