"""Report files: the format named by the file's extension, written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from jobfit.report import render, render_table

FORMATS_BY_SUFFIX = {".json": "json", ".csv": "csv", ".md": "md", ".html": "html"}  # anything else: a text table


def write_report_file(path: Path, rows: list[dict], title: str, empty: str = "No matches.") -> None:
    """Write the report rows to `path` in the format its extension names; `empty` is the text table's empty form."""
    fmt = FORMATS_BY_SUFFIX.get(path.suffix.lower(), "table")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with partial.open("w", encoding="utf-8") as out:
        if fmt != "table":
            out.write(render(fmt, rows, title) + "\n")
        elif not rows:
            out.write(empty + "\n")
        else:
            from rich.console import Console

            render_table(rows, title, Console(file=out, width=140, no_color=True, color_system=None))
    # Renamed into place whole, so a reader never sees half a report.
    partial.replace(path)


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed into place, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
