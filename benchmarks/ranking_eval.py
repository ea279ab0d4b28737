"""Ranking quality: jobfit's score against BM25 and plain keyword coverage, on graded postings.

Grades (0–3 per shipped profile, written before any tuning) are in benchmarks/data/demo_grades.csv, keyed by the
demo corpus key; benchmarks/data/fixture_grades.csv grades the Ashby fixtures of ../shared/data (read in place,
skipped when absent; graded before jobfit scored them, after the first scoring changes). The evaluation database
is built by the real pipeline (demo: serve, crawl, extract; fixtures: store, extract), then every posting is
scored for each profile. Printed per profile, posting set (demo; demo + Ashby) and view (full text; title
alone, as imported postings often come): nDCG@10, nDCG over the whole list, P@5 (grade >= 2 is relevant) and
pairwise order accuracy (pairs of different grades; a tied score counts one half). "jobfit" uses the shipped
profile; "jobfit-nf" the same profile without its [filters] (the grades judge the fit of the job, not the user's
location or contract wishes).

    python benchmarks/ranking_eval.py [--db eval.db] [--rebuild | --add-fixtures] [--json]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.config import find_profile  # noqa: E402
from jobfit.db import open_db  # noqa: E402
from jobfit.db.fold import fold  # noqa: E402
from jobfit.db.postings import upsert_postings  # noqa: E402
from jobfit.db.queries import postings_with_skills  # noqa: E402
from jobfit.matcher.profile import Profile, load_profile  # noqa: E402
from jobfit.matcher.skills import SkillTable  # noqa: E402

GRADES = REPO / "benchmarks" / "data" / "demo_grades.csv"
FIXTURE_GRADES = REPO / "benchmarks" / "data" / "fixture_grades.csv"
ASHBY = REPO.parent / "shared" / "data" / "fixtures" / "ashby"
CONTRACTS = {"FullTime": "full_time", "PartTime": "part_time", "Intern": "internship", "Contract": "freelance",
             "Temporary": "temporary"}
PROFILES = ("expert_ia", "data_engineer", "pentester")
METRICS = ("nDCG@10", "nDCG", "P@5", "pairwise")
_WORD = re.compile(r"[a-z0-9+#]+")


def load_grades(path: Path = GRADES) -> dict[str, dict[str, int]]:
    """Profile id → posting key → grade."""
    out: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            for profile, grade in row.items():
                if profile != "key" and grade != "":
                    out.setdefault(profile, {})[row["key"]] = int(grade)
    return out


def corpus_key(posting: dict) -> str | None:
    """The demo corpus key of a stored posting: from its page URL, or the Greenhouse requisition_id."""
    found = re.search(r"/jobs/([\w-]+)\.html$", posting.get("url") or "")
    if found:
        return found.group(1)
    raw = json.loads(posting.get("raw") or "{}")
    return raw.get("requisition_id") or raw.get("fixture_key")


def ashby_postings() -> list[dict]:
    """The Ashby fixture postings (third-party files, read in place), as stored postings."""
    postings = []
    for path in sorted(ASHBY.glob("*.json")):
        for job in json.loads(path.read_text(encoding="utf-8"))["jobs"]:
            key = f"ashby/{path.name}#{job['id']}"
            postings.append({
                "id": f"ashby:{job['id']}", "source": "ashby", "external_id": job["id"], "title": job["title"],
                "company": path.stem, "location": job.get("location"), "url": job.get("jobUrl"),
                "remote": "remote" if job.get("isRemote") else None,
                "contract": CONTRACTS.get(job.get("employmentType")), "posted_at": (job.get("publishedAt") or "")[:10],
                "description": job.get("descriptionPlain") or "", "content_hash": job["id"],
                "raw": {"fixture_key": key}})
    return postings


def add_fixtures(path: Path) -> int:
    """Store and extract the graded Ashby fixtures next to the demo postings; 0 when they are absent."""
    from jobfit.flow import Flow

    postings = ashby_postings()
    if postings:
        with Flow(path) as flow:
            upsert_postings(flow.db, postings)
            flow.extract()
    return len(postings)


def build_db(path: Path) -> None:
    """Crawl the demo corpus into `path` and extract skills (the real pipeline)."""
    from jobfit.demo.walkthrough import run_demo

    run_demo(path, top=1)
    add_fixtures(path)


def all_extracted(db):
    """Every extracted posting with its skill hits, read by chunks."""
    after = ""
    while chunk := postings_with_skills(db, "", "", "", stale_only=False, after=after):
        yield from chunk
        after = chunk[-1][0]["id"]


def score_all(extracted: list[tuple[dict, list[dict]]], profile: Profile, table: SkillTable,
              title_only: bool = False) -> dict[str, float]:
    """Posting id → jobfit score; `title_only` scores as if the posting had a title and no description."""
    from jobfit.matcher.score import score_posting

    scores = {}
    for posting, hits in extracted:
        if title_only:
            posting = {**posting, "description": None}
            hits = [h for h in hits if h["section"] == "title"]
        scores[posting["id"]] = score_posting(profile, table, hits, posting)["score"]
    return scores


def tokens(text: str) -> list[str]:
    """Folded word tokens."""
    return _WORD.findall(fold(text))


def profile_terms(profile: Profile, table: SkillTable) -> list[list[str]]:
    """Per requirement, the surface forms (names and aliases, folded) of its skills."""
    out = []
    for req in profile.requirements:
        forms = set()
        for skill_id in req.skills:
            skill = table.skills.get(skill_id)
            if skill:
                forms.update(fold(f) for f in (skill.name, skill.name_fr, *skill.aliases) if f)
        out.append(sorted(forms))
    return out


def bm25_scores(docs: dict[str, str], query: list[str], k1: float = 1.2, b: float = 0.75) -> dict[str, float]:
    """Okapi BM25 of the query tokens over each document."""
    tokenised = {k: tokens(v) for k, v in docs.items()}
    n = len(tokenised)
    avg = sum(len(t) for t in tokenised.values()) / max(n, 1)
    df = Counter(term for t in tokenised.values() for term in set(t))
    query_terms = Counter(query)
    out = {}
    for key, toks in tokenised.items():
        tf = Counter(toks)
        score = 0.0
        for term, qtf in query_terms.items():
            if term not in tf:
                continue
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            score += qtf * idf * tf[term] * (k1 + 1) / (tf[term] + k1 * (1 - b + b * len(toks) / avg))
        out[key] = score
    return out


def keyword_coverage(docs: dict[str, str], terms: list[list[str]]) -> dict[str, float]:
    """Share of the profile's requirements with at least one surface form in the text (all weigh the same)."""
    patterns = [re.compile("|".join(rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])" for f in forms)) for forms in terms
                if forms]
    return {key: sum(1 for p in patterns if p.search(fold(text))) / len(patterns) for key, text in docs.items()}


def ranking(scores: dict[str, float]) -> list[str]:
    """Keys by descending score; equal scores in key order."""
    return sorted(scores, key=lambda k: (-scores[k], k))


def dcg(grades: list[int]) -> float:
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg(order: list[str], grades: dict[str, int], k: int | None = None) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades[key] for key in order[:k]]) / ideal if ideal else 0.0


def precision_at(order: list[str], grades: dict[str, int], k: int = 5) -> float:
    return sum(1 for key in order[:k] if grades[key] >= 2) / k


def pairwise(scores: dict[str, float], grades: dict[str, int]) -> float:
    """Share of pairs with different grades where the better posting scores higher (ties count one half)."""
    keys = sorted(grades)
    right = total = 0.0
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if grades[a] == grades[b]:
                continue
            hi, lo = (a, b) if grades[a] > grades[b] else (b, a)
            total += 1
            right += 1.0 if scores[hi] > scores[lo] else 0.5 if scores[hi] == scores[lo] else 0.0
    return right / total if total else 0.0


def evaluate(scores: dict[str, float], grades: dict[str, int]) -> dict[str, float]:
    order = ranking(scores)
    return {"nDCG@10": ndcg(order, grades, 10), "nDCG": ndcg(order, grades), "P@5": precision_at(order, grades),
            "pairwise": pairwise(scores, grades)}


def run(db_path: Path) -> dict[str, dict[str, dict[str, float]]]:
    """Profile → method → metric → value."""
    db = open_db(db_path)
    table = SkillTable.load()
    demo = load_grades()
    fixtures = load_grades(FIXTURE_GRADES)
    grades = {name: {**demo[name], **fixtures.get(name, {})} for name in PROFILES}
    extracted = [(p, hits) for p, hits in all_extracted(db) if corpus_key(p) in grades[PROFILES[0]]]
    db.close()
    keys = {p["id"]: corpus_key(p) for p, _ in extracted}
    texts = {keys[p["id"]]: f"{p['title']}\n{p['description'] or ''}" for p, _ in extracted}
    titles = {keys[p["id"]]: p["title"] for p, _ in extracted}
    sets = [("demo", set(demo[PROFILES[0]]))]
    if set(fixtures.get(PROFILES[0], {})) & set(texts):
        sets.append(("demo+ashby", set(grades[PROFILES[0]])))
    results = {}
    for name in PROFILES:
        profile = load_profile(find_profile(name), table.skills)
        unfiltered = Profile(**{**vars(profile), "filters": {}})
        terms = profile_terms(profile, table)
        query = [t for forms in terms for f in forms for t in tokens(f)]
        for (set_name, members), (view, title_only, all_docs) in itertools.product(
                sets, (("full text", False, texts), ("titles only", True, titles))):
            docs = {k: v for k, v in all_docs.items() if k in members}
            graded = {k: g for k, g in grades[name].items() if k in docs}
            suffix = f" [{set_name}, {view}]"
            chosen = [(p, hits) for p, hits in extracted if keys[p["id"]] in docs]
            methods = {
                "jobfit": score_all(chosen, profile, table, title_only),
                "jobfit-nf": score_all(chosen, unfiltered, table, title_only),
                "bm25": bm25_scores(docs, query),
                "keywords": keyword_coverage(docs, terms),
            }
            methods = {m: {keys.get(k, k): v for k, v in s.items()} for m, s in methods.items()}
            results[name + suffix] = {m: evaluate({k: s.get(k, 0.0) for k in graded}, graded)
                                      for m, s in methods.items()}
            results[name + suffix]["_postings"] = {"graded": len(graded)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="evaluation database (built by the demo pipeline if missing)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it exists")
    parser.add_argument("--add-fixtures", action="store_true", help="add the Ashby fixtures to an existing database")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobfit-eval-") as tmp:
        db_path = args.db or Path(tmp) / "eval.db"
        if args.rebuild or not db_path.exists():
            build_db(db_path)
        elif args.add_fixtures:
            add_fixtures(db_path)
        results = run(db_path)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for name, methods in results.items():
        print(f"\n{name} ({methods.pop('_postings')['graded']} graded postings)")
        print(f"  {'method':<10}" + "".join(f"{m:>10}" for m in METRICS))
        for method, figures in methods.items():
            print(f"  {method:<10}" + "".join(f"{figures[m]:>10.3f}" for m in METRICS))
        lead = {m: methods["jobfit"][m] - max(methods["bm25"][m], methods["keywords"][m]) for m in METRICS}
        print(f"  {'lead':<10}" + "".join(f"{lead[m]:>+10.3f}" for m in METRICS))


if __name__ == "__main__":
    main()
