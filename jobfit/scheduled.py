"""`jobfit run`: the scheduled pipeline. Crawl every enabled source, extract and score what is new or changed,
write the report of new matches; one lock, one log file, one summary line, one exit code."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.crawl import http_cache_dir, run_spiders
from jobfit.crawler.httpcache import prune_cache
from jobfit.crawler.sources import Source
from jobfit.db import open_db
from jobfit.db.history import finish_run, mark_interrupted, start_run, unreported_since
from jobfit.lock import RunLock
from jobfit.logs import append_source_stats, new_log_file

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARTIAL = 3  # some sources failed, the others were stored
EXIT_LOCKED = 75  # another run holds the lock (EX_TEMPFAIL: try again later)

REPORT_FORMATS = {".json": "json", ".csv": "csv", ".md": "md", ".html": "html"}  # anything else: a text table


@dataclass
class RunOptions:
    """Everything a run needs, resolved once at the command line."""

    db_path: Path
    sources: list[Source]
    profiles: list[Path]
    log_dir: Path
    keep_logs: int = 30
    settings_module: str = "jobfit.crawler.settings"
    overrides: dict = field(default_factory=dict)
    report_path: Path | None = None
    min_score: float = 0.0
    cache_days: float = 30  # HTTP cache entries older than this are deleted


@dataclass
class RunOutcome:
    """What a run did, for the summary line, the exit code and the `runs` table."""

    log_path: Path
    crawl_runs: list[dict] = field(default_factory=list)
    extracted: int = 0
    scored: int = 0
    new_matches: int = 0
    reports: list[Path] = field(default_factory=list)
    error: str | None = None

    @property
    def failed_sources(self) -> list[str]:
        return [r["source"] for r in self.crawl_runs if r["status"] != "ok"]

    @property
    def exit_code(self) -> int:
        if self.error or not self.crawl_runs or len(self.failed_sources) == len(self.crawl_runs):
            return EXIT_ERROR
        return EXIT_PARTIAL if self.failed_sources else EXIT_OK

    def summary(self) -> str:
        """One line: sources, postings, extraction, scoring, report, log."""
        runs = self.crawl_runs
        failed = self.failed_sources
        parts = [f"{len(runs) - len(failed)}/{len(runs)} sources ok" + (f" (failed: {', '.join(failed)})"
                                                                           if failed else "")]
        parts.append(f"{sum(r.get('items') or 0 for r in runs)} postings ({sum(r.get('new') or 0 for r in runs)} new, "
                     f"{sum(r.get('updated') or 0 for r in runs)} updated)")
        parts.append(f"{self.extracted} extracted, {self.scored} scored")
        if self.reports:
            parts.append(f"{self.new_matches} new matches in {', '.join(map(str, self.reports))}")
        if self.error:
            parts.append(f"error: {self.error}")
        return "jobfit run: " + "; ".join(parts) + f"; log: {self.log_path}"


def run(options: RunOptions) -> RunOutcome:
    """Do one scheduled run under the lock; raises LockHeld when another run holds it."""
    with RunLock(options.db_path):
        log_path = new_log_file(options.log_dir, options.keep_logs)
        db = open_db(options.db_path)
        mark_interrupted(db)
        run_id = start_run(db, str(log_path))
        since = unreported_since(db)
        db.close()
        outcome = RunOutcome(log_path)
        prune_cache(http_cache_dir(), options.cache_days)
        jobs = [(s.spider, {**s.args, "label": s.name}) for s in options.sources if s.enabled]
        try:
            outcome.crawl_runs = run_spiders(
                jobs, options.db_path, options.settings_module, "INFO",
                {**options.overrides, "LOG_FILE": str(log_path), "JOBFIT_RUN_ID": run_id})
            append_source_stats(log_path, outcome.crawl_runs)
            # Even when every source failed: postings a killed run stored still need extracting, and the report
            # file must say "nothing new" rather than keep the last run's matches.
            process_new(options, outcome, since)
        except Exception as exc:  # noqa: BLE001 — a run records its failure, whatever it is, then reports it
            outcome.error = f"{type(exc).__name__}: {exc}"
            with log_path.open("a", encoding="utf-8") as log:
                log.write(traceback.format_exc())
        db = open_db(options.db_path)
        finish_run(db, run_id, outcome.exit_code, outcome.summary())
        db.close()
        return outcome


def process_new(options: RunOptions, outcome: RunOutcome, since: str) -> None:
    """Extract and score what is new or changed, then write the report of postings first seen since `since`."""
    from jobfit.matcher.profile import load_profile
    from jobfit.matcher.skills import SkillTable
    from jobfit.pipeline import extract_pending_lazily, score_pending

    table = SkillTable.load()
    profiles = [load_profile(p, table.skills) for p in options.profiles]
    db = open_db(options.db_path)
    try:
        outcome.extracted = extract_pending_lazily(db, table)
        for profile in profiles:
            outcome.scored += score_pending(db, profile, table)
        if options.report_path:
            for profile in profiles:
                path = report_path_for(options.report_path, profile.id, len(profiles))
                outcome.new_matches += write_new_matches(db, profile, path, since, options.min_score)
                outcome.reports.append(path)
    finally:
        db.close()


def report_path_for(path: Path, profile_id: str, profile_count: int) -> Path:
    """The report file of one profile: `path` itself, or `stem.PROFILE.suffix` when there are several profiles."""
    return path if profile_count == 1 else path.with_name(f"{path.stem}.{profile_id}{path.suffix}")


def write_new_matches(db, profile, path: Path, since: str, min_score: float) -> int:
    """Write the ranked matches of postings first seen since `since`, in the format the file's extension names."""
    from jobfit.db.queries import top_matches
    from jobfit.report import render, render_table, report_rows

    new_ids = {row[0] for row in db.execute("select id from postings where first_seen >= ?", [since])}
    matches = [m for m in top_matches(db, profile.id, limit=1_000_000, min_score=min_score) if m["id"] in new_ids]
    rows = report_rows(matches)
    fmt = REPORT_FORMATS.get(path.suffix.lower(), "table")
    title = f"{profile.name} (new since {since})"
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8") as out:
        if fmt != "table":
            out.write(render(fmt, rows, title) + "\n")
        elif not rows:
            out.write(f"No new matches for {profile.name} since {since}.\n")
        else:
            from rich.console import Console

            render_table(rows, title, Console(file=out, width=140, no_color=True, color_system=None))
    # Renamed into place whole, so a reader never sees half a report.
    partial.replace(path)
    return len(rows)
