"""Commands that show results: report, profiles."""

from __future__ import annotations

import click

from jobfit.cli import FORMATS, cli, db_option, profile_option
from jobfit.config import Config, all_profiles, find_profile


@cli.command()
@profile_option()
@click.option("--top", "-n", default=20, show_default=True, help="How many postings.")
@click.option("--min-score", default=0.0, show_default=True, help="Leave out postings scoring less.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@db_option
def report(profile, top, min_score, fmt, db):
    """Show the best-fitting postings for a profile.

    Example: jobfit report --profile expert_ia --top 10 --format json
    """
    from db import open_db
    from db.queries import top_matches
    from jobfit.report import render_json, render_table, report_rows
    from matcher.profile import load_profile

    loaded = load_profile(find_profile(profile))
    rows = report_rows(top_matches(open_db(Config.resolve(db).db_path), loaded.id, top, min_score))
    if fmt == "json":
        click.echo(render_json(rows))
    else:
        render_table(rows, loaded.name)


@cli.command()
def profiles():
    """List the profiles jobfit knows.

    Example: jobfit profiles
    """
    from matcher.profile import load_profile

    for path in all_profiles():
        profile = load_profile(path)
        click.echo(f"{profile.id:<20} {profile.name:<28} {path}")
