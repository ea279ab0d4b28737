"""Storing postings with duplicate grouping (URL, company+title+city, MinHash) against plain upserts, same run.

Run: .venv/bin/python benchmarks/store_speed.py [N]
Synthetic postings: N texts of ~300 words built from a fixed vocabulary (seeded), 10% planted cross-source copies.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from jobfit.crawler.pipelines import normalize_posting  # noqa: E402
from jobfit.crawler.store import PostingStore, content_hash  # noqa: E402
from jobfit.db import open_db  # noqa: E402
from jobfit.db.postings import posting_id, upsert_postings  # noqa: E402

WORDS = ("modèle données python pytorch équipe produit client déploiement kubernetes apprentissage "
         "évaluation langage vision recherche ingénieur plateforme qualité mesure documentation spark sql "
         "cloud analyse statistique projet industriel santé finance assurance énergie transport").split()


def postings(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(300))
        out.append(normalize_posting({"source": "lever", "external_id": f"b:{i}", "title": f"Poste {i}",
                                      "company": f"Entreprise {i % 50}", "city": "Paris", "description": text}))
        if i % 10 == 0:  # the same job on another source, retitled
            out.append(normalize_posting({"source": "welcometothejungle", "external_id": f"w:{i}",
                                          "title": f"Offre {i}", "company": f"Entreprise {i % 50}",
                                          "description": text + " Postulez."}))
    return out


def timed_store(batch: list[dict], grouped: bool) -> tuple[float, int]:
    db = open_db(Path(tempfile.mkdtemp()) / "bench.db")
    started = time.perf_counter()
    if grouped:
        store = PostingStore(db, batch_size=200)
        for p in batch:
            store.add(p)
        store.flush()
    else:
        rows = [{**p, "id": posting_id(p["source"], p["external_id"]), "content_hash": content_hash(p)}
                for p in batch]
        for start in range(0, len(rows), 200):
            upsert_postings(db, rows[start:start + 200])
    elapsed = time.perf_counter() - started
    groups = db.execute("select count(*) from canonical_postings").fetchone()[0]
    db.close()
    return elapsed, groups


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    batch = postings(n)
    base, _ = timed_store(batch, grouped=False)
    ours, groups = timed_store(batch, grouped=True)
    print(f"{len(batch)} postings ({n} + {len(batch) - n} planted copies)")
    print(f"plain upsert (baseline): {base:.2f} s, {len(batch) / base:,.0f} postings/s")
    print(f"upsert + grouping:       {ours:.2f} s, {len(batch) / ours:,.0f} postings/s, {groups} groups "
          f"(expected {n})")
    print(f"ratio (grouping / baseline time): {ours / base:.1f}x")


if __name__ == "__main__":
    main()
