"""What the commands print: crawl run summaries on stderr, and text to stdout or a file."""

from __future__ import annotations

import click

from jobfit.report.inert import terminal_safe


def print_runs(runs: list[dict]) -> None:
    """One line per crawl run on stderr: source, status, pages, postings, and why it failed."""
    for run in runs:
        line = (f"{run['source']}: {run['status']}, {run.get('pages') or 0} pages, {run.get('items') or 0} postings "
                f"({run.get('new') or 0} new, {run.get('updated') or 0} updated)")
        if run["status"] != "ok":
            line += f" — {run.get('error_text')}"
        click.echo(terminal_safe(line), err=True)


def print_skipped(skipped: list[dict]) -> None:
    """One line per posting a stage skipped, on stderr: its id, the stage and why (the others were done)."""
    for skip in skipped:
        click.echo(terminal_safe(f"skipped {skip['posting_id']} ({skip['stage']}): {skip['reason']}"), err=True)


def emit(text: str | None, output: str | None) -> None:
    """Write `text` to the file `output`, or to stdout when there is none."""
    if text is None:
        return
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))
