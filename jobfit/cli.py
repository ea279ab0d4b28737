"""The jobfit command line: thin commands that parse options, call the libraries and print."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from jobfit import __version__
from jobfit.config import Config, all_profiles, find_profile

FORMATS = ("table", "json")


class JobfitGroup(click.Group):
    """A group that turns expected failures into one line on stderr and exit code 1."""

    def invoke(self, ctx):
        from jobfit.crawl import CrawlError
        from matcher.profile import ProfileError

        try:
            return super().invoke(ctx)
        except (ProfileError, CrawlError, FileNotFoundError, sqlite3.DatabaseError, json.JSONDecodeError) as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def db_option(fn):
    """--db PATH, shared by every command that touches the database."""
    return click.option("--db", "db", envvar="JOBFIT_DB", type=click.Path(dir_okay=False),
                        help="SQLite database (default: $JOBFIT_DB, else jobfit.db in your data directory).")(fn)


def profile_option(multiple: bool = False):
    """--profile NAME|PATH."""
    return click.option("--profile", "-p", "profiles" if multiple else "profile", multiple=multiple,
                        default=None if multiple else "expert_ia", show_default=not multiple,
                        help="Profile name (in profiles/) or path to a TOML file.")


@click.group(cls=JobfitGroup)
@click.version_option(__version__, prog_name="jobfit")
def cli():
    """Find the job postings that fit your profile: crawl, extract skills, score, report."""


@cli.command()
@click.argument("spiders", nargs=-1, required=True)
@click.option("--url", help="Start URL (http, https or file://) replacing the spider's own.")
@click.option("-a", "arguments", multiple=True, metavar="NAME=VALUE", help="Spider argument, as scrapy crawl -a.")
@click.option("--local", is_flag=True, help="No delays or throttling: for servers on this machine.")
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
@db_option
def crawl(spiders, url, arguments, local, verbose, db):
    """Crawl job postings into the database.

    Example: jobfit crawl greenhouse -a board=dataiku
    """
    from jobfit.crawl import run_spiders

    kwargs = dict(a.split("=", 1) for a in arguments if "=" in a)
    if url:
        kwargs["url"] = url
    config = Config.resolve(db)
    runs = run_spiders([(name, kwargs) for name in spiders], config.db_path,
                       "crawler.settings.local" if local else "crawler.settings", "INFO" if verbose else "WARNING")
    _print_runs(runs)
    if any(r["status"] != "ok" for r in runs):
        sys.exit(2)


def _print_runs(runs: list[dict]) -> None:
    for run in runs:
        line = (f"{run['source']}: {run['status']}, {run.get('pages') or 0} pages, {run.get('items') or 0} postings "
                f"({run.get('new') or 0} new, {run.get('updated') or 0} updated)")
        if run["status"] != "ok":
            line += f" — {run.get('error_text')}"
        click.echo(line, err=True)


@cli.command()
@profile_option(multiple=True)
@click.option("--rescore", is_flag=True, help="Score every posting again, not only new or changed ones.")
@db_option
def match(profiles, rescore, db):
    """Extract skills from new postings and score them against profiles (all profiles by default).

    Example: jobfit match --profile expert_ia
    """
    from db import open_db
    from jobfit.pipeline import extract_pending, score_pending
    from matcher.extract import Extractor
    from matcher.profile import load_profile

    extractor = Extractor()
    paths = [find_profile(p) for p in profiles] if profiles else all_profiles()
    loaded = [load_profile(p, extractor.table.skills) for p in paths]
    database = open_db(Config.resolve(db).db_path)
    extracted = extract_pending(database, extractor)
    click.echo(f"extracted skills from {extracted} postings", err=True)
    for profile in loaded:
        scored = score_pending(database, profile, extractor.table, rescore=rescore)
        click.echo(f"{profile.id}: scored {scored} postings", err=True)


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
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
def extract(input):
    """Extract skills from JSON Lines ({"id", "text", "lang"?}) on a file or stdin; writes JSON Lines.

    Example: echo '{"id": 1, "text": "Python et PyTorch"}' | jobfit extract
    """
    from matcher.extract import Extractor

    extractor = Extractor()

    def records():
        for n, line in enumerate(input, start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                    yield record["id"], record.get("text") or "", record.get("lang")
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise click.ClickException(f"{input.name}: line {n}: not a {{\"id\", \"text\"}} object ({exc})")

    def batches():
        pending = []
        for record in records():
            pending.append(record)
            if len(pending) >= 256:
                yield pending
                pending = []
        yield pending

    for batch in batches():
        for (rid, _, _), (lang, hits) in zip(batch, extractor.extract_many((t, l) for _, t, l in batch)):
            skills = [{"id": h.skill_id, "name": h.name, "start": h.start, "end": h.end, "text": h.text,
                       "section": h.section, "negated": h.negated} for h in hits]
            click.echo(json.dumps({"id": rid, "lang": lang, "skills": skills}, ensure_ascii=False))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def skills(as_json):
    """List jobfit's skill table (id, name, aliases, family).

    Example: jobfit skills --json
    """
    from matcher.skills import SkillTable

    table = SkillTable.load()
    rows = [{"id": s.id, "name": s.name, "name_fr": s.name_fr, "aliases": list(s.aliases), "family": s.family}
            for s in table.skills.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            click.echo(f"{row['id']:<32} {row['name']:<32} {row['family'] or ''}")


@cli.command()
def profiles():
    """List the profiles jobfit knows.

    Example: jobfit profiles
    """
    from matcher.profile import load_profile

    for path in all_profiles():
        profile = load_profile(path)
        click.echo(f"{profile.id:<20} {profile.name:<28} {path}")


@cli.command()
@click.option("--top", "-n", default=10, show_default=True, help="How many postings to show.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--keep-site", type=click.Path(file_okay=False), help="Also write the demo site to this folder.")
@click.option("--db", "db", type=click.Path(dir_okay=False),
              help="Database for the demo (default: a fresh demo.db in your data directory).")
def demo(top, fmt, keep_site, db):
    """Run the whole pipeline on the bundled offline demo: serve, crawl, extract, score, report.

    Example: jobfit demo --top 10
    """
    from jobfit.demo.run import run_demo

    db_path = Path(db) if db else Config.resolve(None).db_path.with_name("demo.db")
    rows, profile, runs = run_demo(db_path, top=top, keep_site=Path(keep_site) if keep_site else None)
    _print_runs(runs)
    click.echo(f"database: {db_path}", err=True)
    if fmt == "json":
        from jobfit.report import render_json

        click.echo(render_json(rows))
    else:
        from jobfit.report import render_table

        render_table(rows, profile.name)
    if any(r["status"] != "ok" for r in runs):
        sys.exit(2)
