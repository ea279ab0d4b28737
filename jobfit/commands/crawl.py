"""Commands that bring postings in: crawl, import, add."""

from __future__ import annotations

import sys

import click

from jobfit.commands.options import db_option, local_option, sources_option
from jobfit.commands.output import print_runs
from jobfit.config import Config


@click.command()
@click.argument("names", nargs=-1)
@click.option("--url", help="Start URL (http, https or file://) replacing the spider's own.")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="Spider argument, as scrapy crawl -a.")
@sources_option
@local_option
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@db_option
def crawl(names, url, arguments, sources_file, local, verbose, db):
    """Crawl job postings into the database: the named spiders or sources, or every enabled source.

    Example: jobfit crawl greenhouse -a board=dataiku
    """
    from jobfit.crawler.sources import load_sources
    from jobfit.flow import Flow, settings_module

    kwargs = dict(a.split("=", 1) for a in arguments if "=" in a)
    if url:
        kwargs["url"] = url
    sources = {s.name: s for s in load_sources(sources_file)} if (not names or not kwargs) else {}
    if names:
        # A name is a sources-file entry, or else a spider run with the given arguments.
        jobs = [(sources[n].spider, {**sources[n].args, "label": n}) if n in sources else (n, kwargs) for n in names]
    else:
        jobs = [(s.spider, {**s.args, "label": s.name}) for s in sources.values() if s.enabled]
    from jobfit.progress import for_terminal

    with Flow(Config.resolve(db).db_path, settings_module(local), "INFO" if verbose else "WARNING",
              progress=for_terminal()) as flow:
        runs = flow.crawl(jobs)
    print_runs(runs)
    click.echo(f"database: {flow.db_path}", err=True)
    if any(r["status"] not in ("ok", "skipped", "partial") for r in runs):
        sys.exit(2)
    if any(r["status"] == "partial" for r in runs):
        sys.exit(3)  # stored what the lists gave; some job details failed (`jobfit status` names them)


@click.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False))
@db_option
def import_(file, db):
    """Store postings from a JobSpy CSV/JSON file or jobfit JSON Lines; bad rows are reported and skipped.

    Example: jobfit import jobs.csv
    """
    from jobfit.importers import ImportFileError, import_file
    from jobfit.progress import for_terminal
    from jobfit.report.inert import terminal_safe

    db_path = Config.resolve(db).db_path
    try:
        result = import_file(file, db_path, progress=for_terminal())
    except ImportFileError as exc:
        raise click.ClickException(str(exc)) from None
    for note in result.notes:
        click.echo(note, err=True)
    for error in result.errors:
        click.echo(terminal_safe(f"skipped {error}"), err=True)
    counts = result.counts
    click.echo(f"{file}: {result.stored} postings stored ({counts.get('new', 0)} new, {counts.get('updated', 0)} "
               f"updated), {len(result.errors)} rows skipped; database {db_path}", err=True)
    if result.errors and not result.stored:
        sys.exit(2)


@click.command()
@click.argument("url")
@local_option
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@db_option
def add(url, local, verbose, db):
    """Fetch one posting page you name and store the JobPosting its JSON-LD describes.

    Example: jobfit add https://careers.example.com/jobs/ml-engineer-42
    """
    from jobfit.flow import Flow, settings_module

    with Flow(Config.resolve(db).db_path, settings_module(local), "INFO" if verbose else "WARNING") as flow:
        # One page: even a robots.txt or sitemap URL is read as a page, and nothing it links to is fetched.
        runs = flow.crawl([("jsonld", {"url": url, "label": "add", "page": "1"})])
    print_runs(runs)
    click.echo(f"database: {flow.db_path}", err=True)
    if not any(r.get("items") for r in runs):
        click.echo(f"Error: no JobPosting stored from {url}", err=True)
        sys.exit(2)


COMMANDS = (crawl, import_, add)
