"""Commands that bring postings in: crawl."""

from __future__ import annotations

import sys

import click

from jobfit.cli import cli, db_option, print_runs
from jobfit.config import Config


@cli.command()
@click.argument("names", nargs=-1)
@click.option("--url", help="Start URL (http, https or file://) replacing the spider's own.")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="Spider argument, as scrapy crawl -a.")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file (default: $JOBFIT_SOURCES, ~/.config/jobfit/sources.toml, or the bundled one).")
@click.option("--local", is_flag=True, help="No delays or throttling: for servers on this machine.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@db_option
def crawl(names, url, arguments, sources_file, local, verbose, db):
    """Crawl job postings into the database: the named spiders or sources, or every enabled source.

    Example: jobfit crawl greenhouse -a board=dataiku
    """
    from crawler.sources import load_sources
    from jobfit.crawl import run_spiders

    kwargs = dict(a.split("=", 1) for a in arguments if "=" in a)
    if url:
        kwargs["url"] = url
    sources = {s.name: s for s in load_sources(sources_file)} if (not names or not kwargs) else {}
    if names:
        # A name is a sources-file entry, or else a spider run with the given arguments.
        jobs = [(sources[n].spider, {**sources[n].args, "label": n}) if n in sources else (n, kwargs) for n in names]
    else:
        jobs = [(s.spider, {**s.args, "label": s.name}) for s in sources.values() if s.enabled]
    config = Config.resolve(db)
    runs = run_spiders(jobs, config.db_path,
                       "crawler.settings.local" if local else "crawler.settings", "INFO" if verbose else "WARNING")
    print_runs(runs)
    if any(r["status"] != "ok" for r in runs):
        sys.exit(2)
