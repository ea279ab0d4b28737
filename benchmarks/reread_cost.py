"""The cost of re-reading older postings that later ones share paragraphs with, on real Ashby boards.

The postings of each board of ../shared/data/corpus/ashby arrive one at a time (worst case: one crawl per posting),
each going through the flow's paragraph step on a fresh database with no spaCy: store its paragraph hashes and
count the ones the company's stored postings hold. The baseline does what main did (store, then count); jobfit
now also records what each posting read as shared and marks stale the older postings that read a paragraph the
new one shares as their own. Prints the time per posting of both, their ratio, and how many re-reads the marks
cause (each is one more extraction of one posting), against the postings that arrived.

    python benchmarks/reread_cost.py [--boards 60] [--repeat 3] [--per-crawl 1 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.crawler.normalize.text import html_to_text  # noqa: E402
from jobfit.db import open_db  # noqa: E402
from jobfit.db.paragraphs import mark_sharers_stale, record_shared, shared_counts, store_paragraphs  # noqa: E402
from jobfit.matcher.boilerplate import normal_title, paragraph_hashes  # noqa: E402

CORPUS = REPO.parent / "shared" / "data" / "corpus" / "ashby"


def postings(boards: int) -> list[tuple[str, str, str, list[str]]]:
    """(company key, posting id, normal title, paragraph hashes) of the first `boards` boards, board by board."""
    out = []
    for path in sorted(CORPUS.glob("*.json"))[:boards]:
        for job in json.loads(path.read_text(encoding="utf-8")).get("jobs", []):
            text = html_to_text(job.get("descriptionHtml") or "") or job.get("descriptionPlain") or ""
            out.append((f"ashby:{path.stem.lower()}", f"ashby:{job['id']}", normal_title(job.get("title")),
                        paragraph_hashes(text)))
    return out


def arrivals(items, per_crawl: int):
    """The postings in groups of `per_crawl` of one board at a time, as crawls would bring them."""
    group = []
    for item in items:
        if group and (len(group) == per_crawl or group[-1][0] != item[0]):
            yield group
            group = []
        group.append(item)
    if group:
        yield group


def run(items, mark: bool, per_crawl: int) -> tuple[float, int]:
    """Seconds for the paragraph step of every posting, `per_crawl` at a time; re-reads the marks caused."""
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "reread.db")
        # Each posting is extracted when it arrives: its extraction row exists for the marks to find.
        db["postings"].insert_all({"id": pid, "source": "ashby", "external_id": pid, "title": title,
                                   "first_seen": "2026-01-01", "last_seen": "2026-01-01"}
                                  for _, pid, title, _ in items)
        db["extractions"].insert_all({"posting_id": pid, "revision": 1, "stale": 0} for _, pid, _, _ in items)
        hashes_of = {pid: hashes for _, pid, _, hashes in items}
        titles = {pid: title for _, pid, title, _ in items}
        rereads, seconds = 0, 0.0
        for group in arrivals(items, per_crawl):
            start = time.perf_counter()
            marked = 0
            if mark:  # as the flow now does: the batch stored, then counted and recorded, then the marks
                for company, pid, title, hashes in group:
                    store_paragraphs(db, company, pid, title, hashes)
                counted = []
                for company, pid, title, hashes in group:
                    counted.append(shared_counts(db, company, pid, title, hashes))
                    record_shared(db, pid, counted[-1])
                for (company, pid, title, _), counts in zip(group, counted):
                    marked += mark_sharers_stale(db, company, pid, title, counts)
            else:  # as main did: each stored, then counted
                for company, pid, title, hashes in group:
                    store_paragraphs(db, company, pid, title, hashes)
                    shared_counts(db, company, pid, title, hashes)
            seconds += time.perf_counter() - start
            if marked:
                # Untimed: the re-read of each stale posting (an extraction) records what it now sees shared.
                rereads += marked
                company = group[0][0]
                for (stale,) in db.execute("select posting_id from extractions where stale = 1").fetchall():
                    record_shared(db, stale, shared_counts(db, company, stale, titles[stale], hashes_of[stale]))
                    db.execute("update extractions set stale = 0 where posting_id = ?", [stale])
        db.close()
    return seconds, rereads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=60, help="how many boards of the corpus, in name order")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--per-crawl", type=int, nargs="+", default=[1, 10],
                        help="postings of a board each crawl brings (default: 1, then 10)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"skipped: no corpus at {CORPUS}")
    items = postings(args.boards)
    paragraphs = sum(len(h) for *_, h in items)
    n = len(items)
    print(f"{n} postings of {args.boards} boards, {paragraphs} paragraphs")
    for per_crawl in args.per_crawl:
        base = min(run(items, False, per_crawl)[0] for _ in range(args.repeat))
        timed = [run(items, True, per_crawl) for _ in range(args.repeat)]
        now, rereads = min(t for t, _ in timed), timed[0][1]
        print(f"arriving {per_crawl} at a time per board:")
        print(f"  baseline (store + count):              {base / n * 1000:.3f} ms/posting")
        print(f"  with re-read marks (+ record + mark):  {now / n * 1000:.3f} ms/posting  ratio {now / base:.2f}")
        print(f"  re-reads caused: {rereads} ({rereads / n:.1%} of arrivals; each is one more extraction)")


if __name__ == "__main__":
    main()
