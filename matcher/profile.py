"""Profiles: what a job seeker knows and wants, read from a TOML file."""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from jobfit.db.fold import fold
from jobfit.db.vocabulary import CONTRACTS, REMOTE_POLICIES, SENIORITIES, normalize_contract, normalize_remote
from jobfit.matcher.filters import SPOKEN_NAMES, SpokenError, spoken_entry

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


FILTER_LISTS = ("locations", "remote", "contracts", "seniority", "languages", "exclude_titles", "exclude_companies",
                "spoken_languages")
TOP_KEYS = ("id", "name", "description", "titles", "skills", "filters")
SKILL_KEYS = ("id", "any_of", "label", "tier", "weight")
FILTER_NUMBERS = ("min_salary", "max_age_days")
FILTER_VALUES = {"remote": REMOTE_POLICIES, "contracts": CONTRACTS, "seniority": SENIORITIES}
FILTER_READERS = {"remote": normalize_remote, "contracts": normalize_contract}
# Filter keys people write for one of the two language filters: the posting's language, or the ones they speak.
FILTER_HINTS = {"spoken": "spoken_languages", "speaks": "spoken_languages", "languages_spoken": "spoken_languages",
                "spoken_language": "spoken_languages", "langues": "spoken_languages",
                "langues_parlees": "spoken_languages", "language": "languages", "posting_languages": "languages",
                "posting_language": "languages"}
LANGUAGES_HELP = ("filters.languages is the language a posting is written in (fr, en); the languages you speak, "
                  "optionally with a level (\"en:B2\"), go in filters.spoken_languages")


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


def _positive(value) -> bool:
    """A real, finite, positive number (TOML's nan and inf are not)."""
    return not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def _close(word: str, known) -> str:
    """ "; did you mean 'titles'?" when `word` is a near miss of a known key."""
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
    return f"; did you mean {near[0]!r}?" if near else ""


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
            if key in FILTER_READERS:  # "CDI", "télétravail": the words the crawler reads are read here too
                value = filters[key] = [v if v in allowed else FILTER_READERS[key](v) or v for v in value]
            wrong = [v for v in value if allowed and v not in allowed]
            if wrong:
                raise ProfileError(_where(path, where, f"filters.{key}: unknown value {', '.join(map(repr, wrong))}"
                                                       f" (one of {', '.join(allowed)})"))
            if key == "languages":
                _check_posting_languages(value, path, where)
            elif key == "spoken_languages":
                _check_spoken(value, path, where)
        elif key in FILTER_NUMBERS:
            if not _positive(value):
                raise ProfileError(_where(path, where, f"filters.{key} must be a positive number"))
        elif key == "salary_band":
            if (not isinstance(value, list) or len(value) != 2 or not all(
                    _positive(v) for v in value)
                    or value[0] > value[1]):
                raise ProfileError(_where(path, where, "filters.salary_band must be [low, high], two positive numbers"))
        elif key in TOP_KEYS:
            raise ProfileError(_where(path, where, f"{key} = … comes after [filters], so TOML reads it as a filter: "
                                                   "move it above the first [[skills]]"))
        else:
            known = (*FILTER_LISTS, *FILTER_NUMBERS, "salary_band")
            hint = FILTER_HINTS.get(fold(key))
            raise ProfileError(_where(path, where, f"unknown filter {key!r} (known: {', '.join(known)})"
                                                   + (f"; did you mean {hint!r}?" if hint else _close(key, known))))
    return filters


def _check_posting_languages(value: list[str], path: Path, where: int | None) -> None:
    """filters.languages holds posting languages ("fr", "en"): a language name or a level is a spoken language."""
    spoken = [v for v in value if ":" in v or (len(v.strip()) > 2 and fold(v).strip() in SPOKEN_NAMES)]
    if spoken:
        said = ", ".join(json.dumps(v, ensure_ascii=False) for v in value)
        raise ProfileError(_where(path, where, f"filters.languages: {', '.join(map(repr, spoken))} names a spoken "
                                               f"language; {LANGUAGES_HELP}: did you mean spoken_languages = "
                                               f"[{said}]?"))


def _check_spoken(value: list[str], path: Path, where: int | None) -> None:
    """Each spoken_languages entry names a known language, and a known level when it gives one."""
    for entry in value:
        try:
            spoken_entry(entry)
        except SpokenError as exc:
            name = fold(entry).partition(":")[0].strip()
            near = "" if name in SPOKEN_NAMES else _close(name, SPOKEN_NAMES)
            raise ProfileError(_where(path, where, f"filters.spoken_languages: {exc}{near}")) from None



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
    for key in data:
        if key not in TOP_KEYS:
            hint = FILTER_HINTS.get(fold(key))
            near = ("; it is a filter: put it under [filters]" if key in (*FILTER_LISTS, *FILTER_NUMBERS)
                    else f"; did you mean [filters] {hint}?" if hint else _close(key, TOP_KEYS))
            raise ProfileError(_where(path, _line(text, rf"{re.escape(key)}\s*="),
                                      f"unknown key {key!r} (known: {', '.join(TOP_KEYS)})" + near))
    if not isinstance(data.get("skills", []), list):
        raise ProfileError(_where(path, _line(text, r"skills\s*="), "skills must be [[skills]] entries"))
    requirements = []
    for n, entry in enumerate(data.get("skills", []), start=1):
        line = _line(text, r"\[\[\s*skills\s*\]\]", n)
        where = f"{path}, line {line}: [[skills]] entry {n}" if line else f"{path}: [[skills]] entry {n}"
        if not isinstance(entry, dict):
            raise ProfileError(f"{where}: expected a table")
        for key in entry:
            if key in SKILL_KEYS:
                continue
            key_line = _line(text, rf"{re.escape(key)}\s*=")
            if key in TOP_KEYS:
                # TOML puts every key after a [[skills]] header into that skill, however it is indented.
                raise ProfileError(_where(path, key_line, f"{key} = … comes after [[skills]], so TOML reads it as "
                                                          f"a key of skill entry {n}: move it above the first "
                                                          "[[skills]]"))
            raise ProfileError(_where(path, key_line, f"[[skills]] entry {n}: unknown key {key!r} "
                                                      f"(known: {', '.join(SKILL_KEYS)})" + _close(key, SKILL_KEYS)))
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
        if not _positive(weight):
            raise ProfileError(f"{where}: weight must be a positive number, not {weight!r}")
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
