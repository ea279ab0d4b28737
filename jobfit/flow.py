"""jobfit's one flow: crawl → store → extract → score → report, on one database.

`jobfit crawl`, `match`, `run` and `demo` all go through `Flow`; the commands only parse options and print.
Crawling runs Scrapy in this process (its pipelines store the postings); extracting builds the spaCy extractor
only when some posting needs it; scoring rescores whatever is stale (new content, a newer extraction, another
profile file or scoring version).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jobfit.db import open_db
from jobfit.db.clock import utcnow
from jobfit.db.crawl_runs import crawl_runs_by_id
from jobfit.db.database import user_data_dir
from jobfit.db.paragraphs import (
    companies_of,
    mark_sharers_stale,
    record_shared,
    save_spoken_languages,
    shared_counts,
    store_paragraphs,
)
from jobfit.db.queries import (
    ReportFilters,
    clear_skipped,
    count_to_extract,
    postings_to_extract,
    postings_with_skills,
    record_skipped,
    report_matches,
    save_extractions,
    save_matches,
    scoring_inputs,
)
from jobfit.db.watermarks import change_count, is_done, mark_done
from jobfit.progress import Progress

BATCH = 200
# A match scoring less is stored without its sub-scores and explanation (half of a database's bytes went to
# explaining postings that fit nothing); reading it rebuilds them from the stored hits (with_explanations).
EXPLAIN_FLOOR = 20.0


class CrawlError(Exception):
    """A crawl that could not start: unknown spider, bad arguments."""


def settings_module(local: bool = False) -> str:
    """The Scrapy settings module: polite by default, without delays for servers on this machine (`--local`)."""
    return "jobfit.crawler.settings.local" if local else "jobfit.crawler.settings"


def http_cache_dir() -> Path:
    """Where the crawler keeps its HTTP cache: httpcache/ in jobfit's data directory."""
    return user_data_dir() / "httpcache"


@dataclass
class FlowOutcome:
    """What one pass of the flow did: the crawl runs it made, postings extracted, matches scored."""

    crawl_runs: list[dict] = field(default_factory=list)
    extracted: int = 0
    scored: dict[str, int] = field(default_factory=dict)  # profile id -> postings scored
    skipped: list[dict] = field(default_factory=list)  # {posting_id, stage, reason} of postings a stage could not do


class Flow:
    """The stages of jobfit on the database at `db_path`, opened once for extracting, scoring and reporting."""

    def __init__(self, db_path: Path, settings: str = "jobfit.crawler.settings", log_level: str = "WARNING",
                 overrides: dict | None = None, progress: Progress | None = None):
        self.db_path = Path(db_path)
        self.progress = progress or Progress()
        self.skipped: list[dict] = []  # what extract and score skipped, for the outcome
        self.settings = settings
        self.log_level = log_level
        self.overrides = overrides or {}
        self._db = None
        self._table = None
        self._profiles: dict = {}  # id -> the profiles load_profiles loaded

    @property
    def db(self):
        if self._db is None:
            self._db = open_db(self.db_path)
        return self._db

    @property
    def table(self):
        """The skill table (loaded once; it does not import spaCy)."""
        if self._table is None:
            from jobfit.matcher.skills import SkillTable

            self._table = SkillTable.load()
        return self._table

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> Flow:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def load_profiles(self, paths: list[Path]):
        """The profiles at `paths`, their skill ids checked against the skill table."""
        from jobfit.matcher.profile import load_profile

        loaded = [load_profile(p, self.table.skills) for p in paths]
        self._profiles.update((p.id, p) for p in loaded)
        return loaded

    def crawl(self, jobs: list[tuple[str, dict]]) -> list[dict]:
        """Crawl each (spider name, spider arguments) into the database; returns the crawl_runs rows it made."""
        from scrapy.crawler import CrawlerProcess
        from scrapy.settings import Settings

        self.db  # opened (and checked: its folder exists) before any spider starts
        settings = Settings()
        settings.setmodule(self.settings, priority="project")
        settings.set("JOBFIT_DB", str(self.db_path), priority="cmdline")
        settings.set("LOG_LEVEL", self.log_level, priority="cmdline")
        settings.set("HTTPCACHE_DIR", str(http_cache_dir()), priority="cmdline")
        for name, value in self.overrides.items():
            settings.set(name, value, priority="cmdline")
        process = CrawlerProcess(settings)
        known = set(process.spider_loader.list())
        for name, _ in jobs:
            if name not in known:
                raise CrawlError(f"unknown spider {name!r}; known: {', '.join(sorted(known))}")
        from scrapy import signals

        crawlers, failures = [], []
        with self.progress.step(f"crawling {len(jobs)} source{'s' if len(jobs) != 1 else ''} (pages)") as step:
            def page_done(*args, **kwargs):
                step.advance()

            for name, kwargs in jobs:
                crawler = process.create_crawler(name)
                crawler.signals.connect(page_done, signal=signals.response_received, weak=False)
                crawlers.append(crawler)
                deferred = process.crawl(crawler, **kwargs)
                deferred.addErrback(lambda failure, name=name: failures.append(f"{name}: {failure.getErrorMessage()}"))
            process.start()
        # Each crawler's CrawlRunRecorder put the id of the crawl_runs row it wrote in the crawler's stats.
        ids = [run_id for c in crawlers if c.stats and (run_id := c.stats.get_value("jobfit/crawl_run_id"))]
        runs = crawl_runs_by_id(self.db, ids)
        for failure in failures:
            runs.append({"source": failure.split(":", 1)[0], "status": "failed", "error_text": failure, "items": 0,
                         "new": 0, "updated": 0, "pages": 0, "errors": 1})
        return runs

    def extract(self) -> int:
        """Extract skills from every posting that is new, changed, extracted by an older extractor, or stale: an
        older posting a new one of its company shares paragraphs with, which read them as its own."""
        from jobfit.matcher.version import extractor_version

        version = extractor_version(self.table)
        changes = change_count(self.db, "extract")  # read first: what changes during the pass is counted after it
        if is_done(self.db, "extract", changes, version):
            return 0  # nothing changed since the last whole pass: spaCy is never imported
        if not postings_to_extract(self.db, version, limit=1):
            mark_done(self.db, "extract", changes, version)
            return 0
        from jobfit.matcher.extract import Extractor

        extractor = Extractor(self.table)
        done, stale = 0, 0
        # A second pass re-reads the older postings the first one made stale: a new posting of their company
        # shares a paragraph they read as their own. Re-read, they see it shared, and mark nothing more.
        for n, label in enumerate(("extracting skills", "re-reading postings that share paragraphs with new ones")):
            total = count_to_extract(self.db, version)
            if n and not (stale and total):
                break
            after, stale = "", 0
            # One batch read at a time, by id: memory stays flat and no read is open while the batch is written.
            with self.progress.step(label, total) as step:
                while batch := postings_to_extract(self.db, version, after, BATCH):
                    shared, marked = shared_paragraphs(self.db, batch)
                    stale += marked
                    results, skipped = extracted_each(extractor, batch, shared)
                    done += save_extractions(self.db, [r[:4] for r in results], version)
                    save_spoken_languages(self.db, [(r[0]["id"], r[4]) for r in results])
                    self._skip("extract", skipped, [r[0]["id"] for r in results])
                    step.advance(len(batch))
                    after = batch[-1]["id"]
        mark_done(self.db, "extract", changes, version)
        return done

    def _skip(self, stage: str, skipped: list[tuple[dict, str]], done_ids: list[str]) -> None:
        """Record the postings `stage` skipped, and forget earlier skips of those it has now done."""
        if skipped:
            record_skipped(self.db, stage, skipped)
            self.skipped += [{"posting_id": p["id"], "stage": stage, "reason": reason} for p, reason in skipped]
        clear_skipped(self.db, stage, done_ids)

    def score(self, profiles, rescore: bool = False) -> dict[str, int]:
        """Score every extracted posting whose match for each profile is missing or stale; postings per profile.

        A posting that cannot be scored (a broken field) is skipped and recorded; the others are scored.
        """
        from jobfit.matcher.score import score_posting
        from jobfit.matcher.version import SCORING_VERSION

        counts = {}
        changes = change_count(self.db, "score")
        for profile in profiles:
            total, after = 0, ""
            step_name, version = f"score:{profile.id}", f"{profile.version}:{SCORING_VERSION}"
            if not rescore and is_done(self.db, step_name, changes, version):
                counts[profile.id] = 0
                continue
            with self.progress.step(f"scoring for {profile.id}") as step:
                while chunk := postings_with_skills(self.db, profile.id, profile.version, SCORING_VERSION,
                                                    stale_only=not rescore, after=after, limit=BATCH):
                    rows, skipped = [], []
                    # The day penalties count from is the day of computed_at, which a rebuilt explanation reads.
                    now = utcnow()
                    today = scored_on(now)
                    for posting, hits in chunk:
                        try:
                            scored = score_posting(profile, self.table, hits, posting, today=today)
                        except Exception as exc:  # noqa: BLE001 — one bad posting must not stop the others
                            skipped.append((posting, failure(exc)))
                            continue
                        if scored["score"] < EXPLAIN_FLOOR:
                            scored.update(subscores=None, explanation=None)
                        rows.append({"posting_id": posting["id"], "profile": profile.id,
                                     "content_hash": posting["content_hash"], "profile_version": profile.version,
                                     "extraction_revision": posting["extraction_revision"],
                                     "scoring_version": SCORING_VERSION, "computed_at": now, **scored})
                    total += save_matches(self.db, rows)
                    self._skip(f"score:{profile.id}", skipped, [r["posting_id"] for r in rows])
                    step.advance(len(chunk))
                    after = chunk[-1][0]["id"]
            mark_done(self.db, step_name, changes, version)
            counts[profile.id] = total
        return counts

    def match(self, profiles, rescore: bool = False) -> FlowOutcome:
        """Extract what is pending, then score it against `profiles`."""
        self.skipped = []
        outcome = FlowOutcome(extracted=self.extract())
        outcome.scored = self.score(profiles, rescore)
        outcome.skipped = self.skipped
        return outcome

    def crawl_and_match(self, jobs: list[tuple[str, dict]], profiles) -> FlowOutcome:
        """Crawl `jobs`, then extract and score whatever is new or changed."""
        runs = self.crawl(jobs)
        outcome = self.match(profiles)
        outcome.crawl_runs = runs
        return outcome

    def ranked(self, profile_id: str, limit: int = 20, filters: ReportFilters | None = None) -> list[dict]:
        """The report rows of the best-scored open postings for a profile (loaded by load_profiles, else found
        by id) that pass `filters`."""
        from jobfit.report import report_rows

        return report_rows(self.explained(report_matches(self.db, profile_id, limit, filters), profile_id))

    def explained(self, matches: list[dict], profile_id: str) -> list[dict]:
        """`matches` (decoded match rows of one profile) with every explanation that was not stored rebuilt."""
        if all(m["explanation"] is not None and m["subscores"] is not None for m in matches):
            return matches
        profile = self._profiles.get(profile_id)
        if profile is None:
            from jobfit.config import find_profile

            [profile] = self.load_profiles([find_profile(profile_id)])
        return with_explanations(self.db, matches, profile, self.table)


def scored_on(computed_at: str):
    """The local day a match computed at `computed_at` (UTC, ISO 8601) was scored as of: its penalties' today."""
    from datetime import datetime

    return datetime.fromisoformat(computed_at).astimezone().date()


def with_explanations(db, matches: list[dict], profile, table=None) -> list[dict]:
    """`matches` (decoded match rows of `profile`) with the sub-scores and explanation that were not stored (a
    score below EXPLAIN_FLOOR) rebuilt as scoring wrote them: the same hits, posting and day, through score_posting.

    A match whose posting was extracted again, or whose profile changed, since it was scored is stale until the
    next `match`; its rebuilt explanation follows what is stored now. One without an extraction explains nothing.
    """
    import json

    missing = [m for m in matches if m["explanation"] is None or m["subscores"] is None]
    if not missing:
        return matches
    from jobfit.matcher.score import score_posting

    if table is None:
        from jobfit.matcher.skills import SkillTable

        table = SkillTable.load()
    inputs = scoring_inputs(db, profile.id, [m["id"] for m in missing])
    for m in missing:
        if m["id"] not in inputs:
            m["subscores"] = {} if m["subscores"] is None else m["subscores"]
            m["explanation"] = {} if m["explanation"] is None else m["explanation"]
            continue
        posting, hits, computed_at = inputs[m["id"]]
        scored = score_posting(profile, table, hits, posting, today=scored_on(computed_at))
        for key in ("subscores", "explanation"):
            if m[key] is None:
                # Through JSON as a stored one is: the same types (lists, not tuples) and the same key order.
                m[key] = json.loads(json.dumps(scored[key], ensure_ascii=False))
    return matches


def failure(exc: Exception) -> str:
    """A short reason for a skipped posting: the exception's type and the first line of its message."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message[:200]}".rstrip(": ")


def extracted_each(extractor, postings: list[dict],
                   shared: list[dict[str, int]]) -> tuple[list, list[tuple[dict, str]]]:
    """`extracted` for a batch; when the batch fails, posting by posting, skipping the ones that fail."""
    try:
        return extracted(extractor, postings, shared), []
    except Exception:  # noqa: BLE001 — find the posting that broke the batch, keep the others
        results, skipped = [], []
        for posting, counts in zip(postings, shared):
            try:
                results += extracted(extractor, [posting], [counts])
            except Exception as exc:  # noqa: BLE001
                skipped.append((posting, failure(exc)))
        return results, skipped


def shared_paragraphs(db, postings: list[dict]) -> tuple[list[dict[str, int]], int]:
    """For each posting, its paragraphs held by the company's other stored postings (hash → N), and how many
    older extractions became stale: those that read a paragraph one of these postings shares as their own.

    The batch's paragraphs are all stored before any is counted, so postings of one batch see each other.
    """
    from jobfit.matcher.boilerplate import normal_title, paragraph_hashes

    companies = companies_of(db, [p["id"] for p in postings])
    keyed = [(p["id"], companies.get(p["id"], ""), normal_title(p["title"]), paragraph_hashes(p["description"] or ""))
             for p in postings]
    for posting_id, company, title, hashes in keyed:
        store_paragraphs(db, company, posting_id, title, hashes)
    out = []
    for posting_id, company, title, hashes in keyed:
        out.append(shared_counts(db, company, posting_id, title, hashes))
        record_shared(db, posting_id, out[-1])
    # Marked once the whole batch has recorded what it reads as shared: only older postings are marked.
    stale = sum(mark_sharers_stale(db, company, posting_id, title, counts)
                for (posting_id, company, title, _), counts in zip(keyed, out))
    return out, stale


def extracted(extractor, postings: list[dict], shared: list[dict[str, int]] | None = None) -> list[tuple]:
    """(posting, language, content hash, skill hit rows, spoken languages) for each posting: its title and
    description, extracted; `shared` gives each description's paragraphs shared with the company's other postings."""
    shared = shared or [{} for _ in postings]
    texts = [(p["description"] or "", p["language"] if p["language"] in ("fr", "en") else None, counts)
             for p, counts in zip(postings, shared)]
    titles = [(p["title"] or "", None) for p in postings]
    results = []
    for posting, reading, (_, title_hits) in zip(postings, extractor.read_many(texts),
                                                  extractor.extract_many(titles)):
        rows = [{**h.as_dict(), "section": "title", "sentence": posting["title"]} for h in title_hits]
        rows += [h.as_dict() for h in reading.hits]
        for row in rows:
            row.pop("name", None)
            row["negated"] = int(row["negated"])
        results.append((posting, reading.language, posting["content_hash"], rows, reading.languages))
    return results
