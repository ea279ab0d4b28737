"""Option bundles shared by the commands: --db, --format, --profile, --sources, --local."""

from __future__ import annotations

import click

from jobfit.report import FORMATS


def db_option(fn):
    """--db PATH, shared by every command that touches the database."""
    return click.option("--db", "db", envvar="JOBFIT_DB", type=click.Path(dir_okay=False),
                        help="SQLite database (default: $JOBFIT_DB, else jobfit.db in your data directory).")(fn)


def format_option(fn):
    """--format table|md|html|csv|json."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table (terminal), md, html (one self-contained file), csv or json.")(fn)


def report_format_option(fn):
    """--format table|md|html|csv|json|atom (a report is also a feed)."""
    return click.option("--format", "fmt", type=click.Choice((*FORMATS, "atom")), default="table",
                        show_default=True,
                        help="table (terminal), md, html (one self-contained file), csv, json or atom (a feed).")(fn)


def profile_option(multiple: bool = False):
    """--profile NAME|PATH."""
    return click.option("--profile", "-p", "profiles" if multiple else "profile", multiple=multiple,
                        default=None if multiple else "expert_ia", show_default=not multiple,
                        help="Profile name (in profiles/) or path to a TOML file.")


def sources_option(fn):
    """--sources FILE."""
    return click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
                        help="Sources file (default: $JOBFIT_SOURCES, ~/.config/jobfit/sources.toml, "
                             "or the bundled one).")(fn)


def local_option(fn):
    """--local: no delays or throttling."""
    return click.option("--local", is_flag=True, help="No delays or throttling: for servers on this machine.")(fn)
