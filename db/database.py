"""Open a jobfit database: path resolution, connection pragmas, migrations."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import sqlite_utils

from jobfit.db.migrations import migrate

BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """The database path: $JOBFIT_DB, else jobfit.db in the user's data directory."""
    if env := os.environ.get("JOBFIT_DB"):
        return Path(env).expanduser()
    return user_data_dir() / "jobfit.db"


def user_data_dir() -> Path:
    """The platform's per-user data directory for jobfit."""
    if sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    elif os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "jobfit"


def open_db(path: str | os.PathLike | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the database at `path`."""
    path = Path(path) if path is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    # WAL lets a report read while a crawl writes; the busy timeout makes writers wait, not fail.
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db
