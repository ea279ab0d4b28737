"""Extraction quality: SkillSpan KNOWLEDGE spans (strict and overlap P/R/F1) and a French posting-level gold set.

    python benchmarks/extraction_eval.py [--split dev] [--source tech|house|all] [--errors 20]

SkillSpan (English, ../shared/data/skillspan): each posting's sentences but the first (its title, which SkillSpan
leaves unannotated and jobfit extracts apart) are joined into one text, one sentence a line, and extracted like a
description; hits are mapped back to tokens. Two more lines score the title line too, and asked hits only.
Strict: a predicted span equals a gold KNOWLEDGE span. Overlap: a predicted span overlaps some gold span
(precision), a gold span is overlapped by some prediction (recall).

French gold set (benchmarks/data/french_gold.toml): the skill ids each posting asks for, annotated by hand;
predicted = ids with a hit that is not negated and not in a company/benefits section, plus the spoken languages
asked (the gold lists them among the skills; the extractor reports them apart).
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.crawler.normalize.text import html_to_text  # noqa: E402
from jobfit.demo.site import load_corpus  # noqa: E402
from jobfit.matcher.extract import Extractor  # noqa: E402
from jobfit.matcher.sections import NOT_ASKED  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
GOLD = REPO / "benchmarks" / "data" / "french_gold.toml"
CP1252_QUOTES = str.maketrans({"\x91": "'", "\x92": "'", "\x93": '"', "\x94": '"', "\x96": "-", "\x97": "-"})


@dataclass
class Scores:
    """Counts behind precision and recall; `p_hits`/`r_hits` are the numerators, `predicted`/`gold` the totals."""

    p_hits: int = 0
    predicted: int = 0
    r_hits: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.p_hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.r_hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        return (f"{label:<28} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(pred {self.predicted}, gold {self.gold})")


@dataclass
class SpanErrors:
    false_positives: Counter = field(default_factory=Counter)
    false_negatives: Counter = field(default_factory=Counter)


def bio_spans(tags: list[str]) -> list[tuple[int, int]]:
    """(start, end) token spans of a BIO tag sequence, end exclusive; a stray I- opens a span."""
    spans, start = [], None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B") or tag == "O" or (tag.startswith("I") and start is None):
            if start is not None:
                spans.append((start, i))
                start = None
            if tag != "O":
                start = i
    return spans


def score_spans(gold: list[tuple[int, int]], predicted: list[tuple[int, int]], strict: Scores,
                overlap: Scores) -> None:
    """Add one sentence's strict and overlap counts."""
    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    gold_set, pred_set = set(gold), set(predicted)
    strict.p_hits += len(gold_set & pred_set)
    strict.r_hits += len(gold_set & pred_set)
    strict.predicted += len(pred_set)
    strict.gold += len(gold_set)
    overlap.p_hits += sum(any(overlaps(p, g) for g in gold_set) for p in pred_set)
    overlap.r_hits += sum(any(overlaps(g, p) for p in pred_set) for g in gold_set)
    overlap.predicted += len(pred_set)
    overlap.gold += len(gold_set)


def skillspan_postings(split: str, source: str) -> list[list[dict]]:
    """SkillSpan sentences grouped by posting, in file order."""
    path = SHARED / "skillspan" / "json" / f"{split}.json"
    postings, key = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if source != "all" and row["source"] != source:
            continue
        if (row["source"], row["idx"]) != key:
            postings.append([])
            key = (row["source"], row["idx"])
        postings[-1].append(row)
    return postings


def posting_text(sentences: list[dict]) -> tuple[str, list[list[tuple[int, int]]]]:
    """The posting as text (tokens joined by spaces, one sentence a line) and each token's character span."""
    parts, offsets, position = [], [], 0
    for sentence in sentences:
        token_spans = []
        for i, token in enumerate(sentence["tokens"]):
            token = token.translate(CP1252_QUOTES)
            if i:
                parts.append(" ")
                position += 1
            parts.append(token)
            token_spans.append((position, position + len(token)))
            position += len(token)
        parts.append("\n")
        position += 1
        offsets.append(token_spans)
    return "".join(parts), offsets


def hit_tokens(token_spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The token span covering characters [start, end) of one sentence, or None when outside it."""
    inside = [i for i, (s, e) in enumerate(token_spans) if s < end and start < e]
    return (inside[0], inside[-1] + 1) if inside else None


def eval_skillspan(extractor: Extractor, split: str, source: str, title: bool = False,
                   asked_only: bool = False) -> tuple[Scores, Scores, SpanErrors]:
    """Strict and overlap scores of KNOWLEDGE spans, and the commonest wrong and missed surface forms.

    The first sentence of a SkillSpan posting is its title, which SkillSpan does not annotate; jobfit extracts a
    title apart from the description, so by default it is left out of both predictions and gold (`title=True`
    scores it as part of the text). `asked_only` keeps only hits jobfit counts as asked (not negated, not in a
    company or benefits section).
    """
    strict, overlap, errors = Scores(), Scores(), SpanErrors()
    postings = [sentences if title else sentences[1:] for sentences in skillspan_postings(split, source)]
    texts = [posting_text(sentences) for sentences in postings]
    results = extractor.extract_many((text, "en") for text, _ in texts)
    for sentences, (text, offsets), (_, hits) in zip(postings, texts, results):
        if asked_only:
            hits = [h for h in hits if h.section not in NOT_ASKED and not h.negated]
        predicted: list[list[tuple[int, int]]] = [[] for _ in sentences]
        for hit in hits:
            for n, token_spans in enumerate(offsets):
                span = hit_tokens(token_spans, hit.start, hit.end)
                if span:
                    predicted[n].append(span)
                    break
        for sentence, pred in zip(sentences, predicted):
            gold = bio_spans(sentence["tags_knowledge"])
            score_spans(gold, pred, strict, overlap)
            words = sentence["tokens"]
            for s, e in set(pred) - set(gold):
                if not any(s < ge and gs < e for gs, ge in gold):
                    errors.false_positives[" ".join(words[s:e])] += 1
            for s, e in set(gold) - set(pred):
                if not any(s < pe and ps < e for ps, pe in pred):
                    errors.false_negatives[" ".join(words[s:e])] += 1
    return strict, overlap, errors


def fixture_texts() -> dict[tuple[str, str], str]:
    """Texts of the real French fixture postings, keyed by (source, reference): plain text with section headings
    where the feed has separate fields."""
    fixtures = SHARED / "fixtures"
    texts = {}
    root = ET.parse(fixtures / "hellowork" / "import-hello-work.test.input.xml").getroot()
    for job in root.findall("job"):
        parts = [html_to_text(job.findtext("description"))]
        for heading, tag in (("Profil recherché", "profile"), ("Avantages", "benefits"),
                             ("L'entreprise", "company_description")):
            if (job.findtext(tag) or "").strip():
                parts.append(f"{heading}\n{html_to_text(job.findtext(tag))}")
        texts[("hellowork", job.findtext("job_id"))] = "\n\n".join(parts)
    root = ET.parse(fixtures / "apec" / "import-apec.test.input.xml").getroot()
    for offer in root.iter("Offre_emploi"):
        texts[("apec", offer.findtext("Reference_apec"))] = html_to_text(html.unescape(offer.findtext("Texte_offre")))
    offers = json.loads((fixtures / "francetravail_careers" / "import-france-travail-cegid.test.input.json")
                        .read_text(encoding="utf-8"))
    for offer in offers:
        texts[("francetravail", offer["reference"])] = (
            f"{offer['description1']}\n\nProfil\n{offer['description2']}\n\nL'entreprise\n"
            f"{offer['organisationDescription']}")
    return texts


def gold_postings(skip_fixtures: bool) -> list[dict]:
    """The French gold postings with their text (fixture postings only when ../shared/data exists)."""
    gold = tomllib.loads(GOLD.read_text(encoding="utf-8"))["posting"]
    demo = {p["key"]: p["description"] for p in load_corpus()}
    fixtures = {} if skip_fixtures else fixture_texts()
    out = []
    for entry in gold:
        text = demo[entry["ref"]] if entry["source"] == "demo" else fixtures.get((entry["source"], entry["ref"]))
        if text is not None:
            out.append({**entry, "text": text})
    return out


def eval_french(extractor: Extractor, postings: list[dict]) -> tuple[Scores, Scores, SpanErrors]:
    """Posting-level skill scores, the required/nice-to-have agreement on found skills, and the errors."""
    scores, nice, errors = Scores(), Scores(), SpanErrors()
    for entry, reading in zip(postings, extractor.read_many((p["text"], "fr") for p in postings)):
        asked = [h for h in reading.hits if h.section not in NOT_ASKED and not h.negated]
        # This gold set lists spoken languages among the skills; the extractor reports them apart.
        predicted = {h.skill_id for h in asked} | {x["language"] for x in reading.languages}
        gold = set(entry.get("asked", [])) | set(entry.get("nice", []))
        scores.p_hits += len(predicted & gold)
        scores.r_hits += len(predicted & gold)
        scores.predicted += len(predicted)
        scores.gold += len(gold)
        for skill_id in predicted - gold:
            errors.false_positives[skill_id] += 1
        for skill_id in gold - predicted:
            errors.false_negatives[skill_id] += 1
        for skill_id in predicted & gold:
            predicted_nice = all(h.section == "nice_to_have" for h in asked if h.skill_id == skill_id)
            nice.predicted += 1
            nice.gold += 1
            agree = predicted_nice == (skill_id in entry.get("nice", []))
            nice.p_hits += agree
            nice.r_hits += agree
    return scores, nice, errors


def print_errors(errors: SpanErrors, count: int) -> None:
    if count:
        print("  false positives:", ", ".join(f"{k} ×{v}" for k, v in errors.false_positives.most_common(count)))
        print("  false negatives:", ", ".join(f"{k} ×{v}" for k, v in errors.false_negatives.most_common(count)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--source", default="tech", choices=("tech", "house", "all"))
    parser.add_argument("--errors", type=int, default=0, help="show the N commonest false positives/negatives")
    args = parser.parse_args()

    extractor = Extractor()
    print(f"extractor {extractor.version}, {len(extractor.table.skills)} skills")
    if (SHARED / "skillspan").is_dir():
        strict, overlap, errors = eval_skillspan(extractor, args.split, args.source)
        print(f"SkillSpan {args.source} {args.split}, KNOWLEDGE spans (posting bodies, every hit):")
        print(strict.line("  strict"))
        print(overlap.line("  overlap"))
        print_errors(errors, args.errors)
        _, with_title, _ = eval_skillspan(extractor, args.split, args.source, title=True)
        print(with_title.line("  overlap, title line scored"))
        _, asked, _ = eval_skillspan(extractor, args.split, args.source, asked_only=True)
        print(asked.line("  overlap, asked hits only"))
    else:
        print(f"SkillSpan skipped: {SHARED / 'skillspan'} not found (the read-only shared data folder)")
    fixtures_present = (SHARED / "fixtures").is_dir()
    if not fixtures_present:
        print(f"French fixture postings skipped: {SHARED / 'fixtures'} not found; demo postings only")
    postings = gold_postings(skip_fixtures=not fixtures_present)
    scores, nice, errors = eval_french(extractor, postings)
    print(f"French gold set, {len(postings)} postings, posting-level skills asked:")
    print(scores.line("  skills"))
    print(f"  required/nice-to-have agreement on found skills: {nice.precision:.3f} ({nice.p_hits}/{nice.predicted})")
    print_errors(errors, args.errors)


if __name__ == "__main__":
    main()
