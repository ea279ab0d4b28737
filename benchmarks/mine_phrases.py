"""Mine the corpus for skill names the table lacks: frequent phrases of requirement sections, with counts.

    python benchmarks/mine_phrases.py [--sample N] [--top 400] [--min-postings 8] [--lang fr|en|all]
                                      [--min-words 2] [--verbs]

Reads ../shared/data/corpus (as benchmarks/real_eval.py does), splits each posting with the extractor's own section
reader (matcher.sections) and keeps the lines of its required, nice-to-have and responsibilities sections. Candidate
phrases are runs of 1 to 4 content words between stop words and punctuation (spaCy's French and English stop word
lists on a blank tokenizer: no model needed), folded, minus every run that a skill of the table already covers.
With --verbs, phrases opened by an action verb ("deploy models", "déployer des modèles") are counted instead.
Prints each phrase with the number of postings asking it; decide by hand which are skills and add them to
matcher/data/skills_seed.toml. The output quotes the corpus: print it, never commit it.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS as EN_STOP
from spacy.lang.fr.stop_words import STOP_WORDS as FR_STOP

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from real_eval import CORPUS, corpus_postings  # noqa: E402

from jobfit.db.fold import fold, fold_for_matching  # noqa: E402
from jobfit.matcher.extract import Extractor  # noqa: E402
from jobfit.matcher.language import detect_language  # noqa: E402
from jobfit.matcher.sections import SectionIndex  # noqa: E402

ASKED = frozenset({"required", "nice_to_have", "responsibilities"})
# Words that never name a skill on their own and end a phrase, beyond the stop word lists.
FILLER = frozenset(fold(w) for w in (
    "experience", "expérience", "strong", "solid", "excellent", "good", "great", "ability", "skills", "skill",
    "knowledge", "understanding", "years", "year", "ans", "années", "année", "work", "working", "team", "teams",
    "équipe", "équipes", "including", "etc", "e.g", "ie", "i.e", "like", "such", "related", "relevant", "plus",
    "bonne", "bon", "bonnes", "forte", "fort", "solide", "solides", "maîtrise", "connaissance", "connaissances",
    "compétences", "capacité", "new", "nouvelles", "nouveaux", "hands", "deep", "proven", "track", "record",
    "minimum", "least", "preferred", "required", "environment", "environnement", "tools", "outils",
))
VERBS = frozenset(fold(w) for w in (
    "build", "design", "develop", "deploy", "implement", "maintain", "optimize", "optimise", "train", "evaluate",
    "fine-tune", "scale", "automate", "monitor", "test", "write", "architect", "ship", "integrate", "migrate",
    "construire", "concevoir", "développer", "déployer", "mettre", "maintenir", "optimiser", "entraîner", "évaluer",
    "automatiser", "superviser", "tester", "rédiger", "intégrer", "industrialiser", "modéliser", "analyser",
))


def content_runs(tokens: list[str], stop: frozenset[str], covered: set[int]) -> list[tuple[str, ...]]:
    """Every run of 1-4 consecutive content words (no stop word, punctuation, digit-only or covered token)."""
    runs, current = [], []
    for i, tok in enumerate(tokens + [""]):
        word = tok.strip()
        if i in covered or not word or word in stop or word in FILLER or not any(c.isalpha() for c in word) or \
                len(word) < 2 and word not in {"c", "r"}:
            if current:
                runs.append(tuple(current))
            current = []
        else:
            current.append(word)
    out = []
    for run in runs:
        for n in range(1, min(4, len(run)) + 1):
            out += [run[i:i + n] for i in range(len(run) - n + 1)]
    return out


def verb_phrases(tokens: list[str], stop: frozenset[str]) -> list[tuple[str, ...]]:
    """"verb (function words) object words" phrases, up to three content words after the verb."""
    out = []
    for i, tok in enumerate(tokens):
        if tok not in VERBS:
            continue
        words, j = [tok], i + 1
        while j < len(tokens) and len(words) < 6 and tokens[j] in stop and tokens[j].isalpha():
            words.append(tokens[j])
            j += 1
        content = 0
        while j < len(tokens) and content < 3 and tokens[j] not in stop and tokens[j].isalpha():
            words.append(tokens[j])
            content += 1
            j += 1
        if content:
            out.append(tuple(words))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="read N random postings (0: all)")
    parser.add_argument("--top", type=int, default=400)
    parser.add_argument("--min-postings", type=int, default=8)
    parser.add_argument("--lang", default="all", choices=("fr", "en", "all"))
    parser.add_argument("--min-words", type=int, default=1, help="shortest phrase shown, in words")
    parser.add_argument("--verbs", action="store_true", help="count verb phrases instead of noun phrases")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the read-only shared data folder)")
        return
    postings = corpus_postings()
    if args.sample:
        postings = random.Random(15).sample(postings, min(args.sample, len(postings)))
    extractor = Extractor()
    stops = {"fr": frozenset(fold(w) for w in FR_STOP), "en": frozenset(fold(w) for w in EN_STOP)}
    tokenizers = {"fr": spacy.blank("fr"), "en": spacy.blank("en")}
    counts: Counter = Counter()
    seen_texts = set()
    for posting in postings:
        text = posting["text"]
        if not text.strip() or hash(text) in seen_texts:
            continue
        seen_texts.add(hash(text))
        lang = posting["lang"] or detect_language(text)
        if args.lang != "all" and lang != args.lang:
            continue
        sections = SectionIndex(text)
        skill_doc = extractor.pipelines[lang](fold_for_matching(text))
        spans = [(s.start_char, s.end_char) for s in skill_doc.spans["skills"]]
        phrases: set[tuple[str, ...]] = set()
        for part in sections.sections:
            if part.label not in ASKED:
                continue
            doc = tokenizers[lang].make_doc(fold(text[part.start:part.end]))
            covered = {t.i for t in doc if any(s <= part.start + t.idx < e for s, e in spans
                                               if part.start <= s < part.end)}
            tokens = [t.text for t in doc]
            found = verb_phrases(tokens, stops[lang]) if args.verbs else content_runs(tokens, stops[lang], covered)
            phrases.update(found)
        counts.update(phrases)
    shown = 0
    for phrase, n in counts.most_common():
        if n < args.min_postings or shown >= args.top:
            break
        if len(phrase) < args.min_words:
            continue
        print(f"{n:6d}  {' '.join(phrase)}")
        shown += 1


if __name__ == "__main__":
    main()
