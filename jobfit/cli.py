"""The jobfit command line: thin commands that parse options, call the libraries and print."""

from __future__ import annotations

import json
import sqlite3

import click

from jobfit import __version__
from jobfit.report import FORMATS


class JobfitGroup(click.Group):
    """A group that turns expected failures into one line on stderr and exit code 1."""

    def invoke(self, ctx):
        from jobfit.crawl import CrawlError
        from jobfit.crawler.sources import SourcesError
        from jobfit.matcher.profile import ProfileError

        try:
            return super().invoke(ctx)
        except (ProfileError, SourcesError, CrawlError, FileNotFoundError, sqlite3.DatabaseError,
                json.JSONDecodeError) as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def db_option(fn):
    """--db PATH, shared by every command that touches the database."""
    return click.option("--db", "db", envvar="JOBFIT_DB", type=click.Path(dir_okay=False),
                        help="SQLite database (default: $JOBFIT_DB, else jobfit.db in your data directory).")(fn)


def format_option(fn):
    """--format table|md|html|csv|json."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table (terminal), md, html (one self-contained file), csv or json.")(fn)


def profile_option(multiple: bool = False):
    """--profile NAME|PATH."""
    return click.option("--profile", "-p", "profiles" if multiple else "profile", multiple=multiple,
                        default=None if multiple else "expert_ia", show_default=not multiple,
                        help="Profile name (in profiles/) or path to a TOML file.")


@click.group(cls=JobfitGroup)
@click.version_option(__version__, prog_name="jobfit")
def cli():
    """Find the job postings that fit your profile: crawl, extract skills, score, report."""


def print_runs(runs: list[dict]) -> None:
    for run in runs:
        line = (f"{run['source']}: {run['status']}, {run.get('pages') or 0} pages, {run.get('items') or 0} postings "
                f"({run.get('new') or 0} new, {run.get('updated') or 0} updated)")
        if run["status"] != "ok":
            line += f" — {run.get('error_text')}"
        click.echo(line, err=True)


# Each module adds its commands to `cli` (imported last: they import `cli` from here).
from jobfit.commands import crawl, demo, match, report  # noqa: E402,F401
from jobfit.commands import run as run_commands  # noqa: E402,F401
