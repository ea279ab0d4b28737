"""Commands that show results: report, stats."""

from __future__ import annotations

import click

from jobfit.commands.options import (
    TOP,
    contract_type,
    db_option,
    format_option,
    profile_option,
    remote_type,
    report_format_option,
)
from jobfit.commands.output import emit
from jobfit.config import Config, find_profile


@click.command()
@profile_option()
@click.option("--top", "-n", default=20, show_default=True, type=TOP, help="How many postings.")
@click.option("--min-score", default=0.0, show_default=True, help="Leave out postings scoring less.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), help="Only postings published since this date.")
@click.option("--remote", multiple=True, type=remote_type(),
              help="Only this remote policy (repeatable): onsite, hybrid, remote, or a French word (télétravail).")
@click.option("--location", help="Only postings whose location, city or country contains this text.")
@click.option("--contract", multiple=True, type=contract_type(),
              help="Only this contract (repeatable): full_time, fixed_term, internship… or CDI, CDD, stage.")
@click.option("--min-salary", type=float, help="Leave out postings whose known yearly salary is lower.")
@click.option("--new", "new_only", is_flag=True,
              help="Only postings no earlier --new or --mark-seen report for this profile showed (and mark them seen).")
@click.option("--mark-seen", is_flag=True, help="Record the postings shown, so a later --new leaves them out.")
@click.option("--explain", "explain_id", metavar="ID", help="Print the whole explanation of one posting.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@report_format_option
@db_option
def report(profile, top, min_score, since, remote, location, contract, min_salary, new_only, mark_seen, explain_id,
           output, fmt, db):
    """Show the best-fitting postings for a profile, or explain one.

    Example: jobfit report --profile expert_ia --top 10 --remote remote --new --format html -o report.html
    """
    from jobfit.db import open_db
    from jobfit.db.queries import ReportFilters, match_for, record_reported, report_matches
    from jobfit.flow import with_explanations
    from jobfit.matcher.profile import load_profile
    from jobfit.report import render, report_rows

    loaded = load_profile(find_profile(profile))
    db_path = Config.resolve(db).db_path
    # A report only reads, unless asked to record what it shows (--new, --mark-seen).
    database = open_db(db_path, read_only=not (new_only or mark_seen))
    if explain_id:
        match = match_for(database, explain_id, loaded.id)
        if match is not None:
            [match] = with_explanations(database, [match], loaded)
        if match is None:
            raise click.ClickException(f"no scored posting {explain_id!r} for profile {loaded.id} in {db_path} "
                                       "(see the --explain line of each posting in `jobfit report`)")
        from jobfit.report.explain import explanation_text, shared_paragraphs_of

        shared = shared_paragraphs_of(database, explain_id)
        if fmt == "json":
            from jobfit.report import render_json

            match["shared_paragraphs"] = [{k: v for k, v in p.items() if k != "sections"} for p in shared]
            emit(render_json(match), output)
        else:
            emit(explanation_text(match, loaded.name, shared), output)
        return
    filters = ReportFilters(min_score=min_score, since=since.date().isoformat() if since else None,
                            remote=tuple(remote), location=location, contract=tuple(contract),
                            min_salary=min_salary, new_only=new_only,
                            exclude_companies=tuple(loaded.filters.get("exclude_companies", ())))
    rows = report_rows(with_explanations(database, report_matches(database, loaded.id, top, filters), loaded))
    stats = None
    if fmt == "html":
        from jobfit.matcher.skills import SkillTable
        from jobfit.stats import market_stats

        stats = market_stats(database, loaded, SkillTable.load())
    if fmt == "table" and not rows and not output:
        # The profile's company blacklist always applies: only the user's own options make "these filters".
        asked = filters != ReportFilters(exclude_companies=filters.exclude_companies)
        click.echo(f"No scored postings for {loaded.name} in {db_path}"
                   + (" that pass these filters." if asked else
                      ": run `jobfit crawl` then `jobfit match` (after `make demo`: jobfit report --db "
                      f"{db_path.with_name('demo.db')})."))
    elif fmt == "atom":
        from jobfit.report.atom import render_atom

        emit(render_atom(rows, loaded.name, loaded.id), output)
    elif fmt == "table" and output:
        from rich.console import Console

        from jobfit.report import render_table

        with open(output, "w", encoding="utf-8") as f:
            render_table(rows, loaded.name, Console(file=f, width=120))
        click.echo(f"wrote {output}", err=True)
    else:
        emit(render(fmt, rows, loaded.name, stats), output)
    if new_only or mark_seen:
        record_reported(database, loaded.id, [row["id"] for row in rows])


@click.command()
@profile_option()
@click.option("--top", "-n", default=50, show_default=True, type=TOP,
              help="How many best-fitting postings to look at.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@format_option
@db_option
def stats(profile, top, output, fmt, db):
    """Show the market for a profile: skills asked (and which you lack), sources, contracts, remote, salaries.

    Example: jobfit stats --profile data_engineer --top 100
    """
    from jobfit.db import open_db
    from jobfit.matcher.profile import load_profile
    from jobfit.matcher.skills import SkillTable
    from jobfit.stats import market_stats

    loaded = load_profile(find_profile(profile))
    figures = market_stats(open_db(Config.resolve(db).db_path, read_only=True), loaded, SkillTable.load(), top)
    if fmt == "table" and not output:
        from jobfit.report.market import print_stats

        print_stats(figures, loaded.name)
        return
    if fmt == "json":
        import json

        text = json.dumps(figures, ensure_ascii=False, indent=1)
    elif fmt == "csv":
        from jobfit.report.market import stats_csv

        text = stats_csv(figures)
    elif fmt == "html":
        from jobfit.report.html import render_html

        text = render_html([], loaded.name, figures, matches=False)
    else:
        from jobfit.report.market import stats_markdown

        text = stats_markdown(figures, loaded.name)
    emit(text, output)


COMMANDS = (report, stats)  # `profiles` is in jobfit/commands/profiles.py
