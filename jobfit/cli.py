"""The jobfit command line: a click group of thin commands that parse options, call the libraries and print."""

from __future__ import annotations

import json
import sqlite3

import click

from jobfit import __version__
from jobfit.commands import alerts, crawl, demo, match, nodes, profiles, report, sources, unattended


class JobfitGroup(click.Group):
    """A group that turns expected failures into one line on stderr and exit code 1."""

    def invoke(self, ctx):
        from jobfit.crawler.sources import SourcesError
        from jobfit.flow import CrawlError
        from jobfit.matcher.profile import ProfileError

        try:
            return super().invoke(ctx)
        except sqlite3.DatabaseError as exc:
            where = ctx.meta.get("jobfit.db")
            click.echo(f"Error: {where}: {exc}" if where else f"Error: {exc}", err=True)
            ctx.exit(1)
        except (ProfileError, SourcesError, CrawlError, FileNotFoundError, json.JSONDecodeError) as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


@click.group(cls=JobfitGroup)
@click.version_option(__version__, prog_name="jobfit")
def cli():
    """Find the job postings that fit your profile: crawl, extract skills, score, report."""


for module in (crawl, sources, nodes, match, report, profiles, unattended, alerts, demo):
    for command in module.COMMANDS:
        cli.add_command(command)
