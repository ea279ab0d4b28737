"""The sources file: which spiders to run, on which boards and searches (TOML, edited by users)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path


def bundled_sources() -> Path:
    """The sources file shipped with jobfit, beside this module."""
    return Path(__file__).with_name("sources.toml")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class Source:
    """One crawl job: a spider and its arguments, under a unique name."""

    name: str
    spider: str
    args: dict = field(default_factory=dict)
    enabled: bool = True


def sources_path() -> Path:
    """$JOBFIT_SOURCES, else sources.toml in the user's config directory if present, else the bundled file."""
    if env := os.environ.get("JOBFIT_SOURCES"):
        return Path(env).expanduser()
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    user = config_home / "jobfit" / "sources.toml"
    return user if user.is_file() else bundled_sources()


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Read and check a sources file: [[source]] entries with name, spider, args and enabled."""
    path = Path(path) if path else sources_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"{path}: no such sources file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SourcesError(f"{path}: {exc}") from None
    sources, names = [], set()
    for n, entry in enumerate(data.get("source", []), start=1):
        where = f"{path}: [[source]] entry {n}"
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("spider"):
            raise SourcesError(f"{where}: needs name and spider")
        if entry["name"] in names:
            raise SourcesError(f"{where}: duplicate name {entry['name']!r}")
        args = entry.get("args", {})
        if not isinstance(args, dict):
            raise SourcesError(f"{where}: args must be a table")
        names.add(entry["name"])
        sources.append(Source(entry["name"], entry["spider"], {k: str(v) for k, v in args.items()},
                              bool(entry.get("enabled", True))))
    return sources
