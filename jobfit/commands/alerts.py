"""Commands that tell and show: notify (mail, webhook, ntfy) and serve (browse the database in Datasette)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import click

from jobfit.commands.options import db_option, profile_option
from jobfit.config import Config, all_profiles, find_profile

EXIT_SOME_FAILED = 3


@click.command()
@profile_option(multiple=True)
@click.option("--min-score", type=float, help="Only matches scoring at least this (default: config, else 60).")
@click.option("--limit", type=click.IntRange(1), help="Most matches per profile and channel in one send (default 20).")
@click.option("--smtp", metavar="HOST:PORT", help="Send a digest mail through this SMTP server.")
@click.option("--to", "to", multiple=True, metavar="ADDR", help="Recipient of the digest mail (repeatable).")
@click.option("--from", "sender", metavar="ADDR", help="Sender of the digest mail (default jobfit@localhost).")
@click.option("--webhook", metavar="URL", help="POST the matches as JSON to this URL.")
@click.option("--ntfy", metavar="URL", help="Publish each match to this ntfy topic URL.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Config file with a [notify] table (default: $JOBFIT_CONFIG, else ~/.config/jobfit/config.toml).")
@db_option
def notify(profiles, min_score, limit, smtp, to, sender, webhook, ntfy, config_path, db):
    """Send the new matches above a score, each once: a mail digest, a JSON webhook, a ntfy topic.

    A failed send is reported (exit code 3) and tried again next time. Options win over the config file.

    Example: jobfit notify --min-score 70 --smtp localhost:25 --to me@example.com --ntfy https://ntfy.sh/my-jobs
    """
    from jobfit.db import open_db
    from jobfit.matcher.profile import load_profile
    from jobfit.notify import NotifyError, load_settings
    from jobfit.notify import notify as send

    try:
        settings = load_settings(Path(config_path) if config_path else None, required=bool(config_path))
        given = {"min_score": min_score, "limit": limit, "smtp": smtp, "to": tuple(to) or None, "sender": sender,
                 "webhook": webhook, "ntfy": ntfy}
        settings = dataclasses.replace(settings, **{k: v for k, v in given.items() if v is not None})
        loaded = [load_profile(find_profile(p)) for p in profiles] if profiles else \
            [load_profile(p) for p in all_profiles()]
        outcomes = send(open_db(Config.resolve(db).db_path), loaded, settings)
    except NotifyError as exc:
        raise click.ClickException(str(exc)) from None
    for outcome in outcomes:
        click.echo(outcome.line(), err=True)
    if any(o.failed for o in outcomes):
        sys.exit(EXIT_SOME_FAILED)


@click.command()
@click.option("--port", default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 shows the database to your whole network).")
@click.option("--profile", "-p", default="expert_ia", show_default=True,
              help="Profile the canned queries start with (each query lets you pick another).")
@db_option
def serve(port, host, profile, db):
    """Browse the database in Datasette, read-only: tables explained, canned queries, facets, links.

    Example: jobfit serve --port 8001   (then open http://127.0.0.1:8001/)
    """
    from jobfit.serve import run_server

    path = Config.resolve(db).db_path
    if not path.is_file():
        raise click.ClickException(f"no database at {path} (run `jobfit demo` or `jobfit crawl` first)")
    click.echo(f"jobfit: serving {path} read-only at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    run_server(path, host, port, profile)


COMMANDS = (notify, serve)
