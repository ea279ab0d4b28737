"""Render ranked matches for people (a terminal table) and for programs (JSON)."""

from __future__ import annotations

import json

REPORT_FIELDS = ("rank", "score", "id", "title", "company", "location", "remote", "contract", "salary", "posted_at",
                 "url", "matched", "missing_required", "missing_other", "extra", "subscores")


def salary_text(row: dict) -> str:
    """A short salary, e.g. "45–55k EUR/year"."""
    low, high = row.get("salary_min"), row.get("salary_max")
    if low is None and high is None:
        return ""

    def short(v):
        return f"{v / 1000:g}k" if v and v >= 10_000 else f"{v:g}"

    amount = short(low) if high in (None, low) else f"{short(low)}–{short(high)}"
    return f"{amount} {row.get('salary_currency') or ''}/{row.get('salary_period') or 'year'}".replace(" /", "/")


def report_rows(matches: list[dict]) -> list[dict]:
    """Flat, stable records of ranked matches (the `--format json` contract)."""
    out = []
    for rank, m in enumerate(matches, start=1):
        explanation = m["explanation"]
        out.append({
            "rank": rank, "score": m["score"], "id": m["id"], "title": m["title"], "company": m["company"],
            "location": m["location"], "remote": m["remote"], "contract": m["contract"], "salary": salary_text(m),
            "posted_at": m["posted_at"], "url": m["url"],
            "matched": [{"skill": x["skill"], "name": x["name"], "section": x["section"], "evidence": x["evidence"],
                         "requirement": x["requirement"], "related": x.get("related", False)}
                        for x in explanation.get("matched", [])],
            "missing_required": explanation.get("missing_required", []),
            "missing_other": explanation.get("missing_other", []),
            "extra": explanation.get("extra", []),
            "subscores": m["subscores"],
        })
    return out


def render_json(rows: list[dict]) -> str:
    """The report as a JSON array."""
    return json.dumps(rows, ensure_ascii=False, indent=1)


def render_table(rows: list[dict], profile_name: str, console=None) -> None:
    """Print the report as a terminal table that fits the console width."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title=f"Best matches for {profile_name}", show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Posting", ratio=3)
    table.add_column("Matched", ratio=3)
    table.add_column("Missing", ratio=2)
    for row in rows:
        posting = f"[bold]{_esc(row['title'])}[/bold]\n{_esc(row['company'] or '')}"
        details = " · ".join(_esc(x) for x in (row["location"], row["contract"], row["remote"], row["salary"]) if x)
        if details:
            posting += f"\n[dim]{details}[/dim]"
        if row["url"]:
            posting += f"\n[link={row['url']}]{_esc(row['url'])}[/link]"
        matched = ", ".join(dict.fromkeys(_esc(m["name"]) for m in row["matched"] if not m["related"]))
        related = ", ".join(dict.fromkeys(f"{_esc(m['name'])} ≈ {_esc(m['requirement'])}"
                                          for m in row["matched"] if m["related"]))
        if related:
            matched += f"\n[dim]related: {related}[/dim]"
        missing = ", ".join(_esc(m) for m in row["missing_required"])
        table.add_row(str(row["rank"]), f"{row['score']:.0f}", posting, matched, missing)
    if not rows:
        console.print(f"No scored postings for {profile_name} yet: run `jobfit crawl` then `jobfit match`.")
        return
    console.print(table)


def _esc(text) -> str:
    from rich.markup import escape

    return escape(str(text)) if text is not None else ""
