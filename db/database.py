"""Open a jobfit database: path resolution, connection pragmas, migrations."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from jobfit.db.migrations import MIGRATIONS, migrate

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


class DatabaseMissing(FileNotFoundError):
    """A database that is not there (a reading command never creates one); the message names it."""


def open_db(path: str | os.PathLike | None = None, read_only: bool = False) -> sqlite_utils.Database:
    """Open and migrate the database at `path`, creating it if needed; `read_only` opens an existing one to read.

    Only jobfit's own data directory is created: a database in a folder that does not exist is an error (a typo
    in `--db` would otherwise make a new, empty database and show nothing).
    """
    path = Path(path) if path is not None else default_db_path()
    if read_only:
        return _open_read_only(path)
    if not path.parent.is_dir():
        if path.parent != user_data_dir():
            raise DatabaseMissing(f"{path}: the folder {path.parent} does not exist (create it, or give another --db)")
        path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    # WAL lets a report read while a crawl writes; the busy timeout makes writers wait, not fail.
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.enable_wal()
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db


def _open_read_only(path: Path) -> sqlite_utils.Database:
    """An existing database opened so that nothing can write it (a report, stats, status)."""
    if not path.is_file():
        raise DatabaseMissing(f"no database at {path}: `jobfit crawl`, `jobfit import` or `jobfit demo` fill one, "
                              "or give --db")
    conn = _connect_read_only(path)
    try:
        done = {row[0] for row in conn.execute("select name from _migrations")}
    except sqlite3.OperationalError:
        done = set()
    if any(fn.__name__ not in done for fn in MIGRATIONS):
        conn.close()
        return open_db(path)  # an older database is brought up to date once, by whoever opens it first
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return sqlite_utils.Database(conn)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.execute("select count(*) from sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL database in a folder this user cannot write (no -shm file can be made): read it as it is on disk.
        return sqlite3.connect(uri + "&immutable=1", uri=True)
