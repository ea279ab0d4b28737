"""Profiles: what a job seeker knows and wants, read from a TOML file."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.db.vocabulary import CONTRACTS, REMOTE_POLICIES, SENIORITIES

TIERS = {"required": 3.0, "important": 2.0, "bonus": 1.0}


class ProfileError(ValueError):
    """A profile file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Requirement:
    """One thing the profile offers: a skill, or any one of several ("PyTorch | TensorFlow | JAX")."""

    skills: tuple[str, ...]
    label: str  # "" when the file gives none: reports then name the skills
    tier: str
    weight: float


@dataclass
class Profile:
    id: str
    name: str
    requirements: list[Requirement]
    filters: dict = field(default_factory=dict)
    description: str = ""
    titles: tuple[str, ...] = ()
    version: str = ""
    path: Path | None = None

    @property
    def skill_ids(self) -> frozenset[str]:
        """Every skill the profile names."""
        return frozenset(s for r in self.requirements for s in r.skills)


FILTER_LISTS = ("locations", "remote", "contracts", "seniority", "languages", "exclude_titles",
                "exclude_companies")
FILTER_NUMBERS = ("min_salary", "max_age_days")
FILTER_VALUES = {"remote": REMOTE_POLICIES, "contracts": CONTRACTS, "seniority": SENIORITIES}


def _line(text: str, pattern: str, nth: int = 1) -> int | None:
    """The line number of the nth line matching `pattern` in the file's text."""
    found = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(pattern, line.strip()):
            found += 1
            if found == nth:
                return number
    return None


def _where(path: Path, line: int | None, what: str) -> str:
    return f"{path}, line {line}: {what}" if line else f"{path}: {what}"


def check_filters(filters, path: Path, text: str) -> dict:
    """The [filters] table, checked: known keys, lists of strings, known values, positive numbers."""
    if not isinstance(filters, dict):
        raise ProfileError(_where(path, _line(text, r"filters\s*="), "filters must be a table"))
    for key, value in filters.items():
        where = _line(text, rf"{re.escape(key)}\s*=")
        if key in FILTER_LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ProfileError(_where(path, where, f"filters.{key} must be a list of strings"))
            allowed = FILTER_VALUES.get(key)
            wrong = [v for v in value if allowed and v not in allowed]
            if wrong:
                raise ProfileError(_where(path, where, f"filters.{key}: unknown value {', '.join(map(repr, wrong))}"
                                                       f" (one of {', '.join(allowed)})"))
        elif key in FILTER_NUMBERS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ProfileError(_where(path, where, f"filters.{key} must be a positive number"))
        elif key == "salary_band":
            if (not isinstance(value, list) or len(value) != 2 or not all(
                    isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in value)
                    or value[0] > value[1]):
                raise ProfileError(_where(path, where, "filters.salary_band must be [low, high], two positive numbers"))
        else:
            known = ", ".join((*FILTER_LISTS, *FILTER_NUMBERS, "salary_band"))
            raise ProfileError(_where(path, where, f"unknown filter {key!r} (known: {known})"))
    return filters


def load_profile(path: str | Path, known_skills=None) -> Profile:
    """Read and check a profile file; `known_skills` (ids) lets it reject unknown skill ids."""
    path = Path(path)
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ProfileError(f"{path}: no such profile file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProfileError(f"{path}: {exc}") from None
    requirements = []
    for n, entry in enumerate(data.get("skills", []), start=1):
        line = _line(text, r"\[\[\s*skills\s*\]\]", n)
        where = f"{path}, line {line}: [[skills]] entry {n}" if line else f"{path}: [[skills]] entry {n}"
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
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            raise ProfileError(f"{where}: weight must be a positive number")
        requirements.append(Requirement(tuple(ids), entry.get("label") or "", tier, float(weight)))
    if not requirements:
        raise ProfileError(f"{path}: a profile needs at least one [[skills]] entry")
    titles = data.get("titles", [])
    if not isinstance(titles, list) or not all(isinstance(t, str) and t.strip() for t in titles):
        raise ProfileError(_where(path, _line(text, r"titles\s*="), "titles must be a list of job titles (strings)"))
    return Profile(
        id=data.get("id") or path.stem,
        name=data.get("name") or path.stem,
        requirements=requirements,
        filters=check_filters(data.get("filters", {}), path, text),
        description=data.get("description", ""),
        titles=tuple(titles),
        version=hashlib.sha256(raw).hexdigest()[:12],
        path=path,
    )
