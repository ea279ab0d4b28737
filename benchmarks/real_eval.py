"""Extraction on real postings: posting-level gold, section gold and the corpus share with no asked skill.

    python benchmarks/real_eval.py [--corpus-sample N] [--no-corpus] [--errors 15] [--postings]

Gold sets (benchmarks/data, keys and labels only, labelled before tuning; read their headers):
- real_gold_fr.toml (France Travail / WTTJ) and real_gold_en.toml (Ashby): the hard skills each posting asks.
  Predicted = skill ids with a hit in the description that is not negated, not in a company/benefits section and
  not shared boilerplate; gold = asked + nice. "French" = real_gold_fr, "English" = real_gold_en.
  Spoken languages: the extraction's `languages` field against the gold's `languages` (language ids, levels aside).
  Scored over the skill ids the gold was labelled with (real_gold_vocabulary.txt, table 2026.12.1): a skill added to
  the table later cannot be in the labels, so counting its hits as false would punish every new skill. The same run
  prints the figure over every predicted id ("any id"), and how many hits of later skills name one of the posting's
  `unlisted` skills (the labeller's own words for asked skills the table lacked) — a check of the new skills.
- Baseline, same run: plain dictionary lookup, every surface form of the table found anywhere in the text (the
  PhraseMatcher alone: no sections, context, negation, boilerplate or language rules).
- real_sections_fr.toml / real_sections_en.toml: the section of each non-empty line; accuracy over lines, and the
  asked/not-asked accuracy (company+benefits vs the rest), which is what decides whether a skill counts.
- Corpus (../shared/data/corpus, all 9,738 postings, or a seeded sample): the share of postings with no asked skill,
  over all postings and over technical roles (title keywords, TECH_TITLE below).

Ashby texts are what the spider stores: html_to_text(descriptionHtml); WTTJ = description + "Profil recherché" +
profil_experience; France Travail = description. Boilerplate is counted per company over the whole corpus.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import time
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from extraction_eval import Scores, SpanErrors, print_errors  # noqa: E402

from jobfit.crawler.normalize.text import html_to_text  # noqa: E402
from jobfit.db.fold import fold_for_matching  # noqa: E402
from jobfit.matcher.extract import Extractor  # noqa: E402
from jobfit.matcher.sections import NOT_ASKED, SectionIndex  # noqa: E402

CORPUS = REPO.parent / "shared" / "data" / "corpus"
DATA = REPO / "benchmarks" / "data"
csv.field_size_limit(10**8)
TECH_TITLE = re.compile(
    r"engineer|developer|develop|ingenieu|data|scien|machine learning|\bml\b|\bai\b|\bia\b|mlops|devops|\bsre\b|"
    r"software|backend|back-end|frontend|front-end|full[- ]?stack|security|securit|cyber|cloud|platform|"
    r"infrastructure|architect|analyst|analytics|research|programmer|technical|tech lead|qa\b|test|database|"
    r"bi\b|decisionnel|informatique|devops|reseau|network|systems?\b|systemes?|admin", re.IGNORECASE)


def corpus_postings() -> list[dict]:
    """Every corpus posting: key, company, title, text and language hint (None: detected)."""
    out = []
    for path in sorted((CORPUS / "ashby").glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            out.append({"key": f"ashby:{path.stem}:{job['id']}", "company": f"ashby:{path.stem}",
                        "title": job.get("title") or "", "text": html_to_text(job.get("descriptionHtml") or ""),
                        "plain": job.get("descriptionPlain") or "", "lang": None})
    for line in (CORPUS / "francetravail" / "offers.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append({"key": f"francetravail:{row['offer_id']}", "company": f"ft:{row.get('company') or row['offer_id']}",
                    "title": row.get("title") or "", "text": row.get("description") or "",
                    "plain": row.get("description") or "", "lang": "fr"})
    with (CORPUS / "wttj" / "job_offers_wttj.csv").open(encoding="utf-8", newline="") as f:
        seen = Counter()
        rows = list(csv.DictReader(f))
        for row in rows:
            seen[row.get("url_direct_offer")] += 1
        for n, row in enumerate(rows):
            url = row.get("url_direct_offer")
            if not url or seen[url] > 1 or not (row.get("description") or "").strip():
                url = f"{url}#row{n}"  # not in the gold (its key would not be unique), still in the corpus share
            text = row["description"]
            if (row.get("profil_experience") or "").strip():
                text += "\n\nProfil recherché\n" + row["profil_experience"]
            out.append({"key": f"wttj:{url}", "company": f"wttj:{row.get('company')}", "title": row.get("title") or "",
                        "text": text, "plain": row["description"], "lang": "fr"})
    return out


def line_hash(line: str) -> str:
    return hashlib.sha1(" ".join(line.split()).lower().encode()).hexdigest()[:12]


def extract_all(extractor: Extractor, postings: list[dict]) -> list[tuple[str, list, list]]:
    """(language, hits, spoken languages) per posting, with the company's corpus postings as boilerplate context."""
    if not hasattr(extractor, "read_many"):  # the extractor before spoken languages and boilerplate
        return [(lang, hits, []) for lang, hits in extractor.extract_many((p["text"], p["lang"]) for p in postings)]
    from jobfit.matcher.boilerplate import build_counts

    shared = build_counts(POSTINGS)
    items = ((p["text"], p["lang"], shared.counts(p["company"], p["key"], p["title"], p["text"])) for p in postings)
    return [(r.language, r.hits, r.languages) for r in extractor.read_many(items)]


def gold_vocabulary() -> set[str]:
    """The skill ids of the table the gold sets were labelled against."""
    lines = (DATA / "real_gold_vocabulary.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def names_unlisted(skill, unlisted: list[str]) -> bool:
    """Whether one of the skill's names or aliases is one of the gold's `unlisted` skill names."""
    forms = {fold_for_matching(f).strip() for f in (skill.name, skill.name_fr, *skill.aliases, *skill.exact)}
    return any(fold_for_matching(u).strip() in forms for u in unlisted)


def asked_ids(hits) -> set[str]:
    return {h.skill_id for h in hits if h.section not in NOT_ASKED and not h.negated}


def baseline_ids(extractor: Extractor, text: str) -> set[str]:
    doc = extractor.pipelines["en"](fold_for_matching(text))
    return {span.label_ for span in doc.spans["skills"]}


def add(scores: Scores, predicted: set[str], gold: set[str]) -> None:
    scores.p_hits += len(predicted & gold)
    scores.r_hits += len(predicted & gold)
    scores.predicted += len(predicted)
    scores.gold += len(gold)


def print_posting(entry: dict, hits, predicted: set[str], gold: set[str], later: set[str]) -> None:
    """One gold posting's false positives (with the hit's words, section and sentence), false negatives and hits
    of skills added after the labels."""
    if predicted == gold and not later:
        return
    print(f"- {entry['key']}")
    for skill_id in sorted(predicted - gold):
        hit = next(h for h in hits if h.skill_id == skill_id and h.section not in NOT_ASKED and not h.negated)
        print(f"    FP {skill_id}: {hit.text!r} [{hit.section}] {hit.sentence[:110]!r}")
    if gold - predicted:
        missed = [f"{s}{'(seen ' + ','.join(sorted({h.section for h in hits if h.skill_id == s})) + ')'}"
                  if any(h.skill_id == s for h in hits) else s for s in sorted(gold - predicted)]
        print(f"    FN {' '.join(missed)}")
    if later:
        print(f"    later skills {' '.join(sorted(later))} | unlisted: {', '.join(entry.get('unlisted', []))}")


def eval_gold(extractor, by_key, results, errors_n: int, postings: bool = False) -> None:
    groups = {"all": [Scores(), Scores(), Scores(), Scores()], "French": [Scores(), Scores(), Scores(), Scores()],
              "English": [Scores(), Scores(), Scores(), Scores()]}
    errors = SpanErrors()
    vocabulary = gold_vocabulary()
    later = Counter()  # hits of skills added after the labels: (names an unlisted skill of the posting?) → count
    for name, group in (("real_gold_fr.toml", "French"), ("real_gold_en.toml", "English")):
        gold_rows = tomllib.loads((DATA / name).read_text(encoding="utf-8"))["posting"]
        for entry in gold_rows:
            i = by_key.get(entry["key"])
            if i is None:
                print(f"  missing posting {entry['key']}")
                continue
            _, hits, spoken = results[i]
            gold = set(entry.get("asked", [])) | set(entry.get("nice", []))
            any_id = asked_ids(hits)
            predicted = any_id & vocabulary
            for skill_id in any_id - vocabulary:
                later[names_unlisted(extractor.table[skill_id], entry.get("unlisted", []))] += 1
            baseline = baseline_ids(extractor, POSTINGS[i]["text"]) & vocabulary
            gold_lang = {x.split(":")[0] for x in entry.get("languages", [])}
            got_lang = {x["language"] if isinstance(x, dict) else x for x in spoken}
            for g in (group, "all"):
                add(groups[g][0], predicted, gold)
                add(groups[g][1], baseline, gold)
                add(groups[g][2], got_lang, gold_lang)
                add(groups[g][3], any_id, gold)
            if postings:
                print_posting(entry, hits, predicted, gold, any_id - vocabulary)
            for s in predicted - gold:
                errors.false_positives[s] += 1
            for s in gold - predicted:
                errors.false_negatives[s] += 1
    print(f"Real-posting gold, posting-level skills asked, over the {len(vocabulary)} labelled ids "
          "(jobfit | dictionary-lookup baseline | jobfit over any id):")
    for g, (scores, base, _, anyid) in groups.items():
        print(scores.line(f"  {g}"), "|", f"baseline P {base.precision:.3f} R {base.recall:.3f} F1 {base.f1:.3f}", "|",
              f"any id P {anyid.precision:.3f} F1 {anyid.f1:.3f}")
    print(f"  hits of skills added after the labels: {sum(later.values())}, "
          f"{later[True]} of them naming one of the posting's unlisted skills")
    print(groups["all"][2].line("  spoken languages (all)"))
    print_errors(errors, errors_n)


def eval_sections(postings_by_key) -> None:
    for name in ("real_sections_fr.toml", "real_sections_en.toml"):
        rows = tomllib.loads((DATA / name).read_text(encoding="utf-8"))["posting"]
        right = asked_right = total = 0
        confusion = Counter()
        for entry in rows:
            posting = postings_by_key.get(entry["key"])
            if posting is None:
                print(f"  missing posting {entry['key']}")
                continue
            text = unicodedata.normalize("NFC", posting["plain"])
            index = SectionIndex(text)
            predicted, offset = [], 0
            for raw in text.split("\n"):
                line = raw.strip()
                if line:
                    predicted.append((line_hash(line), index.label_at(offset + raw.index(line[0]))))
                offset += len(raw) + 1
            if [h for h, _ in predicted] != [h for h, _ in entry["lines"]]:
                print(f"  line mismatch in {entry['key']}")
                continue
            for (_, got), (_, want) in zip(predicted, entry["lines"]):
                total += 1
                right += got == want
                asked_right += (got in NOT_ASKED) == (want in NOT_ASKED)
                if got != want:
                    confusion[f"{want}->{got}"] += 1
        print(f"Sections {name}: {len(rows)} postings, {total} lines: accuracy {right / total:.3f}, "
              f"asked/not-asked accuracy {asked_right / total:.3f}")
        print("  commonest confusions (gold->predicted):",
              ", ".join(f"{k} ×{v}" for k, v in confusion.most_common(6)))


def eval_corpus(results, indices: list[int]) -> None:
    none_all = none_tech = tech = 0
    for i in indices:
        empty = not asked_ids(results[i][1])
        none_all += empty
        if TECH_TITLE.search(POSTINGS[i]["title"]):
            tech += 1
            none_tech += empty
    print(f"Corpus, {len(indices)} postings: no asked skill {none_all / len(indices):.1%} ({none_all}); "
          f"technical roles ({tech}): {none_tech / max(tech, 1):.1%} ({none_tech})")


POSTINGS: list[dict] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus-sample", type=int, default=0, help="score the no-asked share on N postings")
    parser.add_argument("--no-corpus", action="store_true", help="gold sets only (still extracts their companies)")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--postings", action="store_true", help="print each gold posting's false positives/negatives")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found (the read-only shared data folder)")
        return
    POSTINGS.extend(corpus_postings())
    by_key = {p["key"]: i for i, p in enumerate(POSTINGS)}
    extractor = Extractor()
    print(f"extractor {extractor.version}, {len(extractor.table.skills)} skills, {len(POSTINGS)} corpus postings")
    gold_keys = set()
    for name in ("real_gold_fr.toml", "real_gold_en.toml"):
        gold_keys |= {e["key"] for e in tomllib.loads((DATA / name).read_text(encoding="utf-8"))["posting"]}
    if args.no_corpus:
        indices = []
    elif args.corpus_sample:
        indices = sorted(random.Random(15).sample(range(len(POSTINGS)), args.corpus_sample))
    else:
        indices = list(range(len(POSTINGS)))
    wanted = sorted({by_key[k] for k in gold_keys if k in by_key} | set(indices))
    started = time.perf_counter()
    extracted = extract_all(extractor, [POSTINGS[i] for i in wanted])
    results = dict(zip(wanted, extracted))
    print(f"extracted {len(wanted)} postings in {time.perf_counter() - started:.1f}s")
    eval_gold(extractor, by_key, results, args.errors, args.postings)
    eval_sections({p["key"]: p for p in POSTINGS})
    if indices:
        eval_corpus(results, indices)


if __name__ == "__main__":
    main()
