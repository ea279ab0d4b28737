"""The market view (`jobfit stats`) as text: a terminal table, Markdown, CSV."""

from __future__ import annotations

import csv
import io

from jobfit.report.markdown import md

MARK = {"have": "✓", "related": "≈", "lack": "✗"}
LEARN_SHOWN = 10


def stats_lines(stats: dict) -> list[tuple[str, list[tuple[str, str]]]]:
    """The view as titled lists of (label, value) pairs, shared by the text formats."""
    salary = stats["salary"]
    spread = [(k, f"{salary[k]:,.0f}") for k in ("min", "q1", "median", "q3", "max") if k in salary]
    return [
        (f"Skills asked by the best {stats['postings']} postings (✓ have, ≈ related, ✗ lack)",
         [(f"{MARK[s['status']]} {s['name']}", f"{s['postings']} ({s['share']:.0%})") for s in stats["skills"]]),
        ("What to learn next (score rise over the best postings if the profile had it)",
         [(s["name"], f"{s['postings']} postings, +{s['mean_rise']:g} each, +{s['total_rise']:g} in all")
          for s in stats.get("learn", [])[:LEARN_SHOWN]] or [(name, "") for name in stats["learn_next"]]),
        ("By source", [(k, str(v)) for k, v in stats["by_source"].items()]),
        ("By contract", [(k, str(v)) for k, v in stats["by_contract"].items()]),
        ("By remote policy", [(k, str(v)) for k, v in stats["by_remote"].items()]),
        (f"Yearly salary ({salary.get('currency') or 'none'}, {salary['count']} postings)", spread),
    ] + ([("Market by month (postings, skills most asked, yearly salary q1–median–q3)",
           [(m["month"], trend_text(m)) for m in stats["trend"]])] if stats.get("trend") else [])


def trend_text(month: dict) -> str:
    """One month of the trend: postings, skills most asked, salary quartiles."""
    salary = month["salary"]
    pay = (f"; {salary['q1']:,.0f}–{salary['median']:,.0f}–{salary['q3']:,.0f} {salary['currency'] or ''}"
           if salary.get("count") else "")
    skills = ", ".join(f"{s['name']} {s['postings']}" for s in month["skills"])
    return f"{month['postings']} postings; {skills or 'no skill found'}{pay}"


def stats_markdown(stats: dict, profile_name: str) -> str:
    out = [f"# Market view for {md(profile_name)}", ""]
    for title, pairs in stats_lines(stats):
        out += [f"## {md(title)}", ""] + [f"- {md(label)}" + (f": {md(value)}" if value else "")
                                          for label, value in pairs] + [""]
    return "\n".join(out)


def stats_csv(stats: dict) -> str:
    """Rows of (section, label, value)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("section", "label", "value"))
    for title, pairs in stats_lines(stats):
        for label, value in pairs:
            writer.writerow((title, label, value))
    return out.getvalue()


def print_stats(stats: dict, profile_name: str, console=None) -> None:
    """Print the view as rich tables fitted to the terminal."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console()
    console.print(f"[bold]Market view for {escape(profile_name)}[/bold]")
    for title, pairs in stats_lines(stats):
        table = Table(title=escape(title), show_header=False, expand=False, title_justify="left")
        table.add_column()
        table.add_column(justify="right")
        for label, value in pairs or [("—", "")]:
            table.add_row(escape(label), escape(value))
        console.print(table)
