"""Ready-to-install schedules for `jobfit run`: a crontab line and a systemd service + timer."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

MINUTE = 17  # off the top of the hour, when every other cron job starts
# The environment that chooses what a run does: cron and systemd start with almost none of it.
CARRIED = ("JOBFIT_PROFILES", "JOBFIT_SOURCES", "JOBFIT_CONTACT")
PATH_LISTS = ("JOBFIT_PROFILES",)  # os.pathsep-separated folders
PATHS = ("JOBFIT_SOURCES",)


def carried_environment(environ=None) -> dict[str, str]:
    """The variables of CARRIED set here, their paths made absolute, for the scheduled command."""
    environ = os.environ if environ is None else environ
    out = {}
    for name in CARRIED:
        value = environ.get(name)
        if not value:
            continue
        if name in PATH_LISTS:
            value = os.pathsep.join(str(Path(p).expanduser().resolve()) for p in value.split(os.pathsep) if p)
        elif name in PATHS:
            value = str(Path(value).expanduser().resolve())
        out[name] = value
    return out


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


def crontab_line(command: str, every_hours: int, environment: dict[str, str] | None = None) -> str:
    """A crontab entry running `command` with `environment` every `every_hours` hours; cron mails its summary."""
    hours = "*" if every_hours == 1 else f"*/{every_hours}"
    assignments = "".join(f"{name}={shlex.quote(value)} " for name, value in (environment or {}).items())
    # cron turns an unescaped % into a newline.
    return f"{MINUTE} {hours} * * * " + f"{assignments}{command}".replace("%", "\\%")


def systemd_units(command: str, every_hours: int, environment: dict[str, str] | None = None) -> dict[str, str]:
    """jobfit.service and jobfit.timer (user units) running `command` with `environment` every `every_hours` hours."""
    # systemd expands % specifiers in ExecStart and Environment: %% is a percent sign.
    command = command.replace("%", "%%")
    env_lines = "".join('Environment="{}"\n'.format(f"{name}={value}".replace("%", "%%").replace("\\", "\\\\")
                                                      .replace('"', '\\"'))
                        for name, value in (environment or {}).items())
    service = f"""[Unit]
Description=jobfit: crawl job postings, extract skills, score them
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
{env_lines}ExecStart={command}
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
