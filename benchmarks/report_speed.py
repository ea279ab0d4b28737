"""`jobfit report` over a large database, start-up included, against `jobfit --version` in the same run.

Builds a synthetic database (default 100 000 postings, each with a scored match and a realistic explanation) with
sqlite-utils, then times the CLI as a subprocess: best of --repeat runs, after one warm-up (page cache).

    python benchmarks/report_speed.py [--postings 100000] [--repeat 5] [--db /tmp/report_speed.db]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.db import open_db  # noqa: E402

JOBFIT = [sys.executable, "-m", "jobfit"]
SKILLS = ["python", "pytorch", "sql", "apache_spark", "docker", "kubernetes", "aws", "statistics", "nlp", "airflow"]
CITIES = ["Paris, FR", "Lyon, FR", "Berlin, DE", "London, GB", "Remote (Europe)", "Toulouse, FR", "Nantes, FR"]


def build(path: Path, n: int, seed: int = 5) -> None:
    """Write `n` postings, their skill hits (3 each) and expert_ia matches into a fresh database."""
    rng = random.Random(seed)
    db = open_db(path)

    def postings():
        for i in range(n):
            yield {"id": f"synthetic:{i}", "source": "synthetic", "external_id": str(i),
                   "title": f"Machine Learning Engineer {i}", "company": f"Company {i % 997}",
                   "location": rng.choice(CITIES), "remote": rng.choice(["onsite", "hybrid", "remote"]),
                   "contract": rng.choice(["full_time", "full_time", "freelance", "internship"]),
                   "salary_min": rng.choice([None, 45000, 55000]), "salary_max": rng.choice([None, 60000, 80000]),
                   "salary_currency": "EUR", "salary_period": "year",
                   "posted_at": f"2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}",
                   "url": f"https://jobs.example/{i}", "language": "fr", "description": "Python, PyTorch, SQL. " * 40,
                   "content_hash": str(i), "first_seen": "2026-11-01T00:00:00+00:00",
                   "last_seen": "2026-11-27T00:00:00+00:00"}

    def matches():
        for i in range(n):
            matched = [{"requirement": s, "skill": s, "name": s.title(), "section": "required",
                        "evidence": f"Vous maîtrisez {s} et l'industrialisation de modèles en production.",
                        "credit": 1.0, "tier": "required", "related": False} for s in rng.sample(SKILLS, 5)]
            yield {"posting_id": f"synthetic:{i}", "profile": "expert_ia", "score": round(rng.uniform(0, 95), 1),
                   "content_hash": str(i), "profile_version": "bench",
                   "subscores": json.dumps({"profile_coverage": 0.5, "posting_coverage": 0.6, "title_fit": 1.0}),
                   "explanation": json.dumps({"matched": matched, "missing_required": ["Statistics"],
                                              "missing_other": ["Git"], "extra": ["Java", "Scala"],
                                              "penalties": [], "title_role": "machine learning"})}

    def hits():
        for i in range(n):
            for s in rng.sample(SKILLS, 3):
                yield {"posting_id": f"synthetic:{i}", "skill_id": s, "section": "required", "text": s,
                       "start": 0, "end": len(s), "negated": 0, "sentence": s}

    with db.conn:
        db["postings"].insert_all(postings(), batch_size=5000)
        db["matches"].insert_all(matches(), batch_size=5000)
        db["posting_skills"].insert_all(hits(), batch_size=5000)
    db.execute("analyze")
    db.close()


def best_time(args: list[str], repeat: int) -> float:
    """Best wall time of running `args`, after one warm-up run."""
    subprocess.run(args, check=True, capture_output=True)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="database to build (or reuse, when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobfit-bench-") as tmp:
        db_path = args.db or Path(tmp) / "report_speed.db"
        if not db_path.exists():
            start = time.perf_counter()
            build(db_path, args.postings)
            print(f"built {args.postings} postings in {time.perf_counter() - start:.1f} s: {db_path}")
        db = ["--db", str(db_path)]
        baseline = best_time(JOBFIT + ["--version"], args.repeat)
        print(f"{'jobfit --version (start-up baseline)':<58}{baseline:>8.3f} s")
        cases = {
            "report --top 20 (table)": ["report", *db, "--top", "20"],
            "report --top 20 --format json": ["report", *db, "--top", "20", "--format", "json"],
            "report --top 100 --format html": ["report", *db, "--top", "100", "--format", "html"],
            "report --remote remote --location Paris --min-salary 50000": [
                "report", *db, "--remote", "remote", "--location", "Paris", "--min-salary", "50000"],
            "report --since 2026-11-01 --contract freelance": [
                "report", *db, "--since", "2026-11-01", "--contract", "freelance"],
            "report --min-score 99 (nothing passes)": ["report", *db, "--min-score", "99"],
            "stats --top 50": ["stats", *db, "--top", "50"],
        }
        for label, case in cases.items():
            seconds = best_time(JOBFIT + case, args.repeat)
            verdict = "ok" if seconds < 1 else "SLOW"
            print(f"{label:<58}{seconds:>8.3f} s  {seconds / baseline:>5.2f}× baseline  {verdict}")


if __name__ == "__main__":
    main()
