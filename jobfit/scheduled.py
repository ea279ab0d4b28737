"""`jobfit run`, the scheduled run: the flow over every enabled source under one lock, with one log file, one
`runs` row, one report file per profile of the postings new since the last completed run, one summary line and
one exit code."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.crawler.httpcache import prune_cache
from jobfit.crawler.sources import Source
from jobfit.db.history import finish_run, mark_interrupted, start_run, unreported_since
from jobfit.db.queries import ReportFilters, latest_matches
from jobfit.flow import Flow, http_cache_dir
from jobfit.lock import RunLock
from jobfit.logs import append_source_stats, new_log_file
from jobfit.progress import LineProgress
from jobfit.report.files import write_report_file, write_whole

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_PARTIAL = 3  # some sources failed, the others were stored
EXIT_LOCKED = 75  # another run holds the lock (EX_TEMPFAIL: try again later)


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
    feed_path: Path | None = None  # an Atom feed per profile, of its latest postings
    notify: object | None = None  # jobfit.notify.NotifySettings: send the new matches after the run
    cache_days: float = 30  # HTTP cache entries older than this are deleted


@dataclass
class RunOutcome:
    """What a run did, for the summary line, the exit code and the `runs` table."""

    log_path: Path
    crawl_runs: list[dict] = field(default_factory=list)
    extracted: int = 0
    scored: int = 0
    skipped: list[dict] = field(default_factory=list)  # postings extract or score could not do
    new_matches: int = 0
    reports: list[Path] = field(default_factory=list)
    feeds: list[Path] = field(default_factory=list)
    notified: list = field(default_factory=list)  # jobfit.notify.Outcome
    error: str | None = None
    db_path: Path | None = None

    @property
    def failed_sources(self) -> list[str]:
        return [r["source"] for r in self.crawl_runs if r["status"] not in ("ok", "skipped")]

    @property
    def skipped_sources(self) -> list[str]:
        """Sources that chose not to run (France Travail without credentials): no failure."""
        return [r["source"] for r in self.crawl_runs if r["status"] == "skipped"]

    @property
    def exit_code(self) -> int:
        # A skipped source did not run; a partial one (some job details failed, the lists stored) brought postings.
        ran = [r for r in self.crawl_runs if r["status"] != "skipped"]
        if self.error or not self.crawl_runs or (ran and all(r["status"] not in ("ok", "partial") for r in ran)):
            return EXIT_ERROR
        return EXIT_PARTIAL if self.failed_sources else EXIT_OK

    def summary(self) -> str:
        """One line: sources, postings, extraction, scoring, report, log."""
        runs = self.crawl_runs
        skipped = self.skipped_sources
        partial = [r["source"] for r in runs if r["status"] == "partial"]
        failed = [f for f in self.failed_sources if f not in partial]
        parts = [f"{len(runs) - len(failed) - len(partial) - len(skipped)}/{len(runs)} sources ok"
                 + (f" (failed: {', '.join(failed)})" if failed else "")
                 + (f" (partial: {', '.join(partial)})" if partial else "")
                 + (f" (skipped: {', '.join(skipped)})" if skipped else "")]
        parts.append(f"{sum(r.get('items') or 0 for r in runs)} postings ({sum(r.get('new') or 0 for r in runs)} new, "
                     f"{sum(r.get('updated') or 0 for r in runs)} updated)")
        parts.append(f"{self.extracted} extracted, {self.scored} scored"
                     + (f", {len(self.skipped)} postings skipped (see jobfit status)" if self.skipped else ""))
        if self.reports:
            parts.append(f"{self.new_matches} new matches in {', '.join(map(str, self.reports))}")
        if self.feeds:
            parts.append(f"feeds {', '.join(map(str, self.feeds))}")
        if self.notified:
            failed = sum(len(o.failed) for o in self.notified)
            parts.append(f"{sum(len(o.sent) for o in self.notified)} matches notified"
                         + (f", {failed} failed (retried next run)" if failed else ""))
        if self.error:
            parts.append(f"error: {self.error}")
        if self.db_path:
            parts.append(f"database: {self.db_path}")
        return "jobfit run: " + "; ".join(parts) + f"; log: {self.log_path}"


def run(options: RunOptions) -> RunOutcome:
    """Do one scheduled run under the lock; raises LockHeld when another run holds it."""
    with RunLock(options.db_path):
        log_path = new_log_file(options.log_dir, options.keep_logs)
        outcome = RunOutcome(log_path, db_path=options.db_path)
        overrides = {**options.overrides, "LOG_FILE": str(log_path)}
        # Progress goes to the log, a line a minute: cron mails only the summary line.
        progress_log = log_path.open("a", encoding="utf-8", buffering=1)
        with progress_log, Flow(options.db_path, options.settings_module, "INFO", overrides,
                                LineProgress(progress_log)) as flow:
            mark_interrupted(flow.db)
            run_id = start_run(flow.db, str(log_path))
            since = unreported_since(flow.db)
            flow.overrides["JOBFIT_RUN_ID"] = run_id
            prune_cache(http_cache_dir(), options.cache_days)
            try:
                profiles = flow.load_profiles(options.profiles)
                # Even when every source failed: postings a killed run stored still need extracting, and the
                # report file must say "nothing new" rather than keep the last run's matches.
                done = flow.crawl_and_match([(s.spider, {**s.args, "label": s.name})
                                             for s in options.sources if s.enabled], profiles)
                outcome.crawl_runs, outcome.extracted = done.crawl_runs, done.extracted
                outcome.scored = sum(done.scored.values())
                outcome.skipped = done.skipped
                append_source_stats(log_path, outcome.crawl_runs)
                if options.report_path:
                    write_reports(flow, options, outcome, profiles, since)
                if options.feed_path:
                    write_feeds(flow, options, outcome, profiles)
                if options.notify is not None:
                    from jobfit.notify import notify

                    outcome.notified = notify(flow.db, profiles, options.notify)
                    with log_path.open("a", encoding="utf-8") as log:
                        log.writelines(o.line() + "\n" for o in outcome.notified)
            except Exception as exc:  # noqa: BLE001 — a run records its failure, whatever it is, then reports it
                outcome.error = f"{type(exc).__name__}: {exc}"
                with log_path.open("a", encoding="utf-8") as log:
                    log.write(traceback.format_exc())
            finish_run(flow.db, run_id, outcome.exit_code, outcome.summary())
        return outcome


def write_reports(flow: Flow, options: RunOptions, outcome: RunOutcome, profiles, since: str) -> None:
    """One report file per profile: its matches among the postings first stored since `since`."""
    for profile in profiles:
        path = report_path_for(options.report_path, profile.id, len(profiles))
        rows = flow.ranked(profile.id, limit=1_000_000,
                           filters=ReportFilters(min_score=options.min_score, first_seen_since=since,
                                                 exclude_companies=blacklist(profile)))
        write_report_file(path, rows, f"{profile.name} (new since {since})",
                          empty=f"No new matches for {profile.name} since {since}.")
        outcome.new_matches += len(rows)
        outcome.reports.append(path)


def write_feeds(flow: Flow, options: RunOptions, outcome: RunOutcome, profiles) -> None:
    """One Atom feed per profile: its matches among the postings stored last, newest first."""
    from jobfit.report import report_rows
    from jobfit.report.atom import FEED_LIMIT, render_atom

    for profile in profiles:
        path = report_path_for(options.feed_path, profile.id, len(profiles))
        rows = report_rows(flow.explained(latest_matches(flow.db, profile.id, FEED_LIMIT, ReportFilters(
            min_score=options.min_score, exclude_companies=blacklist(profile))), profile.id))
        write_whole(path, render_atom(rows, profile.name, profile.id))
        outcome.feeds.append(path)


def blacklist(profile) -> tuple[str, ...]:
    """The companies the profile's [filters] exclude."""
    return tuple(profile.filters.get("exclude_companies", ()))


def report_path_for(path: Path, profile_id: str, profile_count: int) -> Path:
    """The report file of one profile: `path` itself, or `stem.PROFILE.suffix` when there are several profiles."""
    return path if profile_count == 1 else path.with_name(f"{path.stem}.{profile_id}{path.suffix}")
