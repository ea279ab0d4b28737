"""Extraction throughput: jobfit's extractor against the bare spaCy tokenizer, same texts, same run.

Texts: the demo corpus, plus the real Ashby, HelloWork, Apec and France Travail postings in ../shared/data/fixtures
when that folder exists. Prints words per second (best of --repeat runs, after one warm-up) for the bare tokenizer
on the original texts, the bare tokenizer on the folded texts the extractor tokenizes (fewer distinct strings, so
its cache is warmer), and the extractor; the ratio is taken against the faster baseline. Each figure is given in
wall-clock time and in CPU time of this process (time.process_time): on a shared, loaded machine the CPU-time ratio
is the one to read, as other processes stretch the wall clock of whichever run they overlap.

    python benchmarks/extraction_speed.py [--repeat 5] [--copies 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import spacy

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.extraction_eval import fixture_texts  # noqa: E402
from jobfit.db.fold import fold_for_matching  # noqa: E402
from jobfit.demo.site import load_corpus  # noqa: E402
from jobfit.matcher.extract import Extractor  # noqa: E402
from jobfit.matcher.language import detect_language  # noqa: E402

ASHBY = REPO.parent / "shared" / "data" / "fixtures" / "ashby"


def posting_texts() -> list[str]:
    """Demo descriptions, and the real fixture postings when ../shared/data is available."""
    texts = [p["description"] for p in load_corpus()]
    for path in sorted(ASHBY.glob("*.json")):
        texts += [job.get("descriptionPlain") or "" for job in json.loads(path.read_text())["jobs"]]
    if ASHBY.is_dir():
        texts += list(fixture_texts().values())
    return [t for t in texts if t.strip()]


def best_of(repeat: int, fn) -> tuple[float, float]:
    """The shortest wall-clock and the shortest CPU time of `repeat` runs of fn, after one warm-up run."""
    fn()  # warm-up: vocab and caches
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(wall), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=10, help="how many times to repeat the corpus")
    args = parser.parse_args()

    texts = posting_texts() * args.copies
    langs = [detect_language(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    tokenizers = {"fr": spacy.blank("fr"), "en": spacy.blank("en")}
    extractor = Extractor()

    folded = [fold_for_matching(t) for t in texts]

    def tokenize():
        for text, lang in zip(texts, langs):
            tokenizers[lang].make_doc(text)

    def tokenize_folded():
        for text, lang in zip(folded, langs):
            tokenizers[lang].make_doc(text)

    def extract():
        for _ in extractor.extract_many(zip(texts, langs)):
            pass

    t_tok = best_of(args.repeat, tokenize)
    t_fold = best_of(args.repeat, tokenize_folded)
    t_ext = best_of(args.repeat, extract)
    hits = sum(len(h) for _, h in extractor.extract_many(zip(texts[: len(texts) // args.copies], langs)))
    print(f"texts: {len(texts)} ({len(texts) // args.copies} distinct), words: {words}, "
          f"skills table: {len(extractor.table.skills)} skills, hits per corpus copy: {hits}")
    print("                                       wall clock      CPU time")
    for label, (wall, cpu) in (("bare spaCy tokenizer, original text", t_tok),
                               ("bare spaCy tokenizer, folded text", t_fold), ("jobfit extractor", t_ext)):
        print(f"{label:<36}: {words / wall:>10,.0f} w/s {words / cpu:>10,.0f} w/s")
    print(f"ratio extractor/fastest tokenizer: wall clock {min(t_tok[0], t_fold[0]) / t_ext[0]:.2f}, "
          f"CPU time {min(t_tok[1], t_fold[1]) / t_ext[1]:.2f} (target >= 0.50)")


if __name__ == "__main__":
    main()
