"""One log file per `jobfit run`, rotated, ending with each source's Scrapy stats."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

LOG_GLOB = "run-*.log"


def new_log_file(log_dir: Path, keep: int = 30) -> Path:
    """The path of a fresh log file in `log_dir`, after deleting the oldest so that at most `keep` remain."""
    log_dir.mkdir(parents=True, exist_ok=True)
    # Names sort by time: run-20261127T084500Z-PID.log.
    old = sorted(log_dir.glob(LOG_GLOB))
    for path in old[: max(0, len(old) - (keep - 1))]:
        path.unlink(missing_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return log_dir / f"run-{stamp}-{os.getpid()}.log"


def append_source_stats(log_path: Path, crawl_runs: list[dict]) -> None:
    """Append each source's outcome and Scrapy stats to the run's log."""
    with log_path.open("a", encoding="utf-8") as log:
        for run in crawl_runs:
            log.write(f"\n=== {run['source']}: {run['status']} ({run.get('error_text') or 'no error'})\n")
            stats = run.get("stats")
            stats = json.loads(stats) if isinstance(stats, str) else stats or {}
            # log_count/* counts every crawler's lines in each crawler (a Scrapy quirk): errors= above is this source's.
            for key in sorted(k for k in stats if not k.startswith("log_count/")):
                log.write(f"    {key}: {stats[key]}\n")
