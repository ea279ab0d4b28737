"""Build matcher/data/skills.json from the hand-curated seed and the ESCO and O*NET taxonomies.

Run from the repository root:

    python -m jobfit.matcher.build_skills [--taxonomy DIR] [--out PATH] [--seed PATH]

The seed (matcher/data/skills_seed.toml) is the source of truth; the taxonomies only add links and labels.
The output is deterministic, so rebuilding an unchanged seed reproduces the committed file byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_TAXONOMY = REPO.parent / "shared/data/taxonomy"
DEFAULT_SEED = REPO / "matcher/data/skills_seed.toml"
DEFAULT_OUT = REPO / "matcher/data/skills.json"
TAXONOMY_FILES = ("esco_skills_en-us.csv", "esco_skills_fr.csv", "esco11_en_labels.txt", "onet_tech_skills.txt")
ATTRIBUTION = [
    "ESCO, European Commission (v1.0.x and v1.1.0 labels)",
    "O*NET 29.2 Database, USDOL/ETA, used under CC BY 4.0; O*NET is a trademark of USDOL/ETA",
]
SKILL_DEFAULTS = {"aliases": [], "aliases_fr": [], "exact": [], "ambiguous": False, "esco": "", "onet": ""}
SKILL_KEYS = {"id", "name", "name_fr", "family", *SKILL_DEFAULTS}
FAMILY_KEYS = {"id", "name", "name_fr", "parent", "interchangeable"}
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")
MIN_LABEL_LENGTH = 3  # shorter taxonomy labels ("R", "C") are too ambiguous to copy as case-insensitive aliases


class BuildError(Exception):
    """A problem that stops the build; its message is meant for the person editing the seed."""


@dataclass
class Esco:
    """ESCO v1.0 concepts indexed by normalised English preferred label, plus the v1.1 English labels."""

    concepts: dict[str, list[dict]]
    v11_labels: dict[str, str]


@dataclass
class Onet:
    """O*NET technology examples: exact name → hot flag, and a case-insensitive index of names."""

    hot: dict[str, bool]
    by_key: dict[str, list[str]]


@dataclass
class Result:
    """The built document and the notes worth showing to whoever ran the build."""

    document: dict
    notes: list[str] = field(default_factory=list)


def norm(form: str) -> str:
    """The key under which the matcher sees a surface form: lowercased, unaccented, hyphens and slashes as spaces,
    single-spaced."""
    form = form.replace("\u2019", "'").replace("\u2018", "'").replace("-", " ").replace("/", " ")
    base = unicodedata.normalize("NFD", form.casefold())
    return " ".join("".join(c for c in base if not unicodedata.combining(c)).split())


def clean_label(label: str) -> str:
    """A taxonomy label with straight apostrophes and single spaces."""
    return " ".join(label.replace("\u2019", "'").replace("\u2018", "'").split())


def load_seed(path: Path) -> dict:
    """Read the seed TOML and fill in each skill's optional fields."""
    with path.open("rb") as handle:
        seed = tomllib.load(handle)
    seed["skill"] = [{**SKILL_DEFAULTS, **skill} for skill in seed.get("skill", [])]
    seed.setdefault("family", [])
    return seed


def check_fields(kind: str, entry: dict, allowed: set[str]) -> list[str]:
    """Problems with one family or skill entry's keys, id and field types."""
    label = f"{kind} {entry.get('id', '<no id>')!r}"
    problems = [f"{label}: unknown key {key!r}" for key in sorted(set(entry) - allowed)]
    problems += [f"{label}: missing {key!r}" for key in ("id", "name", "name_fr") if not entry.get(key)]
    if not ID_PATTERN.fullmatch(str(entry.get("id", ""))):
        problems.append(f"{label}: id must be snake_case ASCII")
    for key in ("aliases", "aliases_fr", "exact"):
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            problems.append(f"{label}: {key} must be a list of non-empty strings")
    if kind == "skill" and not isinstance(entry.get("ambiguous"), bool):
        problems.append(f"{label}: ambiguous must be true or false")
    return problems


def check_families(families: list[dict]) -> list[str]:
    """Problems in the family tree: duplicate ids, unknown parents, cycles."""
    problems, parents = [], {}
    for family in families:
        problems += check_fields("family", family, FAMILY_KEYS)
        if family["id"] in parents:
            problems.append(f"family {family['id']!r}: duplicate id")
        parents[family["id"]] = family.get("parent", "")
    for family_id, parent in parents.items():
        if parent and parent not in parents:
            problems.append(f"family {family_id!r}: unknown parent {parent!r}")
    for family_id in parents:
        seen, current = [], family_id
        while current and current in parents and current not in seen:
            seen.append(current)
            current = parents[current]
        if current in seen:
            problems.append(f"family {family_id!r}: parent cycle {' → '.join(seen + [current])}")
    return problems


def case_insensitive_forms(skill: dict) -> list[str]:
    """A skill's case-insensitive surface forms: names and aliases, minus those kept case-sensitive in `exact`."""
    exact = {norm(form) for form in skill["exact"]}
    forms = [skill["name"], skill["name_fr"], *skill["aliases"], *skill["aliases_fr"]]
    return [form for form in forms if norm(form) not in exact]


def check_skills(skills: list[dict], family_ids: set[str]) -> list[str]:
    """Problems in the skills: fields, duplicate ids, unknown families, ambiguity, forms shared by two skills."""
    problems, ids, owner = [], set(), {}
    for skill in skills:
        problems += check_fields("skill", skill, SKILL_KEYS)
        label = f"skill {skill.get('id')!r}"
        if skill.get("id") in ids:
            problems.append(f"{label}: duplicate id")
        ids.add(skill.get("id"))
        if skill.get("family") not in family_ids:
            problems.append(f"{label}: unknown family {skill.get('family')!r}")
        if skill["ambiguous"] and not skill["exact"]:
            problems.append(f"{label}: ambiguous skills need at least one case-sensitive `exact` form")
        exact = {norm(form) for form in skill["exact"]}
        for form in [*skill["aliases"], *skill["aliases_fr"]]:
            if norm(form) in exact:
                problems.append(f"{label}: {form!r} is in `exact`, so it must not be an alias too")
        for form in {norm(f) for f in [*case_insensitive_forms(skill), *skill["exact"]]}:
            if owner.setdefault(form, skill["id"]) != skill["id"]:
                problems.append(f"{label}: surface form {form!r} already belongs to skill {owner[form]!r}")
    return problems


def validate(seed: dict) -> None:
    """Raise BuildError listing every problem in the seed, or return quietly."""
    problems = check_families(seed["family"])
    problems += check_skills(seed["skill"], {family["id"] for family in seed["family"]})
    if not str(seed.get("version", "")).strip():
        problems.insert(0, "seed: missing top-level `version`")
    if problems:
        raise BuildError("invalid skills seed:\n  " + "\n  ".join(problems))


def read_csv(path: Path) -> list[dict]:
    """The rows of an ESCO CSV export."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_esco(taxonomy: Path) -> Esco:
    """ESCO v1.0 concepts (URI, English label, French labels) and the v1.1 English label list."""
    french = {row["conceptUri"]: row for row in read_csv(taxonomy / "esco_skills_fr.csv")}
    concepts = defaultdict(list)
    for row in read_csv(taxonomy / "esco_skills_en-us.csv"):
        fr = french.get(row["conceptUri"], {})
        concepts[norm(row["preferredLabel"])].append({
            "uri": row["conceptUri"],
            "labels": [row["preferredLabel"], fr.get("preferredLabel", ""), *fr.get("altLabels", "").split("\n")],
        })
    v11 = (taxonomy / "esco11_en_labels.txt").read_text(encoding="utf-8").splitlines()
    return Esco(dict(concepts), {norm(label): label for label in v11 if label.strip()})


def load_onet(taxonomy: Path) -> Onet:
    """O*NET 29.2 Technology Skills examples with their Hot Technology flag."""
    hot: dict[str, bool] = {}
    with (taxonomy / "onet_tech_skills.txt").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            example = row["Example"].strip()
            hot[example] = hot.get(example, False) or row["Hot Technology"].strip() == "Y"
    by_key = defaultdict(list)
    for example in sorted(hot):
        by_key[norm(example)].append(example)
    return Onet(hot, dict(by_key))


def resolve_esco(skill: dict, esco: Esco, notes: list[str]) -> tuple[str | None, list[str]]:
    """The ESCO URI and labels of the skill's `esco` link (v1.1-only labels give no URI)."""
    if not skill["esco"]:
        return None, []
    key = norm(skill["esco"])
    matches = esco.concepts.get(key, [])
    if len(matches) == 1:
        return matches[0]["uri"], matches[0]["labels"]
    if len(matches) > 1:
        notes.append(f"skill {skill['id']!r}: ESCO label {skill['esco']!r} names {len(matches)} concepts; not linked")
    elif key in esco.v11_labels:
        return None, [esco.v11_labels[key]]
    else:
        notes.append(f"skill {skill['id']!r}: ESCO label {skill['esco']!r} not found")
    return None, []


def resolve_onet(skill: dict, onet: Onet, notes: list[str]) -> str | None:
    """The O*NET example named by the skill's `onet` field, matched exactly or else case-insensitively."""
    if not skill["onet"]:
        return None
    if skill["onet"] in onet.hot:
        return skill["onet"]
    candidates = onet.by_key.get(norm(skill["onet"]), [])
    if len(candidates) == 1:
        return candidates[0]
    notes.append(f"skill {skill['id']!r}: O*NET example {skill['onet']!r} not found")
    return None


def taxonomy_aliases(skill: dict, labels: list[str], owner: dict[str, str], ignored: set[str],
                     notes: list[str]) -> list[str]:
    """The taxonomy labels fit to be aliases of `skill` (not ignored, short, its exact forms or another skill's)."""
    exact = {norm(form) for form in skill["exact"]}
    kept = []
    for label in map(clean_label, labels):
        key = norm(label)
        if len(key) < MIN_LABEL_LENGTH or key in ignored or key in exact:
            continue
        if owner.setdefault(key, skill["id"]) == skill["id"]:
            kept.append(label)
        else:
            notes.append(f"skill {skill['id']!r}: taxonomy label {label!r} skipped, it belongs to {owner[key]!r}")
    return kept


def dedupe(forms: list[str]) -> list[str]:
    """`forms` without repeats under the matcher's normalisation, first spelling kept."""
    seen, out = set(), []
    for form in forms:
        if norm(form) not in seen:
            seen.add(norm(form))
            out.append(form.strip())
    return out


def seed_owners(skills: list[dict]) -> dict[str, str]:
    """Normalised surface form → id of the skill that owns it in the seed."""
    return {norm(form): skill["id"] for skill in skills for form in [*case_insensitive_forms(skill), *skill["exact"]]}


def build_skill(skill: dict, esco: Esco, onet: Onet, owner: dict[str, str], ignored: set[str],
                notes: list[str]) -> dict:
    """One skills.json entry: the seed skill plus its ESCO and O*NET links and labels."""
    esco_uri, esco_labels = resolve_esco(skill, esco, notes)
    onet_example = resolve_onet(skill, onet, notes)
    extra = taxonomy_aliases(skill, [*esco_labels, *([onet_example] if onet_example else [])], owner, ignored, notes)
    return {
        "id": skill["id"],
        "name": skill["name"],
        "name_fr": skill["name_fr"],
        "family": skill["family"],
        "aliases": dedupe([*case_insensitive_forms(skill), *extra]),
        "exact": list(dict.fromkeys(skill["exact"])),
        "ambiguous": skill["ambiguous"],
        "esco_uri": esco_uri,
        "onet_example": onet_example,
        "hot": bool(onet_example and onet.hot[onet_example]),
    }


def build(seed: dict, esco: Esco, onet: Onet) -> Result:
    """Validate the seed and build the whole skills.json document."""
    validate(seed)
    notes: list[str] = []
    owner = seed_owners(seed["skill"])
    ignored = {norm(label) for label in seed.get("esco", {}).get("ignore_labels", [])}
    skills = [build_skill(s, esco, onet, owner, ignored, notes) for s in sorted(seed["skill"], key=lambda s: s["id"])]
    families = [{**{key: family.get(key, "") for key in ("id", "name", "name_fr", "parent")},
                 "interchangeable": bool(family.get("interchangeable"))}
                for family in sorted(seed["family"], key=lambda f: f["id"])]
    document = {"version": str(seed["version"]), "attribution": ATTRIBUTION, "families": families, "skills": skills}
    return Result(document, notes)


def render(document: dict) -> str:
    """The document as the committed skills.json text."""
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


def build_from_files(seed_path: Path, taxonomy: Path) -> Result:
    """Read the seed and the taxonomy folder, then build."""
    if not taxonomy.is_dir():
        raise BuildError(f"taxonomy folder not found: {taxonomy} (the committed skills.json is still usable; "
                         f"pass --taxonomy DIR to rebuild it)")
    missing = [name for name in TAXONOMY_FILES if not (taxonomy / name).is_file()]
    if missing:
        raise BuildError(f"taxonomy folder {taxonomy} lacks {', '.join(missing)}")
    return build(load_seed(seed_path), load_esco(taxonomy), load_onet(taxonomy))


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: build, write, and report."""
    parser = argparse.ArgumentParser(prog="python -m jobfit.matcher.build_skills", description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomy", type=Path, default=DEFAULT_TAXONOMY, help="folder with the ESCO/O*NET files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write skills.json")
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the hand-curated seed TOML")
    args = parser.parse_args(argv)
    try:
        result = build_from_files(args.seed, args.taxonomy)
    except (BuildError, OSError, tomllib.TOMLDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    args.out.write_text(render(result.document), encoding="utf-8")
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    skills = result.document["skills"]
    print(f"wrote {len(skills)} skills in {len(result.document['families'])} families to {args.out} "
          f"({sum(bool(s['esco_uri']) for s in skills)} ESCO links, {sum(bool(s['onet_example']) for s in skills)} "
          f"O*NET links)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
