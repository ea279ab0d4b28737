"""Where jobfit finds its profiles and database, resolved once at the command line and passed down."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jobfit.db import default_db_path


def bundled_profiles() -> Path:
    """The profiles shipped with jobfit (profiles/ in the repository, jobfit/profiles in the wheel)."""
    return Path(str(files("jobfit.profiles")))


def profile_dirs() -> list[Path]:
    """Folders searched for NAME.toml: $JOBFIT_PROFILES (os.pathsep-separated), then the bundled profiles/."""
    dirs = [Path(p).expanduser() for p in os.environ.get("JOBFIT_PROFILES", "").split(os.pathsep) if p]
    return dirs + [bundled_profiles()]


def find_profile(name_or_path: str) -> Path:
    """The profile file for a name ("expert_ia") or a path ("~/me.toml")."""
    candidate = Path(name_or_path).expanduser()
    if candidate.suffix == ".toml" or os.sep in name_or_path:
        return candidate
    for folder in profile_dirs():
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return path
    names = sorted({p.stem for d in profile_dirs() if d.is_dir() for p in d.glob("*.toml")})
    raise FileNotFoundError(f"no profile named {name_or_path!r}; known: {', '.join(names) or 'none'}")


def all_profiles() -> list[Path]:
    """Every profile file in the profile folders, first folder winning on equal names."""
    seen: dict[str, Path] = {}
    for folder in profile_dirs():
        for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
            seen.setdefault(path.stem, path)
    return list(seen.values())


@dataclass(frozen=True)
class Config:
    db_path: Path

    @classmethod
    def resolve(cls, db: str | None) -> Config:
        """The configuration for a command: `--db` wins over $JOBFIT_DB and the default location.

        The path is kept in the click context, so an error about the database can name it.
        """
        config = cls(db_path=Path(db).expanduser() if db else default_db_path())
        import click

        if ctx := click.get_current_context(silent=True):
            ctx.meta["jobfit.db"] = config.db_path
        return config
