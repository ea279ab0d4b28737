"""Ranked matches as flat records, rendered for people (table, Markdown, HTML) and programs (CSV, JSON)."""

from __future__ import annotations

import json

REPORT_FIELDS = ("rank", "score", "id", "title", "company", "location", "remote", "contract", "salary", "posted_at",
                 "url", "matched", "missing_required", "missing_other", "extra", "subscores",
                 # added after the first release: new fields go at the end, none is renamed or removed
                 "source", "penalties", "title_role", "first_seen",
                 # scoring version 2: "described" or "title only", and one line on why the score is what it is
                 "evidence", "why",
                 # the spoken languages the posting asks: [{language, level}]
                 "spoken_languages")
FORMATS = ("table", "md", "html", "csv", "json")


def salary_text(row: dict) -> str:
    """A short salary, e.g. "45–55k EUR/year"."""
    low, high = row.get("salary_min"), row.get("salary_max")
    if low is None and high is None:
        return ""

    def short(v):
        return f"{v / 1000:g}k" if v and v >= 10_000 else f"{v:g}"

    amount = short(low) if high in (None, low) else short(high) if low is None else f"{short(low)}–{short(high)}"
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
            "source": m.get("source"),
            "penalties": explanation.get("penalties", []),
            "title_role": explanation.get("title_role"),
            "first_seen": m.get("first_seen"),
            "evidence": explanation.get("evidence"),
            "why": explanation.get("why"),
            "spoken_languages": m.get("spoken_languages") or [],
        })
    return out


def render_json(rows: list[dict]) -> str:
    """The report as a JSON array."""
    from jobfit.report.inert import json_safe

    return json_safe(json.dumps(rows, ensure_ascii=False, indent=1))


def render(fmt: str, rows: list[dict], profile_name: str, stats: dict | None = None) -> str | None:
    """The report in `fmt` as text; the table format prints itself (it needs the console width) and returns None."""
    if fmt == "json":
        return render_json(rows)
    if fmt == "csv":
        from jobfit.report.delimited import render_csv

        return render_csv(rows)
    if fmt == "md":
        from jobfit.report.markdown import render_markdown

        return render_markdown(rows, profile_name)
    if fmt == "html":
        from jobfit.report.html import render_html

        return render_html(rows, profile_name, stats)
    render_table(rows, profile_name)
    return None


def render_table(rows: list[dict], profile_name: str, console=None) -> None:
    """Print the report as a terminal table that fits the console width."""
    from jobfit.report.table import print_table

    print_table(rows, profile_name, console)
