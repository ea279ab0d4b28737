"""`jobfit notify`: send each profile's new matches above a score to a mail digest, a webhook or a ntfy topic.

A match is sent once per channel (db/notifications.py keeps the sent-state); a failed send is recorded and
comes back the next time, so nothing is lost.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from jobfit.db.notifications import record_sends
from jobfit.db.queries import ReportFilters, report_matches
from jobfit.flow import with_explanations
from jobfit.matcher.profile import Profile
from jobfit.report import report_rows

DEFAULT_MIN_SCORE = 60.0
DEFAULT_LIMIT = 20  # matches per profile and channel in one send; the others wait for the next one


class NotifyError(ValueError):
    """Notification settings that cannot be used; the message names the file or option."""


@dataclass(frozen=True)
class Channel:
    kind: str  # email | webhook | ntfy
    target: str  # "host:port to addr,addr", or a URL

    @property
    def key(self) -> str:
        """The channel's name in the sent-state: what it was sent to, and how."""
        return f"{self.kind}:{self.target}"


@dataclass
class NotifySettings:
    """Where and what to send; read from the [notify] table of the config file, options winning."""

    min_score: float = DEFAULT_MIN_SCORE
    limit: int = DEFAULT_LIMIT
    profiles: tuple[str, ...] = ()  # empty: the profiles the command was given (or all)
    smtp: str | None = None  # HOST:PORT
    to: tuple[str, ...] = ()
    sender: str = "jobfit@localhost"
    starttls: bool = False
    username: str | None = None
    password_env: str = "JOBFIT_SMTP_PASSWORD"  # the password is read from this environment variable
    webhook: str | None = None
    ntfy: str | None = None
    timeout: float = 30.0

    def channels(self) -> list[Channel]:
        out = []
        if self.smtp:
            if not self.to:
                raise NotifyError("--smtp needs --to ADDR (or `to` in the config file)")
            host_port(self.smtp)
            out.append(Channel("email", f"{self.smtp} to {','.join(self.to)}"))
        for kind, url in (("webhook", self.webhook), ("ntfy", self.ntfy)):
            if url:
                if not url.startswith(("http://", "https://")):
                    raise NotifyError(f"--{kind} {url!r}: not an http(s) URL")
                out.append(Channel(kind, url))
        return out


def host_port(text: str) -> tuple[str, int]:
    """("host", port) from "host:port"."""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise NotifyError(f"--smtp {text!r}: expected HOST:PORT")
    return host, int(port)


def default_config_path() -> Path:
    """$JOBFIT_CONFIG, else ~/.config/jobfit/config.toml."""
    if env := os.environ.get("JOBFIT_CONFIG"):
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "jobfit" / "config.toml"


KEYS = {"min_score": (int, float), "limit": int, "profiles": list, "smtp": str, "to": (str, list), "from": str,
        "starttls": bool, "username": str, "password_env": str, "webhook": str, "ntfy": str, "timeout": (int, float)}


def load_settings(path: Path | None, required: bool = False) -> NotifySettings:
    """The [notify] table of the config file at `path` (default_config_path() when None)."""
    path = path or default_config_path()
    if not path.is_file():
        if required:
            raise NotifyError(f"{path}: no config file (it needs a [notify] table; see `jobfit notify --help`)")
        return NotifySettings()
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("notify", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise NotifyError(f"{path}: {exc}") from None
    for key, value in table.items():
        if key not in KEYS:
            raise NotifyError(f"{path}: unknown key notify.{key} (known: {', '.join(KEYS)})")
        if not isinstance(value, KEYS[key]) or (isinstance(value, bool) and key != "starttls"):
            raise NotifyError(f"{path}: notify.{key} has the wrong type ({type(value).__name__})")
    to = table.get("to", ())
    return NotifySettings(
        min_score=float(table.get("min_score", DEFAULT_MIN_SCORE)), limit=table.get("limit", DEFAULT_LIMIT),
        profiles=tuple(table.get("profiles", ())), smtp=table.get("smtp"),
        to=(to,) if isinstance(to, str) else tuple(to), sender=table.get("from", "jobfit@localhost"),
        starttls=table.get("starttls", False), username=table.get("username"),
        password_env=table.get("password_env", "JOBFIT_SMTP_PASSWORD"), webhook=table.get("webhook"),
        ntfy=table.get("ntfy"), timeout=float(table.get("timeout", 30.0)))


@dataclass
class Outcome:
    """One profile's send on one channel."""

    channel: Channel
    profile: str
    sent: list[str] = field(default_factory=list)  # posting ids
    failed: list[str] = field(default_factory=list)
    error: str | None = None

    def line(self) -> str:
        text = f"{self.channel.key}: {self.profile}: {len(self.sent)} sent"
        if self.failed:
            text += f", {len(self.failed)} failed ({self.error}); they will be sent again next time"
        return text


def pending(db: sqlite_utils.Database, profile: Profile, channel: Channel, settings: NotifySettings) -> list[dict]:
    """The report rows of the profile's matches above the threshold that `channel` was not yet sent."""
    filters = ReportFilters(min_score=settings.min_score, not_sent_to=channel.key,
                            exclude_companies=tuple(profile.filters.get("exclude_companies", ())))
    return report_rows(with_explanations(db, report_matches(db, profile.id, settings.limit, filters), profile))


def notify(db: sqlite_utils.Database, profiles: list[Profile], settings: NotifySettings) -> list[Outcome]:
    """Send every channel its pending matches, for each profile, and record what was sent and what failed."""
    from jobfit.notify.channels import SENDERS

    outcomes = []
    channels = settings.channels()
    if not channels:
        raise NotifyError("no channel: give --smtp HOST:PORT --to ADDR, --webhook URL or --ntfy URL "
                          f"(or set them in the [notify] table of {default_config_path()})")
    for profile in profiles:
        if settings.profiles and profile.id not in settings.profiles:
            continue
        for channel in channels:
            rows = pending(db, profile, channel, settings)
            if not rows:
                outcomes.append(Outcome(channel, profile.id))
                continue
            outcome = Outcome(channel, profile.id)
            for ids, error in SENDERS[channel.kind](settings, profile, rows):
                record_sends(db, channel.key, profile.id, ids, error)
                if error:
                    outcome.failed += ids
                    outcome.error = error
                else:
                    outcome.sent += ids
            outcomes.append(outcome)
    return outcomes
