"""Ranking quality: jobfit's score against BM25 and plain keyword coverage, on graded real and demo postings.

Two graded sets, each scored by the real pipeline in a temporary database:
- "real": benchmarks/data/real_grades_fr.csv + real_grades_en.csv (real postings of ../shared/data/corpus, graded
  0–3 before any tuning; read in place, skipped when absent). Ashby boards go through the Ashby spider's parse
  (the graded postings of a board and 15 others are stored, so text a company repeats is seen as such),
  France Travail and WTTJ rows through `jobfit import` as jobfit JSON Lines, and the title-only rows through
  `jobfit import` as a JobSpy CSV with only title, company, location and date (as LinkedIn imports often come).
- "demo": the offline demo site crawled by the demo's own flow, graded in benchmarks/data/demo_grades.csv.
Then `Flow.match` extracts and scores for each profile, and the stored match scores are read back.

Printed per profile and set (real, real described only, demo): nDCG@10, nDCG@25, nDCG over the whole list, P@5
(grade >= 2 is relevant), pairwise order accuracy (pairs of different grades; a tied score counts one half),
pairwise-d (the same over the pairs the scorer can decide: a pair whose better-graded posting is title-only, graded
on a text the scorer never sees, is left out; see decidable_pairwise), and the median score of each grade, for
"jobfit" (the shipped profile), "jobfit-nf" (the same profile without its [filters]: the grades judge the job, not
the user's place or contract wishes; scored in-process from the same extractions), "bm25" (Okapi BM25 of 25 terms of
the profile's own keywords, see `bm25_query`), "bm25-f" (BM25 times the same filter factors as jobfit's, the
baseline of the filtered score) and "keywords" (share of the profile's requirements named in the text). On the real
set it also counts title-only rows ranked above a described posting of a grade at least theirs, and `--worst N`
lists the N worst-ordered pairs of jobfit.

The profile's filters include the age of a posting, and the corpus postings were captured weeks or months ago: by
default (`--today capture`) a real posting is scored as of its source's capture date (the latest publication date
of that source in the corpus), as a user would have seen it then; the same postings and texts feed BM25 and the
keyword baseline. `--today now` reads the scores `jobfit match` stored (as of today), `--today YYYY-MM-DD` scores
as of that day.

    python benchmarks/ranking_eval.py [--set real|demo|all] [--db-dir DIR] [--reuse] [--today capture|now|DAY]
                                      [--worst N] [--json]
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import json
import math
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.config import find_profile  # noqa: E402
from jobfit.db import open_db  # noqa: E402
from jobfit.db.fold import fold  # noqa: E402
from jobfit.db.queries import postings_with_skills  # noqa: E402
from jobfit.matcher.profile import Profile, load_profile  # noqa: E402
from jobfit.matcher.score import is_described  # noqa: E402
from jobfit.matcher.skills import SkillTable  # noqa: E402

DATA = REPO / "benchmarks" / "data"
GRADES = DATA / "demo_grades.csv"
REAL_GRADES = (DATA / "real_grades_fr.csv", DATA / "real_grades_en.csv")
CORPUS = REPO.parent / "shared" / "data" / "corpus"
PROFILES = ("expert_ia", "data_engineer")
METRICS = ("nDCG@10", "nDCG@25", "nDCG", "P@5", "pairwise", "pairwise-d")
BM25_TERMS = 25
OTHERS_PER_BOARD = 15
_WORD = re.compile(r"[a-z0-9+#]+")


def load_grades(path: Path = GRADES) -> dict[str, dict[str, int]]:
    """Profile id → posting key → grade (a demo grades file: every column but `key` is a profile)."""
    out: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            for profile, grade in row.items():
                if profile != "key" and grade != "":
                    out.setdefault(profile, {})[row["key"]] = int(grade)
    return out


def load_real_grades(paths=REAL_GRADES) -> list[dict]:
    """The real graded rows: {key, expert_ia, data_engineer, title_only} (grades as ints)."""
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(line for line in f if not line.startswith("#")):
                rows.append({"key": row["key"], "title_only": row["title_only"] == "1",
                             **{p: int(row[p]) for p in PROFILES}})
    return rows


def corpus_key(posting: dict) -> str | None:
    """The demo corpus key of a stored posting: from its page URL, or the Greenhouse requisition_id."""
    found = re.search(r"/jobs/([\w-]+)\.html$", posting.get("url") or "")
    if found:
        return found.group(1)
    raw = json.loads(posting.get("raw") or "{}")
    return raw.get("requisition_id") or raw.get("fixture_key")


# --- the real set: postings from the corpus, stored by jobfit's own readers ---

def _wttj_company(text: str) -> str | None:
    try:
        return ast.literal_eval(text).get("name")
    except (ValueError, SyntaxError, AttributeError):
        return text or None


def corpus_records() -> dict[str, dict]:
    """Every France Travail and WTTJ posting of the corpus, as jobfit JSON Lines records, by grade key; both in
    France, as jobfit's own spiders store them (France Travail's sets country FR, WTTJ's JSON-LD gives it)."""
    out = {}
    with (CORPUS / "francetravail" / "offers.jsonl").open(encoding="utf-8") as f:
        for line in f:
            o = json.loads(line)
            out[f"francetravail:{o['offer_id']}"] = {
                "source": "francetravail", "external_id": o["offer_id"], "title": o["title"], "company": o["company"],
                "location": o["location"], "country": "FR", "posted_at": (o.get("published_date") or "")[:10] or None,
                "contract": o.get("contract_type"), "url": o.get("url"), "language": "fr",
                "salary_text": o["salary"] if o.get("salary") not in (None, "None") else None,
                "description": o.get("description")}
    with (CORPUS / "wttj" / "job_offers_wttj.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if not r.get("url_direct_offer") or not r.get("title"):
                continue
            out[f"wttj:{r['url_direct_offer']}"] = {
                "source": "welcometothejungle", "external_id": r["url_direct_offer"], "title": r["title"],
                "company": _wttj_company(r["company"]), "location": r["location"] or None, "country": "FR",
                "contract": r["contract_type"] or None, "remote": r["remote_type"] or None,
                "salary_text": r["salary"] if r["salary"] not in ("", "Non spécifié") else None,
                "posted_at": r["publication_date"] or None, "url": r["url_direct_offer"], "language": "fr",
                "description": "\n\n".join(x for x in (r["description"], r["profil_experience"]) if x)}
    return out


def source_of_key(key: str) -> str:
    """The corpus source a graded key comes from: ashby, francetravail or wttj."""
    return key.split(":", 1)[0]


def capture_dates() -> dict[str, date]:
    """Source → the day its corpus file was captured, read as the latest publication date among its postings (a
    posting is not published after its capture)."""
    ashby = max((j.get("publishedAt") or "")[:10] for path in (CORPUS / "ashby").glob("*.json")
                for j in json.loads(path.read_text(encoding="utf-8"))["jobs"])
    records = corpus_records()
    other = {name: max(r["posted_at"] or "" for k, r in records.items() if source_of_key(k) == name)
             for name in ("francetravail", "wttj")}
    return {name: date.fromisoformat(day[:10]) for name, day in {"ashby": ashby, **other}.items()}


def ashby_board_records(board: str) -> list[dict]:
    """Every listed posting of one corpus Ashby board, as the Ashby spider parses the API answer."""
    from scrapy.http import TextResponse

    from jobfit.crawler.spiders.ashby import AshbySpider

    path = CORPUS / "ashby" / f"{board}.json"
    url = path.resolve().as_uri()
    spider = AshbySpider(url=url, company=board)
    response = TextResponse(url=url, body=path.read_bytes(), encoding="utf-8")
    items = [dict(item) for item in spider.parse(response)]
    # The spider names a board by its jobUrl slug; the graded keys name it by the corpus file: store under those.
    for item in items:
        item["external_id"] = f"{board}:{item['external_id'].rsplit(':', 1)[-1]}"
    return items


def title_only_id(key: str) -> str:
    """The JobSpy job id a title-only row is imported under."""
    return "jf" + hashlib.sha1(key.encode()).hexdigest()[:12]


def real_id(row: dict) -> str:
    """The id the real graded row's posting is stored under."""
    key = row["key"]
    if row["title_only"]:
        return f"linkedin:{title_only_id(key)}"
    if key.startswith("wttj:"):
        return "welcometothejungle:" + key[5:]
    return key  # ashby:BOARD:JOB and francetravail:OFFER are the stored ids


def build_real_db(path: Path, rows: list[dict], profiles: list[Profile], store: bool = True) -> dict[str, str]:
    """Store the real graded postings in `path` by jobfit's readers (unless not `store`), extract and score them
    again; key → posting id."""
    from jobfit.flow import Flow

    started = time.perf_counter()
    if store:
        store_real(path, rows)
    stored = time.perf_counter()
    with Flow(path) as flow:
        outcome = flow.match(profiles, rescore=True)
    print(f"real set: stored in {stored - started:.0f} s, {outcome.extracted} postings extracted and scored in "
          f"{time.perf_counter() - stored:.0f} s", file=sys.stderr)
    return {row["key"]: real_id(row) for row in rows}


def store_real(path: Path, rows: list[dict]) -> None:
    """Store the real graded postings in `path`, as jobfit's readers store them."""
    from jobfit.importers import import_file

    records = corpus_records()
    boards = sorted({r["key"].split(":")[1] for r in rows if r["key"].startswith("ashby:") and not r["title_only"]})
    described, jobspy = [], []
    graded = {r["key"] for r in rows}
    for board in boards:
        # The graded postings of the board and its first OTHERS_PER_BOARD others: enough for text a company
        # repeats in every posting to show as such, without extracting thousands of postings.
        items = ashby_board_records(board)
        others = [i for i in items if f"ashby:{i['external_id']}" not in graded][:OTHERS_PER_BOARD]
        described += [i for i in items if f"ashby:{i['external_id']}" in graded] + others
    for row in rows:
        key = row["key"]
        if row["title_only"]:
            original = records.get(key) or _ashby_item(key)
            jobspy.append({"site": "linkedin", "id": title_only_id(key),
                           "job_url": f"https://www.linkedin.com/jobs/view/{title_only_id(key)}",
                           "title": original["title"], "company": original.get("company") or "",
                           "location": jobspy_location(original),
                           "date_posted": (original.get("posted_at") or "")[:10], "description": ""})
        elif not key.startswith("ashby:"):
            described.append(records[key])
    with tempfile.TemporaryDirectory(prefix="jobfit-eval-import-") as tmp:
        jsonl = Path(tmp) / "described.jsonl"
        jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in described), encoding="utf-8")
        spy = Path(tmp) / "jobspy.csv"
        with spy.open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=list(jobspy[0]))
            writer.writeheader()
            writer.writerows(jobspy)
        for file in (jsonl, spy):
            result = import_file(file, path)
            if result.errors:
                raise SystemExit(f"import of {file.name} failed: {result.errors[:3]}")


def jobspy_location(posting: dict) -> str:
    """The location as a JobSpy row of LinkedIn writes it, "City, Country" ("93 - Montreuil" → "Montreuil, France")."""
    place = (posting.get("location") or "").strip()
    if re.match(r"^\w{2,3} - ", place):  # a France Travail department prefix
        place = place.split(" - ", 1)[1]
    country = {"FR": "France"}.get(posting.get("country"), posting.get("country"))
    if country and country.lower() not in place.lower():
        return f"{place}, {country}" if place else country
    return place


_ASHBY_CACHE: dict[str, dict[str, dict]] = {}


def _ashby_item(key: str) -> dict:
    _, board, job = key.split(":", 2)
    if board not in _ASHBY_CACHE:
        _ASHBY_CACHE[board] = {i["external_id"]: i for i in ashby_board_records(board)}
    return _ASHBY_CACHE[board][f"{board}:{job}"]


def build_demo_db(path: Path, profiles: list[Profile], crawl: bool = True) -> dict[str, str]:
    """Crawl the demo site into `path` (the demo's own flow) unless not `crawl`, extract and score; key → id."""
    from jobfit.demo.walkthrough import run_demo
    from jobfit.flow import Flow

    if crawl:
        run_demo(path, top=1)
    with Flow(path) as flow:
        flow.match(profiles, rescore=True)
        return {corpus_key(p): p["id"] for p, _ in all_extracted(flow.db) if corpus_key(p)}


# --- reading back, baselines, metrics ---

def all_extracted(db):
    """Every extracted posting with its skill hits, read by chunks."""
    after = ""
    while chunk := postings_with_skills(db, "", "", "", stale_only=False, after=after):
        yield from chunk
        after = chunk[-1][0]["id"]


def stored_scores(db, profile: str) -> dict[str, float]:
    """Posting id → the score `jobfit match` stored for `profile`."""
    return {r["posting_id"]: r["score"] for r in db.query("select posting_id, score from matches where profile = ?",
                                                           [profile])}


def score_all(extracted: list[tuple[dict, list[dict]]], profile: Profile, table: SkillTable,
              title_only: bool = False, today_of: dict[str, date] | None = None, **kwargs) -> dict[str, float]:
    """Posting id → jobfit score computed in-process; `title_only` scores as if the posting had only a title;
    `today_of` (posting id → day) scores a posting as of that day."""
    return {pid: s["score"] for pid, s in score_details(extracted, profile, table, title_only, today_of,
                                                         **kwargs).items()}


def score_details(extracted, profile: Profile, table: SkillTable, title_only: bool = False,
                  today_of: dict[str, date] | None = None, **kwargs) -> dict[str, dict]:
    """Posting id → score_posting's whole answer (see score_all)."""
    from jobfit.matcher.score import score_posting

    out = {}
    for posting, hits in extracted:
        if title_only:
            posting = {**posting, "description": None}
            hits = [h for h in hits if h["section"] == "title"]
        today = (today_of or {}).get(posting["id"], kwargs.get("today"))
        out[posting["id"]] = score_posting(profile, table, hits, posting, **{**kwargs, "today": today})
    return out


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


def bm25_query(profile: Profile, table: SkillTable, size: int = BM25_TERMS) -> list[str]:
    """`size` distinct terms of the profile's own keywords: the words of the first skill of each requirement (by
    weight), then of its job titles, then of the requirements' other skills; generic job words left out."""
    from jobfit.matcher.score import GENERIC_TITLE_WORDS

    def words(skill_id):
        skill = table.skills.get(skill_id)
        return tokens(skill.name) + tokens(skill.name_fr or "") if skill else []

    reqs = sorted(profile.requirements, key=lambda r: -r.weight)
    found = [w for r in reqs for w in words(r.skills[0])]
    found += [w for role in profile.titles for w in tokens(role)]
    found += [w for r in reqs for s in r.skills[1:] for w in words(s)]
    out = []
    for w in found:
        if w not in out and w not in GENERIC_TITLE_WORDS and w not in ("par", "pour", "a") and len(w) > 1:
            out.append(w)
    return out[:size]


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


def pairwise(scores: dict[str, float], grades: dict[str, int], unseen_better: frozenset[str] = frozenset()) -> float:
    """Share of pairs with different grades where the better posting scores higher (ties count one half); pairs
    whose better-graded posting is in `unseen_better` are left out (see decidable_pairwise)."""
    by_grade: dict[int, list[float]] = {}
    kept: dict[int, list[float]] = {}
    for key, g in grades.items():
        by_grade.setdefault(g, []).append(scores[key])
        if key not in unseen_better:
            kept.setdefault(g, []).append(scores[key])
    right = total = 0.0
    for hi, lo in itertools_pairs(sorted(by_grade)):
        for a in kept.get(hi, ()):
            for b in by_grade[lo]:
                total += 1
                right += 1.0 if a > b else 0.5 if a == b else 0.0
    return right / total if total else 0.0


def decidable_pairwise(scores: dict[str, float], grades: dict[str, int], title_only: set[str]) -> float:
    """Pairwise order over the pairs the scorer can decide. A title-only row was graded on its full text, which
    the scorer never sees (a JobSpy row has only the title): when it is the better-graded of a pair, what makes it
    better may lie in that text alone (a "Développeur IA" graded 1 on a text about something else, a "Machine
    Learning Engineer" graded 3), so the pair is left out. When it is the worse-graded, the pair stays: a posting
    known only by its title must not outrank a described posting that fits better, and its title is enough to
    place it below. Pairs of two described postings all stay."""
    return pairwise(scores, grades, frozenset(title_only))


def itertools_pairs(grades: list[int]):
    """(higher, lower) for every two distinct grades."""
    return [(h, lo) for i, lo in enumerate(grades) for h in grades[i + 1:]]


def evaluate(scores: dict[str, float], grades: dict[str, int], title_only: set[str] = frozenset()) -> dict[str, float]:
    """The ranking figures; "pairwise-d" is pairwise over the decidable pairs (see decidable_pairwise), the same as
    "pairwise" when no posting is title-only."""
    order = ranking(scores)
    return {"nDCG@10": ndcg(order, grades, 10), "nDCG@25": ndcg(order, grades, 25), "nDCG": ndcg(order, grades),
            "P@5": precision_at(order, grades), "pairwise": pairwise(scores, grades),
            "pairwise-d": decidable_pairwise(scores, grades, set(title_only) & set(grades))}


def grade_medians(scores: dict[str, float], grades: dict[str, int]) -> dict[int, float]:
    """The median score of the postings of each grade."""
    by: dict[int, list[float]] = {}
    for key, g in grades.items():
        by.setdefault(g, []).append(scores[key])
    return {g: round(statistics.median(v), 1) for g, v in sorted(by.items())}


def title_only_inversions(scores: dict[str, float], grades: dict[str, int], title_only: set[str]) -> dict[str, int]:
    """Title-only rows scored above a described posting of a grade at least theirs: all such pairs, and those
    against a described grade-3 posting."""
    described = [k for k in grades if k not in title_only]
    pairs = top = 0
    for t in title_only & set(grades):
        for d in described:
            if grades[d] >= grades[t] and scores[t] > scores[d]:
                pairs += 1
                top += grades[d] == 3
    return {"pairs": pairs, "above_grade3": top}


def left_out_pairs(scores: dict[str, float], grades: dict[str, int], title_only: set[str]) -> dict:
    """The pairs decidable_pairwise leaves out (a title-only row graded above the other posting): how many, and
    the share of them in the graded order (ties one half), so that nothing left out is hidden."""
    right = total = 0.0
    for t in title_only & set(grades):
        for other in grades:
            if grades[t] > grades[other]:
                total += 1
                right += 1.0 if scores[t] > scores[other] else 0.5 if scores[t] == scores[other] else 0.0
    return {"left_out_pairs": int(total), "left_out_in_order": round(right / total, 3) if total else None}


def methods_for(profile: Profile, table: SkillTable, extracted, ids: dict[str, str], stored: dict[str, float],
                texts: dict[str, str], today_of: dict[str, date] | None = None,
                details: dict | None = None) -> dict[str, dict[str, float]]:
    """Method → key → score, for the graded keys. "jobfit" is the stored score, or with `today_of` (posting id →
    day) the shipped profile's score as of that day; `details`, when given, gets key → score_posting's answer."""
    unfiltered = Profile(**{**vars(profile), "filters": {}})
    by_id = {p["id"]: (p, h) for p, h in extracted}
    chosen = [by_id[i] for i in ids.values() if i in by_id]
    nf = score_all(chosen, unfiltered, table)
    full = score_details(chosen, profile, table, today_of=today_of)
    if details is not None:
        details.update({k: full[i] for k, i in ids.items() if i in full})
    if today_of is not None:
        stored = {i: s["score"] for i, s in full.items()}
    bm25 = bm25_scores(texts, bm25_query(profile, table))
    return {
        "jobfit": {k: stored.get(i, 0.0) for k, i in ids.items()},
        "jobfit-nf": {k: nf.get(i, 0.0) for k, i in ids.items()},
        "bm25": bm25,
        # BM25 under the same filters, as of the same day: the baseline of the filtered jobfit score.
        "bm25-f": {k: v * full[ids[k]]["subscores"]["filter_factor"] for k, v in bm25.items() if ids[k] in full},
        "keywords": keyword_coverage(texts, profile_terms(profile, table)),
    }


def worst_pairs(scores: dict[str, float], grades: dict[str, int], n: int) -> list[tuple[str, str]]:
    """The n pairs ordered worst: (better graded, worse graded) where the better scores lower, by grade gap ×
    score gap."""
    keys = sorted(grades)
    bad = [((grades[a] - grades[b]) * (scores[b] - scores[a]), a, b)
           for a in keys for b in keys if grades[a] > grades[b] and scores[a] < scores[b]]
    return [(a, b) for _, a, b in sorted(bad, reverse=True)[:n]]


def fresh(path: Path, reuse: bool) -> bool:
    """Whether to build the database at `path` anew (removing an old one); False reuses what it holds."""
    if reuse and path.exists():
        return False
    for f in path.parent.glob(path.name + "*"):
        f.unlink()
    return True


def run(db_dir: Path, which: str = "all", reuse: bool = False, today: str = "capture", worst: int = 0) -> dict:
    """Set/profile → {method: metrics + medians}, plus the title-only checks of the real set and its `worst`
    worst-ordered pairs; real postings are scored as of `today` ("capture", "now" or YYYY-MM-DD)."""
    table = SkillTable.load()
    profiles = {name: load_profile(find_profile(name), table.skills) for name in (*PROFILES, "pentester")}
    results = {}
    sets = []
    if which in ("real", "all"):
        if not CORPUS.is_dir():
            print(f"skipping the real set: {CORPUS} is absent", file=sys.stderr)
        else:
            rows = load_real_grades()
            path = db_dir / "real.db"
            ids = build_real_db(path, rows, [profiles[p] for p in PROFILES], fresh(path, reuse))
            grades = {p: {r["key"]: r[p] for r in rows} for p in PROFILES}
            title_only = {r["key"] for r in rows if r["title_only"]}
            if today == "now":
                today_of = None
            else:
                captured = capture_dates() if today == "capture" else {}
                today_of = {ids[r["key"]]: captured.get(source_of_key(r["key"]), None) or date.fromisoformat(today)
                            for r in rows}
            sets.append(("real", path, ids, grades, title_only, PROFILES, today_of))
    if which in ("demo", "all"):
        path = db_dir / "demo.db"
        demo_profiles = (*PROFILES, "pentester")
        ids = build_demo_db(path, [profiles[p] for p in demo_profiles], fresh(path, reuse))
        demo = load_grades()
        # The demo site is crawled now: its stored scores are as of today.
        sets.append(("demo", path, {k: ids[k] for k in demo["expert_ia"] if k in ids}, demo, set(), demo_profiles,
                     None))
    for set_name, path, ids, grades, title_only, names, today_of in sets:
        db = open_db(path)
        extracted = list(all_extracted(db))
        by_id = {p["id"]: p for p, _ in extracted}
        texts = {k: f"{by_id[i]['title']}\n{by_id[i]['description'] or ''}" for k, i in ids.items() if i in by_id}
        if title_only:
            # A posting whose description only repeats its title is known by its title, whatever its source.
            title_only = title_only | {k for k, i in ids.items() if i in by_id and not is_described(by_id[i])}
        for name in names:
            details: dict = {}
            methods = methods_for(profiles[name], table, extracted, ids, stored_scores(db, name), texts, today_of,
                                  details if worst else None)
            views = [(set_name, set(grades[name]))]
            if title_only:
                views.append((f"{set_name} described", set(grades[name]) - title_only))
            for view, members in views:
                graded = {k: g for k, g in grades[name].items() if k in members and k in texts}
                entry = {}
                for method, scores in methods.items():
                    s = {k: scores.get(k, 0.0) for k in graded}
                    entry[method] = {**evaluate(s, graded, title_only), "medians": grade_medians(s, graded)}
                if view == set_name and title_only:
                    s = {k: methods["jobfit"].get(k, 0.0) for k in graded}
                    entry["_title_only"] = {**title_only_inversions(s, graded, title_only),
                                            **left_out_pairs(s, graded, title_only)}
                entry["_postings"] = {"graded": len(graded), "title_only": len(title_only & set(graded))}
                if worst and view == set_name:
                    s = {k: methods["jobfit"].get(k, 0.0) for k in graded}
                    entry["_worst"] = [
                        {"better": a, "worse": b, "grades": [graded[a], graded[b]], "scores": [s[a], s[b]],
                         "titles": [by_id[ids[a]]["title"], by_id[ids[b]]["title"]],
                         "why": [details[a]["explanation"]["why"], details[b]["explanation"]["why"]]}
                        for a, b in worst_pairs(s, graded, worst)]
                results[f"{name} [{view}]"] = entry
        db.close()
    return results


def print_results(results: dict) -> None:
    for name, methods in results.items():
        info = methods["_postings"]
        print(f"\n{name} ({info['graded']} graded postings, {info['title_only']} title only)")
        print(f"  {'method':<10}" + "".join(f"{m:>11}" for m in METRICS) + "   median score by grade 0/1/2/3")
        for method, figures in methods.items():
            if method.startswith("_"):
                continue
            medians = "/".join(f"{v:g}" for v in figures["medians"].values())
            print(f"  {method:<10}" + "".join(f"{figures[m]:>11.3f}" for m in METRICS) + f"   {medians}")
        lead = {m: methods["jobfit"][m] - max(methods["bm25-f"][m], methods["keywords"][m]) for m in METRICS}
        print(f"  {'lead':<10}" + "".join(f"{lead[m]:>+11.3f}" for m in METRICS) + "   vs bm25-f, keywords")
        lead = {m: methods["jobfit-nf"][m] - max(methods["bm25"][m], methods["keywords"][m]) for m in METRICS}
        print(f"  {'lead-nf':<10}" + "".join(f"{lead[m]:>+11.3f}" for m in METRICS) + "   (nf) vs bm25, keywords")
        if "_title_only" in methods:
            t = methods["_title_only"]
            print(f"  title-only rows above a described posting graded at least as high: {t['pairs']} pairs, "
                  f"{t['above_grade3']} of them above a described grade-3 posting")
            print(f"  pairs left out of pairwise-d (a title-only row graded above the other): {t['left_out_pairs']}, "
                  f"{t['left_out_in_order']} of them in order")
        for pair in methods.get("_worst", []):
            print(f"  worse order: grade {pair['grades'][0]} scores {pair['scores'][0]:g} below grade "
                  f"{pair['grades'][1]} at {pair['scores'][1]:g}")
            for key, title, why in zip((pair["better"], pair["worse"]), pair["titles"], pair["why"]):
                print(f"      {key}  {title!r}: {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("real", "demo", "all"), default="all", help="which graded set(s)")
    parser.add_argument("--db-dir", type=Path, help="keep the evaluation databases in this folder")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the postings and extractions of databases already in --db-dir; only score again")
    parser.add_argument("--today", default="capture",
                        help="score real postings as of their source's capture date (capture, the default), as "
                             "stored today (now), or as of a day (YYYY-MM-DD)")
    parser.add_argument("--worst", type=int, default=0, metavar="N", help="list jobfit's N worst-ordered pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.today not in ("capture", "now"):
        try:
            date.fromisoformat(args.today)
        except ValueError:
            parser.error(f"--today: {args.today!r} is not capture, now or a YYYY-MM-DD day")
    with tempfile.TemporaryDirectory(prefix="jobfit-eval-") as tmp:
        db_dir = args.db_dir or Path(tmp)
        db_dir.mkdir(parents=True, exist_ok=True)
        results = run(db_dir, args.set, args.reuse, args.today, args.worst)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print_results(results)


if __name__ == "__main__":
    main()
