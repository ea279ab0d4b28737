"""Ready-to-install schedules for `jobfit run`: a crontab line and a systemd service + timer."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

MINUTE = 17  # off the top of the hour, when every other cron job starts


def jobfit_command() -> list[str]:
    """The absolute command that runs this jobfit: its console script, or this Python with -m jobfit."""
    script = Path(sys.argv[0]).resolve()
    if script.name == "jobfit" and script.is_file():
        return [str(script)]
    return [str(Path(sys.executable).resolve()), "-m", "jobfit"]


def run_command(db_path: Path, sources: Path | None = None, report: Path | None = None) -> str:
    """The `jobfit run` command line, with absolute paths."""
    args = jobfit_command() + ["run", "--db", str(db_path.resolve())]
    if sources:
        args += ["--sources", str(sources.resolve())]
    if report:
        args += ["--report", str(report.resolve())]
    return shlex.join(args)


def crontab_line(command: str, every_hours: int) -> str:
    """A crontab entry running `command` every `every_hours` hours; cron mails its one-line summary."""
    hours = "*" if every_hours == 1 else f"*/{every_hours}"
    return f"{MINUTE} {hours} * * * {command}"


def systemd_units(command: str, every_hours: int) -> dict[str, str]:
    """jobfit.service and jobfit.timer (user units) running `command` every `every_hours` hours."""
    service = f"""[Unit]
Description=jobfit: crawl job postings, extract skills, score them
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
ExecStart={command}
# 75: another run still holds the lock, this one had nothing to do. 3 (some sources failed) stays a failure.
SuccessExitStatus=75
Nice=10
"""
    timer = f"""[Unit]
Description=Run jobfit every {every_hours} hour{'s' if every_hours > 1 else ''}

[Timer]
OnCalendar=*-*-* 00/{every_hours}:{MINUTE:02d}:00
RandomizedDelaySec=10min
Persistent=true

[Install]
WantedBy=timers.target
"""
    return {"jobfit.service": service, "jobfit.timer": timer}
