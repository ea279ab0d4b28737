"""The report as a Markdown table, with each text escaped so a title cannot break the table or inject markup."""

from __future__ import annotations

import re

from jobfit.report.inert import terminal_safe
from jobfit.report.links import safe_url

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def md(text) -> str:
    """Text as literal Markdown: special characters backslash-escaped, line breaks as spaces."""
    return _SPECIAL.sub(r"\\\1", " ".join(terminal_safe(text or "").split()))


def render_markdown(rows: list[dict], profile_name: str) -> str:
    """A heading, then one table row per posting: rank, score, posting (linked), matched, missing."""
    lines = [f"# Best matches for {md(profile_name)}", ""]
    if not rows:
        return "\n".join(lines + ["No scored postings yet: run `jobfit crawl` then `jobfit match`.", ""])
    lines += ["| # | Score | Posting | Matched | Missing required | Penalties |", "|---:|---:|---|---|---|---|"]
    for row in rows:
        title = md(row["title"])
        url = safe_url(row["url"])
        posting = f"[{title}](<{url.replace('>', '%3E')}>)" if url else title
        details = " · ".join(md(x) for x in (row["company"], row["location"], row["contract"], row["remote"],
                                             row["salary"]) if x)
        if row.get("evidence") == "title only":
            details += " · *title only*"
        matched = ", ".join(dict.fromkeys(md(m["name"]) + (" ≈" if m["related"] else "") for m in row["matched"]))
        missing = ", ".join(md(m) for m in row["missing_required"])
        penalties = "; ".join(md(p["reason"]) for p in row.get("penalties") or [])
        lines.append(f"| {row['rank']} | {row['score']:.0f} | {posting}<br>{details} | {matched} | {missing} | "
                     f"{penalties} |")
    return "\n".join(lines + [""])
