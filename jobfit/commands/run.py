"""Commands for scheduled, unattended use: run, schedule, status."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobfit.cli import cli, db_option, profile_option
from jobfit.config import Config, all_profiles, find_profile


@cli.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file (default: $JOBFIT_SOURCES, ~/.config/jobfit/sources.toml, or the bundled one).")
@profile_option(multiple=True)
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Write the matches of postings new in this run to this file (.json for JSON, else a table).")
@click.option("--min-score", default=0.0, show_default=True, help="Leave matches scoring less out of the report.")
@click.option("--local", is_flag=True, help="No delays or throttling: for servers on this machine.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for this run, as scrapy crawl -s (e.g. DOWNLOAD_TIMEOUT=10).")
@click.option("--log-dir", type=click.Path(file_okay=False),
              help="Folder of the per-run log files (default: logs/ in your data directory).")
@click.option("--keep-logs", default=30, show_default=True, help="How many run logs to keep.")
@db_option
def run(sources_file, profiles, report_path, min_score, local, overrides, log_dir, keep_logs, db):
    """Crawl every enabled source, extract and score what is new or changed, report new matches: for cron.

    Exit code 0 when every source was crawled, 3 when some failed and the others were stored, 1 on errors,
    75 when another run holds the lock. One summary line on stderr; details in the run's log file.

    Example: jobfit run --report ~/jobfit-new.json
    """
    from crawler.sources import SourcesError, load_sources
    from db.database import user_data_dir
    from jobfit.lock import LockHeld
    from jobfit.run import EXIT_LOCKED, RunOptions
    from jobfit.run import run as run_once

    sources = load_sources(sources_file)
    if not any(s.enabled for s in sources):
        raise SourcesError(f"{sources_file or 'the sources file'}: no enabled source")
    options = RunOptions(
        db_path=Config.resolve(db).db_path,
        sources=sources,
        profiles=[find_profile(p) for p in profiles] if profiles else all_profiles(),
        log_dir=Path(log_dir) if log_dir else user_data_dir() / "logs",
        keep_logs=keep_logs,
        settings_module="crawler.settings.local" if local else "crawler.settings",
        overrides=dict(o.split("=", 1) for o in overrides if "=" in o),
        report_path=Path(report_path) if report_path else None,
        min_score=min_score,
    )
    try:
        outcome = run_once(options)
    except LockHeld as exc:
        click.echo(f"jobfit run: skipped, {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(outcome.summary(), err=True)
    sys.exit(outcome.exit_code)
