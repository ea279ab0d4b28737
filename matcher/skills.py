"""jobfit's skill table: canonical skills, their surface forms, and the family tree they sit in."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

DEFAULT_TABLE = Path(__file__).parent / "data" / "skills.json"


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    name_fr: str
    family: str | None
    aliases: tuple[str, ...]
    exact: tuple[str, ...] = ()
    ambiguous: bool = False
    esco_uri: str | None = None
    onet_example: str | None = None
    hot: bool = False


@dataclass
class SkillTable:
    version: str
    skills: dict[str, Skill]
    families: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path | None = None) -> SkillTable:
        """Read a skills.json file (the bundled one by default)."""
        data = json.loads(Path(path or DEFAULT_TABLE).read_text(encoding="utf-8"))
        skills = {}
        for entry in data["skills"]:
            skills[entry["id"]] = Skill(
                id=entry["id"], name=entry["name"], name_fr=entry.get("name_fr") or entry["name"],
                family=entry.get("family") or None, aliases=tuple(entry.get("aliases") or ()),
                exact=tuple(entry.get("exact") or ()), ambiguous=bool(entry.get("ambiguous")),
                esco_uri=entry.get("esco_uri"), onet_example=entry.get("onet_example"), hot=bool(entry.get("hot")),
            )
        families = {f["id"]: f for f in data.get("families", [])}
        return cls(version=str(data.get("version", "0")), skills=skills, families=families)

    def __contains__(self, skill_id: str) -> bool:
        return skill_id in self.skills

    def __getitem__(self, skill_id: str) -> Skill:
        return self.skills[skill_id]

    def lineage(self, skill_id: str) -> tuple[str, ...]:
        """The skill's family, then that family's parents, up to the root."""
        chain, family = [], self.skills[skill_id].family if skill_id in self.skills else None
        while family and family not in chain:
            chain.append(family)
            family = (self.families.get(family) or {}).get("parent") or None
        return tuple(chain)

    def stand_in_family(self, skill_id: str) -> str | None:
        """The skill's family when its members can stand in for each other (PyTorch for TensorFlow), else None.

        This is what "sibling skill" means everywhere: a sibling earns partial credit in the score and shows as
        "related" in `jobfit stats`; sharing a broader family (both are "programming languages") is no kinship.
        """
        lineage = self.lineage(skill_id) if skill_id in self.skills else ()
        if not lineage or not self.families.get(lineage[0], {}).get("interchangeable"):
            return None
        return lineage[0]

    @cached_property
    def members(self) -> dict[str, frozenset[str]]:
        """Family id → ids of the skills directly in it."""
        out: dict[str, set[str]] = {}
        for skill in self.skills.values():
            if skill.family:
                out.setdefault(skill.family, set()).add(skill.id)
        return {k: frozenset(v) for k, v in out.items()}
