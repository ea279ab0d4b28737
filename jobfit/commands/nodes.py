"""Commands for crawling on Scrapyd nodes: node (run one), dispatch (schedule the sources), collect (store feeds)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from jobfit.commands.options import db_option, local_option, sources_option
from jobfit.commands.output import print_runs
from jobfit.config import Config


def nodes_error(fn):
    """Turn a NodesError into one line on stderr and exit code 1."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from jobfit.nodes import NodesError

        try:
            return fn(*args, **kwargs)
        except NodesError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


@click.command()
@click.option("--dir", "folder", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder of the node: its scrapyd.conf, feeds (items/), logs, queue.")
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(1, 65535), default=6800, show_default=True)
@click.option("--max-proc", type=click.IntRange(min=0), default=0, show_default=True,
              help="Crawls at a time (0: 4 per CPU).")
@click.option("--poll-interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Seconds between looks at the queue.")
def node(folder, bind, port, max_proc, poll_interval):
    """Run this machine as a Scrapyd node for jobfit: write DIR/scrapyd.conf and start Scrapyd in DIR.

    Example: jobfit node --dir /var/lib/jobfit-node --bind 0.0.0.0
    """
    from jobfit.nodes import run_node

    try:
        import scrapyd  # noqa: F401
    except ImportError:
        raise click.ClickException("scrapyd is not installed: pip install 'jobfit[scrapyd]'") from None
    run_node(Path(folder), bind=bind, port=port, max_proc=max_proc, poll_interval=poll_interval)


@click.command()
@click.argument("names", nargs=-1)
@click.option("--node", "node_urls", multiple=True, metavar="URL",
              help="A Scrapyd node (repeatable; default: $JOBFIT_SCRAPYD_NODES, else [scrapyd] nodes in the config).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Config file (default: $JOBFIT_CONFIG, else ~/.config/jobfit/config.toml).")
@sources_option
@local_option
@click.option("-s", "settings", multiple=True, metavar="NAME=VALUE", help="Scrapy setting for the node crawls.")
@db_option
@nodes_error
def dispatch(names, node_urls, config_path, sources_file, local, settings, db):
    """Schedule the enabled sources (or the named ones) on the Scrapyd nodes, each on the least-loaded node.

    Each job writes its postings as a JSON Lines feed on its node; `jobfit collect` stores them here.

    Example: jobfit dispatch --node http://10.0.0.2:6800 --node http://10.0.0.3:6800
    """
    from jobfit.crawler.sources import load_sources
    from jobfit.nodes import NodesConfig, local_settings
    from jobfit.nodes import dispatch as dispatch_jobs

    config = NodesConfig.resolve(node_urls, Path(config_path) if config_path else None)
    sources = {s.name: s for s in load_sources(sources_file)}
    unknown = [n for n in names if n not in sources]
    if unknown:
        raise click.ClickException(f"no source named {', '.join(unknown)} in the sources file")
    chosen = [sources[n] for n in names] if names else [s for s in sources.values() if s.enabled]
    overrides = {**(local_settings() if local else {}), **dict(s.split("=", 1) for s in settings if "=" in s)}
    db_path = Config.resolve(db).db_path
    results, down = dispatch_jobs(db_path, config, [(s.name, s.spider, s.args) for s in chosen], overrides)
    for url, why in down.items():
        click.echo(f"node {url}: not answering ({why}); nothing scheduled there", err=True)
    for r in results:
        click.echo(f"{r.source}: scheduled on {r.node} as job {r.job}" if not r.error
                   else f"{r.source}: not scheduled ({r.node or 'no node'}: {r.error})", err=True)
    done = sum(1 for r in results if not r.error)
    click.echo(f"{done} of {len(chosen)} sources scheduled on {len(config.nodes) - len(down)} of "
               f"{len(config.nodes)} nodes; database {db_path}", err=True)
    if done < len(chosen):
        sys.exit(2 if not done else 3)


@click.command()
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@db_option
def collect(verbose, db):
    """Fetch the feeds of the finished node jobs and store them here, as a local crawl stores its postings.

    A job is collected once: a collect that stops midway, or a node that is down, leaves its jobs for the next.

    Example: jobfit collect
    """
    from jobfit.db import open_db
    from jobfit.db.crawl_runs import crawl_runs_by_id
    from jobfit.nodes import collect as collect_feeds
    from jobfit.report.inert import terminal_safe

    db_path = Config.resolve(db).db_path
    results, down = collect_feeds(db_path, "INFO" if verbose else "WARNING")
    collected = [r for r in results if r.state == "collected"]
    db = open_db(db_path)
    try:
        print_runs(crawl_runs_by_id(db, [r.crawl_run_id for r in collected]))
    finally:
        db.close()
    for r in results:
        if r.state == "failed":
            click.echo(terminal_safe(f"{r.source}: not collected, kept for the next collect — {'; '.join(r.errors)}"),
                       err=True)
    for url, why in down.items():
        click.echo(terminal_safe(f"node {url}: not answering ({why}) in database {db_path}"), err=True)
    waiting = sum(1 for r in results if r.state == "waiting")
    stored = sum(r.counts.get("new", 0) + r.counts.get("updated", 0) + r.counts.get("unchanged", 0)
                 for r in collected)
    click.echo(f"{len(collected)} jobs collected ({stored} postings), {waiting} still running on their nodes; "
               f"database {db_path}", err=True)
    if down or any(r.state == "failed" or r.errors for r in results):
        sys.exit(3)


COMMANDS = (node, dispatch, collect)
