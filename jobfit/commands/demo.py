"""The offline demo command."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import click

from jobfit.commands.options import format_option
from jobfit.commands.output import emit, print_runs
from jobfit.config import Config


@click.command()
@click.option("--top", "-n", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many postings to show.")
@format_option
@click.option("--keep-site", type=click.Path(file_okay=False), help="Also write the demo site to this folder.")
@click.option("--db", "db", type=click.Path(dir_okay=False),
              help="Database for the demo (default: a fresh demo.db in your data directory).")
def demo(top, fmt, keep_site, db):
    """Run the whole pipeline on the bundled offline demo: serve, crawl, extract, score, report.

    Example: jobfit demo --top 10
    """
    from jobfit.demo.walkthrough import run_demo

    db_path = Path(db) if db else Config.resolve(None).db_path.with_name("demo.db")
    rows, profile, runs = run_demo(db_path, top=top, keep_site=Path(keep_site) if keep_site else None)
    print_runs(runs)
    from jobfit.report import render

    emit(render(fmt, rows, profile.name), None)
    # The demo's database is not the default one: say how to read it next.
    click.echo(f"database: {db_path}\nnext: jobfit report --db {shlex.quote(str(db_path))} --explain ID, "
               f"or export JOBFIT_DB={shlex.quote(str(db_path))} for every command", err=True)
    if any(r["status"] != "ok" for r in runs):
        sys.exit(2)


COMMANDS = (demo,)
