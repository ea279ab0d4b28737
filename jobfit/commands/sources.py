"""The sources command: list the sources file, or check that each enabled source answers as its spider expects."""

from __future__ import annotations

import sys

import click

from jobfit.commands.options import local_option, sources_option


@click.command()
@click.option("--check", is_flag=True,
              help="Send each enabled source one real request (robots.txt obeyed) and say if it answers as expected.")
@sources_option
@local_option
def sources(check, sources_file, local):
    """List the sources `jobfit crawl` runs: name, spider, arguments, and whether each is enabled.

    With --check, one line per enabled source: does its first listing answer have the shape the spider reads, and
    how many postings does it list (a wrong board token or a changed site shows here, before a night of cron runs).
    Nothing is stored.

    Example: jobfit sources --check
    """
    from jobfit.crawler.sources import load_sources, sources_path

    entries = load_sources(sources_file)
    click.echo(f"# {sources_file or sources_path()}")
    if not check:
        for source in entries:
            args = " ".join(f"{k}={v}" for k, v in source.args.items())
            click.echo(f"{source.name:<24} {source.spider:<18} {'on ' if source.enabled else 'off'}  {args}")
        return
    from jobfit.crawler.source_check import check_sources
    from jobfit.flow import settings_module

    results = check_sources([s for s in entries if s.enabled], settings_module(local))
    for result in results:
        click.echo(result.line())
    if any(r.status not in ("ok", "skipped") for r in results):
        sys.exit(2)


COMMANDS = (sources,)
