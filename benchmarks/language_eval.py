"""French/English detection on real postings whose language their source fixes: France Travail and Welcome to
the Jungle offers are French. Each is judged whole and by its first 80 characters (a heading, a short snippet:
where function words are few). Prints the share detected as "fr"; Ashby postings (mostly English, unlabelled)
give the share detected as "en" as a guard against calling English French.

    .venv/bin/python benchmarks/language_eval.py
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from jobfit.matcher.language import detect_language  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "corpus"


def french_texts() -> list[str]:
    texts = []
    offers = CORPUS / "francetravail" / "offers.jsonl"
    for line in offers.read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line).get("description") or "")
    csv.field_size_limit(10**8)
    with (CORPUS / "wttj" / "job_offers_wttj.csv").open(encoding="utf-8", newline="") as f:
        texts += [row.get("description") or "" for row in csv.DictReader(f)]
    return [t for t in texts if t.strip()]


def ashby_texts() -> list[str]:
    """Ashby postings: mostly English, a few French and German (not labelled: a guard, not a score)."""
    texts = []
    for board in sorted((CORPUS / "ashby").glob("*.json")):
        texts += [j.get("descriptionPlain") or "" for j in json.loads(board.read_text(encoding="utf-8"))["jobs"]]
    return [t for t in texts if t.strip()]


def main() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"skipped: no corpus at {CORPUS} (the read-only ../shared/data beside the repository)")
    texts = french_texts()
    for label, cut in (("whole text", None), ("first 80 chars", 80)):
        found = sum(detect_language(t[:cut] if cut else t) == "fr" for t in texts)
        print(f"French (FT, WTTJ), {label:<16} {found}/{len(texts)} detected fr ({found / len(texts):.1%})")
    texts = ashby_texts()
    for label, cut in (("whole text", None), ("first 80 chars", 80)):
        found = sum(detect_language(t[:cut] if cut else t) == "en" for t in texts)
        print(f"Ashby (mostly en), {label:<16} {found}/{len(texts)} detected en ({found / len(texts):.1%})")


if __name__ == "__main__":
    main()
