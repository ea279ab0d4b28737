"""The report as a rich table in the terminal, fitted to its width."""

from __future__ import annotations


def print_table(rows: list[dict], profile_name: str, console=None) -> None:
    """Print ranked rows; the columns share the console width."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    if not rows:
        console.print(f"No scored postings for {_esc(profile_name)} yet: run `jobfit crawl` then `jobfit match`.")
        return
    table = Table(title=f"Best matches for {_esc(profile_name)}", show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Posting", ratio=3)
    table.add_column("Matched", ratio=3)
    table.add_column("Missing", ratio=2)
    for row in rows:
        posting = f"[bold]{_esc(row['title'])}[/bold]\n{_esc(row['company'] or '')}"
        if row.get("evidence") == "title only":
            posting += " [yellow](title only)[/yellow]"
        details = " · ".join(_esc(x) for x in (row["location"], row["contract"], row["remote"], row["salary"]) if x)
        if details:
            posting += f"\n[dim]{details}[/dim]"
        if row["url"]:
            posting += f"\n[link={_esc(row['url'])}]{_esc(row['url'])}[/link]"
        posting += f"\n[dim]--explain {_esc(row['id'])}[/dim]"
        matched = ", ".join(dict.fromkeys(_esc(m["name"]) for m in row["matched"] if not m["related"]))
        related = ", ".join(dict.fromkeys(f"{_esc(m['name'])} ≈ {_esc(m['requirement'])}"
                                          for m in row["matched"] if m["related"]))
        if related:
            matched += f"\n[dim]related: {related}[/dim]"
        missing = ", ".join(_esc(m) for m in row["missing_required"])
        penalties = "; ".join(_esc(p["reason"]) for p in row.get("penalties") or [])
        if penalties:
            missing += f"\n[yellow]{penalties}[/yellow]"
        if row.get("why"):
            missing += f"\n[dim]{_esc(row['why'])}[/dim]"
        table.add_row(str(row["rank"]), f"{row['score']:.0f}", posting, matched, missing)
    console.print(table)


def _esc(text) -> str:
    from rich.markup import escape

    from jobfit.report.inert import terminal_safe

    return escape(terminal_safe(text)) if text is not None else ""
