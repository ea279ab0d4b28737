"""The report as CSV: one row per posting, lists joined with "; ", safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import json

from jobfit.report.inert import terminal_safe

COLUMNS = ("rank", "score", "id", "title", "company", "location", "remote", "contract", "salary", "posted_at", "url",
           "matched", "missing_required", "missing_other", "extra", "penalties", "source", "subscores",
           "evidence", "why")


def cell(value) -> str:
    """A CSV cell; text a spreadsheet would run as a formula gets a leading apostrophe."""
    text = terminal_safe(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(rows: list[dict]) -> str:
    """The report as CSV text with a header row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        flat = {**row,
                "matched": "; ".join(dict.fromkeys(m["name"] for m in row["matched"])),
                "missing_required": "; ".join(row["missing_required"]),
                "missing_other": "; ".join(row["missing_other"]),
                "extra": "; ".join(row["extra"]),
                "penalties": "; ".join(p["reason"] for p in row.get("penalties") or []),
                "subscores": json.dumps(row["subscores"], sort_keys=True)}
        writer.writerow([cell(flat.get(c)) if c not in ("rank", "score") else flat[c] for c in COLUMNS])
    return out.getvalue()
