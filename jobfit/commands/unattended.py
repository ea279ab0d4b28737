"""Commands for scheduled, unattended use: run, schedule, status."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobfit.commands.options import db_option, local_option, profile_option, sources_option
from jobfit.config import Config, all_profiles, find_profile


@click.command()
@sources_option
@profile_option(multiple=True)
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Write the matches of postings new in this run here (.json, .csv, .md, .html, else a table).")
@click.option("--min-score", default=0.0, show_default=True, help="Leave matches scoring less out of the report.")
@click.option("--feed", "feed_path", type=click.Path(dir_okay=False),
              help="Keep an Atom feed of each profile's latest matches here (FILE.PROFILE.atom for several).")
@click.option("--notify", "notify_config", is_flag=False, flag_value="", default=None, metavar="[CONFIG]",
              help="After the run, send the new matches as the [notify] table of the config file says "
                   "(default file: $JOBFIT_CONFIG, else ~/.config/jobfit/config.toml).")
@local_option
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Scrapy setting for this run, as scrapy crawl -s (e.g. DOWNLOAD_TIMEOUT=10).")
@click.option("--log-dir", type=click.Path(file_okay=False),
              help="Folder of the per-run log files (default: logs/ in your data directory).")
@click.option("--keep-logs", default=30, show_default=True, help="How many run logs to keep.")
@db_option
def run(sources_file, profiles, report_path, min_score, feed_path, notify_config, local, overrides, log_dir,
        keep_logs, db):
    """Crawl every enabled source, extract and score what is new or changed, report new matches: for cron.

    Exit code 0 when every source was crawled, 3 when some failed and the others were stored, 1 on errors,
    75 when another run holds the lock. One summary line on stderr; details in the run's log file.

    Example: jobfit run --report ~/jobfit-new.json --feed ~/jobfit.atom --notify
    """
    from jobfit.crawler.sources import SourcesError, load_sources
    from jobfit.db.database import user_data_dir
    from jobfit.flow import settings_module
    from jobfit.lock import LockHeld
    from jobfit.scheduled import EXIT_LOCKED, RunOptions
    from jobfit.scheduled import run as run_once

    if bad := [o for o in overrides if "=" not in o]:
        raise click.BadParameter(f"{bad[0]!r} is not NAME=VALUE", param_hint="-s/--set")
    notify_settings = None
    if notify_config is not None:
        from jobfit.notify import NotifyError, load_settings

        try:
            notify_settings = load_settings(Path(notify_config) if notify_config else None, required=True)
            notify_settings.channels()
        except NotifyError as exc:
            raise click.ClickException(str(exc)) from None
        if not notify_settings.channels():
            raise click.ClickException("--notify: the [notify] table names no channel (smtp, webhook or ntfy)")
    sources = load_sources(sources_file)
    if not any(s.enabled for s in sources):
        raise SourcesError(f"{sources_file or 'the sources file'}: no enabled source")
    options = RunOptions(
        db_path=Config.resolve(db).db_path,
        sources=sources,
        profiles=[find_profile(p) for p in profiles] if profiles else all_profiles(),
        log_dir=Path(log_dir) if log_dir else user_data_dir() / "logs",
        keep_logs=keep_logs,
        settings_module=settings_module(local),
        overrides=dict(o.split("=", 1) for o in overrides if "=" in o),
        report_path=Path(report_path) if report_path else None,
        min_score=min_score,
        feed_path=Path(feed_path) if feed_path else None,
        notify=notify_settings,
    )
    try:
        outcome = run_once(options)
    except LockHeld as exc:
        click.echo(f"jobfit run: skipped, {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    click.echo(outcome.summary(), err=True)
    sys.exit(outcome.exit_code)


@click.command()
@click.option("--every", "every_hours", type=click.IntRange(1, 24), default=6, show_default=True,
              help="Hours between runs.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help="Sources file for the runs.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False), help="Report file for the runs.")
@db_option
def schedule(every_hours, sources_file, report_path, db):
    """Print a crontab line and a systemd service + timer that run `jobfit run` with absolute paths.

    Example: jobfit schedule --every 4 --report ~/jobfit-new.json
    """
    from jobfit.timers import carried_environment, crontab_line, run_command, systemd_units

    command = run_command(Config.resolve(db).db_path, Path(sources_file) if sources_file else None,
                          Path(report_path) if report_path else None)
    environment = carried_environment()
    click.echo("# cron: add this line with `crontab -e` (cron mails the one-line summary when there is one)")
    if environment:
        click.echo(f"# it carries this shell's {', '.join(environment)}, so cron runs what you tried here")
    click.echo(crontab_line(command, every_hours, environment))
    for name, text in systemd_units(command, every_hours, environment).items():
        click.echo(f"\n# systemd: save as ~/.config/systemd/user/{name}, then "
                   "`systemctl --user daemon-reload && systemctl --user enable --now jobfit.timer`"
                   if name.endswith(".timer") else f"\n# systemd: save as ~/.config/systemd/user/{name}")
        click.echo(text.rstrip())


@click.command()
@click.option("--source", help="Only this source (as in crawl runs, e.g. greenhouse:dataiku).")
@click.option("--runs", "per_source", default=3, show_default=True, help="Crawl runs shown per source.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file, to list enabled sources never run (default: as `jobfit run`).")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@db_option
def status(source, per_source, sources_file, as_json, db):
    """Show the last runs and each source's health: ok, failing since when, or never run.

    Example: jobfit status --runs 5
    """
    import json

    from jobfit.crawler.sources import SourcesError, load_sources
    from jobfit.db import open_db
    from jobfit.db.history import health, last_runs, source_history
    from jobfit.db.queries import skipped_postings
    from jobfit.report.inert import terminal_safe

    database = open_db(Config.resolve(db).db_path, read_only=True)
    history = source_history(database, source, per_source)
    try:
        configured = [f"{s.spider}:{s.name}" for s in load_sources(sources_file) if s.enabled]
    except SourcesError:
        configured = []  # status still shows what ran
    names = [source] if source else sorted(set(history) | set(configured))
    report = {"runs": last_runs(database), "sources": [
        {"source": name, "health": health(database, name), "crawl_runs": history.get(name, [])} for name in names],
        "skipped_postings": skipped_postings(database)}
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    click.echo("Last jobfit runs:" if report["runs"] else "No `jobfit run` yet.")
    for run in report["runs"]:
        click.echo(f"  {run['started_at']}  exit {run['exit_code'] if run['exit_code'] is not None else '-'}  "
                   f"{run['summary'] or 'running'}")
    for entry in report["sources"]:
        click.echo(f"{entry['source']}: {entry['health']}")
        for run in entry["crawl_runs"]:
            click.echo(f"  {run['started_at']}  {run['status']:<11} {run['pages'] or 0:>5} pages "
                       f"{run['items'] or 0:>5} postings ({run['new'] or 0} new, {run['updated'] or 0} updated, "
                       f"{run['closed'] or 0} closed), {run['errors'] or 0} errors"
                       + (f" — {terminal_safe(run['error_text'])}" if run["error_text"] else ""))
    if report["skipped_postings"]:
        click.echo("Postings skipped (the others were processed):")
        for skip in report["skipped_postings"]:
            click.echo(f"  {skip['posting_id']}  {skip['stage']}  {skip['skipped_at']}  "
                       f"{terminal_safe(skip['reason'])}")


COMMANDS = (run, schedule, status)
