"""The report as one self-contained HTML file: score bars, skill chips, links, and the market view as SVG charts.

Every text from a posting goes through html.escape, and links only keep http(s) addresses.
"""

from __future__ import annotations

from html import escape

from jobfit.report.links import safe_url

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}
.posting{border:1px solid #d8dce4;border-radius:8px;padding:.8rem 1rem;margin:.8rem 0}
.head{display:flex;gap:1rem;align-items:baseline}.rank{color:#6b7280;min-width:2rem}
.title{font-weight:600;font-size:1.05rem}.meta{color:#4b5563;font-size:.9rem}
.bar{background:#eef0f4;border-radius:4px;height:.6rem;width:12rem;display:inline-block;vertical-align:middle}
.bar span{display:block;height:100%;border-radius:4px;background:#2f7d4f}
.chip{display:inline-block;border-radius:1rem;padding:.05rem .55rem;margin:.12rem;font-size:.82rem}
.have{background:#dcf2e3}.related{background:#fdf0c9}.lack{background:#fbdada}.extra{background:#e8eaf0}
.penalty{color:#9a5b00;font-size:.85rem}details{margin-top:.3rem}li.evidence{font-size:.88rem;color:#374151}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(20rem,1fr));gap:1rem}
"""


def _chip(text, kind: str, title: str = "") -> str:
    tip = f' title="{escape(title)}"' if title else ""
    return f'<span class="chip {kind}"{tip}>{escape(str(text))}</span>'


def posting_card(row: dict) -> str:
    """One ranked posting: rank, title (linked), score bar, facts, skill chips, penalties, evidence."""
    url = safe_url(row["url"])
    title = escape(row["title"] or "")
    title_html = f'<a class="title" href="{escape(url)}" rel="noopener noreferrer">{title}</a>' if url else \
        f'<span class="title">{title}</span>'
    facts = " · ".join(escape(str(x)) for x in (row["company"], row["location"], row["contract"], row["remote"],
                                                   row["salary"], row["posted_at"]) if x)
    if row.get("evidence") == "title only":
        facts += " · <b>title only</b>"
    if row.get("why"):
        facts += f'<div class="why">{escape(row["why"])}</div>'
    score = max(0.0, min(100.0, float(row["score"])))
    chips = "".join(_chip(m["name"], "related" if m["related"] else "have",
                          f"{m['requirement']} ({m['section']})") for m in row["matched"])
    chips += "".join(_chip(m, "lack", "missing, required") for m in row["missing_required"])
    chips += "".join(_chip(m, "lack", "missing") for m in row["missing_other"])
    extra = "".join(_chip(x, "extra", "asked, not in the profile") for x in row["extra"])
    penalties = "".join(f'<div class="penalty">× {p["factor"]:g} — {escape(p["reason"])}</div>'
                        for p in row.get("penalties") or [])
    evidence = "".join(f'<li class="evidence"><b>{escape(m["name"])}</b> ({escape(m["section"])}): '
                       f'{escape(m["evidence"] or "")}</li>' for m in row["matched"])
    return (f'<div class="posting"><div class="head"><span class="rank">#{row["rank"]}</span>{title_html}</div>'
            f'<div><span class="bar"><span style="width:{score:.0f}%"></span></span> <b>{score:.0f}</b>/100</div>'
            f'<div class="meta">{facts}</div><div>{chips}</div>'
            + (f'<div>Also asked: {extra}</div>' if extra else "") + penalties
            + (f"<details><summary>Evidence</summary><ul>{evidence}</ul></details>" if evidence else "")
            + "</div>")


def bar_chart(title: str, items: list[tuple[str, float]], kinds: list[str] | None = None) -> str:
    """A horizontal bar chart as inline SVG (no script, no external file)."""
    if not items:
        return ""
    colours = {"have": "#2f7d4f", "related": "#c99a06", "lack": "#c0392b"}
    top = max(v for _, v in items) or 1
    row_h, label_w, bar_w = 22, 170, 220
    height = row_h * len(items) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
             f'role="img" aria-label="{escape(title)}"><text x="0" y="16" font-weight="600">{escape(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = 30 + i * row_h
        colour = colours.get(kinds[i], "#4a6fa5") if kinds else "#4a6fa5"
        width = bar_w * value / top
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">'
                     f'{escape(str(label)[:28])}</text>'
                     f'<rect x="{label_w}" y="{y + 2}" width="{width:.1f}" height="{row_h - 6}" fill="{colour}"/>'
                     f'<text x="{label_w + width + 4:.1f}" y="{y + 13}" font-size="12">{value:g}</text>')
    return "".join(parts) + "</svg>"


def salary_chart(salary: dict) -> str:
    """The yearly salary spread (min, quartiles, max) as an SVG box plot."""
    if not salary.get("count"):
        return ""
    low, high = salary["min"], salary["max"]
    span = (high - low) or 1

    def x(v):
        return 20 + 340 * (v - low) / span

    label = f"Yearly salary, {salary['count']} postings ({salary.get('currency') or ''})"
    ticks = "".join(f'<text x="{x(salary[k]):.1f}" y="92" text-anchor="middle" font-size="11">'
                    f'{salary[k] / 1000:.0f}k</text>' for k in ("min", "median", "max"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" role="img" '
            f'aria-label="{escape(label)}"><text x="0" y="16" font-weight="600">{escape(label)}</text>'
            f'<line x1="{x(low):.1f}" y1="55" x2="{x(high):.1f}" y2="55" stroke="#555"/>'
            f'<rect x="{x(salary["q1"]):.1f}" y="40" width="{max(x(salary["q3"]) - x(salary["q1"]), 1):.1f}" '
            f'height="30" fill="#9cc3a8" stroke="#2f7d4f"/>'
            f'<line x1="{x(salary["median"]):.1f}" y1="40" x2="{x(salary["median"]):.1f}" y2="70" '
            f'stroke="#1d2330" stroke-width="2"/>{ticks}</svg>')


def stats_section(stats: dict) -> str:
    """The market view: skills asked (coloured by what the profile has), learn next, counts, salary spread."""
    skills = stats["skills"]
    charts = [
        bar_chart(f"Skills asked by the best {stats['postings']} postings", [(s["name"], s["postings"])
                                                                             for s in skills],
                  [s["status"] for s in skills]),
        bar_chart("By source", list(stats["by_source"].items())),
        bar_chart("By contract", list(stats["by_contract"].items())),
        bar_chart("By remote policy", list(stats["by_remote"].items())),
        salary_chart(stats["salary"]),
    ]
    learn = "".join(_chip(name, "lack") for name in stats["learn_next"]) or "nothing: you have them all"
    return (f"<h2>Market view</h2><p>What to learn next: {learn}</p>{learn_table(stats.get('learn', []))}"
            f'<div class="charts">{"".join(f"<div>{c}</div>" for c in charts if c)}</div>'
            f"{trend_table(stats.get('trend', []))}")


def learn_table(learn: list[dict], shown: int = 10) -> str:
    """The missing skills ranked by how much having each would raise the best postings' scores."""
    if not learn:
        return ""
    rows = "".join(f"<tr><td>{escape(s['name'])}</td><td>{s['postings']} ({s['share']:.0%})</td>"
                   f"<td>+{s['mean_rise']:g}</td><td>+{s['max_rise']:g}</td><td>+{s['total_rise']:g}</td></tr>"
                   for s in learn[:shown])
    return ('<table class="learn"><caption>What each missing skill would add (scores recomputed)</caption>'
            "<tr><th>skill</th><th>postings asking it</th><th>rise each</th><th>largest rise</th>"
            f"<th>rise in all</th></tr>{rows}</table>")


def trend_table(trend: list[dict]) -> str:
    """The market by month: postings, skills most asked, yearly salary quartiles."""
    if not trend:
        return ""
    rows = []
    for month in trend:
        salary = month["salary"]
        pay = (f"{salary['q1']:,.0f} – {salary['median']:,.0f} – {salary['q3']:,.0f} {escape(salary['currency'] or '')}"
               if salary.get("count") else "")
        skills = ", ".join(f"{escape(s['name'])} ({s['postings']})" for s in month["skills"])
        rows.append(f"<tr><td>{escape(month['month'])}</td><td>{month['postings']}</td><td>{skills}</td>"
                    f"<td>{pay}</td></tr>")
    return ('<table class="trend"><caption>The market by month</caption><tr><th>month</th><th>postings</th>'
            f"<th>skills most asked</th><th>yearly salary q1 – median – q3</th></tr>{''.join(rows)}</table>")


def render_html(rows: list[dict], profile_name: str, stats: dict | None = None, matches: bool = True) -> str:
    """The whole report as one HTML document; `matches=False` for the market view alone (`jobfit stats`)."""
    from jobfit.report.inert import terminal_safe

    name = escape(profile_name)
    body = "".join(posting_card(row) for row in rows) or \
        "<p>No scored postings yet: run <code>jobfit crawl</code> then <code>jobfit match</code>.</p>"
    heading = "Best matches for"
    if not matches:
        body, heading = "", "Market view for"
    return terminal_safe(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>jobfit — {name}</title><style>{STYLE}</style></head>\n"
            f"<body><h1>{heading} {name}</h1>{body}"
            f"{stats_section(stats) if stats else ''}</body></html>\n")
