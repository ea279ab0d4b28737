"""Option bundles shared by the commands: --db, --format, --profile, --sources, --local."""

from __future__ import annotations

import click

from jobfit.report import FORMATS


def db_option(fn):
    """--db PATH, shared by every command that touches the database."""
    return click.option("--db", "db", envvar="JOBFIT_DB", type=click.Path(dir_okay=False),
                        help="SQLite database (default: $JOBFIT_DB, else jobfit.db in your data directory).")(fn)


class Vocabulary(click.ParamType):
    """A value of one of jobfit's closed sets, in any spelling its reader knows ("CDI" is full_time)."""

    def __init__(self, values: tuple[str, ...], reader):
        self.values, self.reader = values, reader
        self.name = "|".join(values)

    def convert(self, value, param, ctx):
        known = value if value in self.values else self.reader(value)
        if known not in self.values:
            self.fail(f"{value!r} is none of {', '.join(self.values)} (French words such as CDI, CDD, stage, "
                      "télétravail are read too)", param, ctx)
        return known


def contract_type() -> Vocabulary:
    from jobfit.db.vocabulary import CONTRACTS, normalize_contract

    return Vocabulary(CONTRACTS, normalize_contract)


def remote_type() -> Vocabulary:
    from jobfit.db.vocabulary import REMOTE_POLICIES, normalize_remote

    return Vocabulary(REMOTE_POLICIES, normalize_remote)


TOP = click.IntRange(min=1)


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
