"""Profiles: what a job seeker knows and wants, read from a TOML file."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

TIERS = {"required": 3.0, "important": 2.0, "bonus": 1.0}


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Requirement:
    """One thing the profile offers: a skill, or any one of several ("PyTorch | TensorFlow | JAX")."""

    skills: tuple[str, ...]
    label: str
    tier: str
    weight: float


@dataclass
class Profile:
    id: str
    name: str
    requirements: list[Requirement]
    filters: dict = field(default_factory=dict)
    description: str = ""
    version: str = ""
    path: Path | None = None

    @property
    def skill_ids(self) -> frozenset[str]:
        """Every skill the profile names."""
        return frozenset(s for r in self.requirements for s in r.skills)


def load_profile(path: str | Path, known_skills=None) -> Profile:
    """Read and check a profile file; `known_skills` (ids) lets it reject unknown skill ids."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from None
    requirements = []
    for n, entry in enumerate(data.get("skills", []), start=1):
        where = f"{path}: [[skills]] entry {n}"
        if not isinstance(entry, dict):
            raise ProfileError(f"{where}: expected a table")
        ids = entry.get("any_of") or ([entry["id"]] if "id" in entry else [])
        if not ids or not all(isinstance(i, str) for i in ids):
            raise ProfileError(f"{where}: needs id = \"skill\" or any_of = [\"skill\", ...]")
        if known_skills is not None:
            unknown = [i for i in ids if i not in known_skills]
            if unknown:
                raise ProfileError(f"{where}: unknown skill id {', '.join(unknown)} (see `jobfit skills`)")
        tier = entry.get("tier", "important")
        if tier not in TIERS:
            raise ProfileError(f"{where}: tier must be one of {', '.join(TIERS)}, not {tier!r}")
        weight = entry.get("weight", TIERS[tier])
        if not isinstance(weight, (int, float)) or weight <= 0:
            raise ProfileError(f"{where}: weight must be a positive number")
        requirements.append(Requirement(tuple(ids), entry.get("label") or " | ".join(ids), tier, float(weight)))
    if not requirements:
        raise ProfileError(f"{path}: a profile needs at least one [[skills]] entry")
    return Profile(
        id=data.get("id") or path.stem,
        name=data.get("name") or path.stem,
        requirements=requirements,
        filters=data.get("filters", {}),
        description=data.get("description", ""),
        version=hashlib.sha256(raw).hexdigest()[:12],
        path=path,
    )
