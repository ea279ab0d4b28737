"""The built skill table (matcher/data/skills.json): size, family tree, ambiguity, links, reproducibility."""

from __future__ import annotations

import json

import pytest

from jobfit.matcher import build_skills
from jobfit.matcher.build_skills import BuildError, norm, validate

TABLE = json.loads(build_skills.DEFAULT_OUT.read_text(encoding="utf-8"))
SKILLS = {skill["id"]: skill for skill in TABLE["skills"]}
FAMILIES = {family["id"]: family for family in TABLE["families"]}
TAXONOMY = build_skills.DEFAULT_TAXONOMY
ESCO_JAVA_SPARK = "http://data.europa.eu/esco/skill/af7ae54f-4649-4c16-87c7-59ba41d4d57f"  # the Java web framework

EXPERT_IA = [
    "python", "pytorch", "tensorflow", "scikit_learn", "pandas", "apache_spark", "statistics", "probability",
    "linear_algebra", "differential_calculus", "machine_learning", "deep_learning", "nlp", "computer_vision",
    "recommender_systems", "conversational_ai", "cnn", "rnn", "transformers", "mlops", "data_drift", "aws", "azure",
    "gcp",
]
BILINGUAL_FORMS = [
    ("deep_learning", "apprentissage profond"), ("deep_learning", "deep learning"),
    ("nlp", "traitement automatique du langage naturel"), ("nlp", "TAL"), ("nlp", "traitement du langage naturel"),
    ("computer_vision", "vision par ordinateur"), ("recommender_systems", "systèmes de recommandation"),
    ("cnn", "réseaux de neurones convolutifs"), ("neural_networks", "réseaux de neurones"),
    ("statistics", "statistiques"), ("statistics", "statistique"), ("probability", "probabilités"),
    ("linear_algebra", "algèbre linéaire"), ("differential_calculus", "calcul différentiel"),
    ("data_drift", "dérive des données"), ("data_science", "science des données"), ("data_science", "data science"),
    ("scikit_learn", "sklearn"), ("scikit_learn", "scikit learn"), ("pytorch", "torch"), ("postgresql", "Postgres"),
    ("kubernetes", "K8s"), ("gcp", "Google Cloud Platform"), ("penetration_testing", "test d'intrusion"),
    ("penetration_testing", "pentest"), ("reverse_engineering", "rétro-ingénierie"), ("accounting", "comptabilité"),
    ("payroll", "paie"), ("nursing", "soins infirmiers"), ("driving_licence_b", "permis B"), ("haccp", "HACCP"),
]


def lineage(family_id: str) -> list[str]:
    """The family and its ancestors, root last; stops on an unknown id or a cycle."""
    chain = []
    while family_id and family_id in FAMILIES and family_id not in chain:
        chain.append(family_id)
        family_id = FAMILIES[family_id]["parent"]
    return chain


def forms(skill: dict) -> set[str]:
    """Every surface form of a skill, normalised as the matcher sees it."""
    return {norm(form) for form in [skill["name"], skill["name_fr"], *skill["aliases"], *skill["exact"]]}


def test_table_has_at_least_500_skills():
    assert len(SKILLS) >= 500


def test_ids_are_unique_sorted_snake_case():
    ids = [skill["id"] for skill in TABLE["skills"]]
    assert ids == sorted(set(ids))
    assert all(build_skills.ID_PATTERN.fullmatch(skill_id) for skill_id in ids)
    assert [family["id"] for family in TABLE["families"]] == sorted(FAMILIES)


def test_every_skill_family_resolves_to_a_root():
    for skill in SKILLS.values():
        chain = lineage(skill["family"])
        assert chain, f"{skill['id']}: unknown family {skill['family']!r}"
        assert FAMILIES[chain[-1]]["parent"] == "", f"{skill['id']}: family chain {chain} never reaches a root"


def test_families_nest_as_documented():
    assert lineage(SKILLS["pytorch"]["family"]) == ["deep_learning_frameworks", "machine_learning"]
    assert any(family.startswith("non_tech_") for family in lineage(SKILLS["accounting"]["family"]))


@pytest.mark.parametrize("skill_id", EXPERT_IA)
def test_expert_ia_skills_exist(skill_id):
    assert skill_id in SKILLS


@pytest.mark.parametrize("skill_id, form", BILINGUAL_FORMS)
def test_postings_surface_forms_are_known(skill_id, form):
    assert norm(form) in forms(SKILLS[skill_id])


def test_ambiguous_skills_have_exact_forms():
    for skill in SKILLS.values():
        if skill["ambiguous"]:
            assert skill["exact"], f"{skill['id']} is ambiguous but has no case-sensitive form"


def test_short_names_are_ambiguous_and_exact_only():
    for skill_id, form in [("r", "R"), ("c", "C"), ("go", "Go"), ("apache_spark", "Spark"), ("excel", "Excel")]:
        skill = SKILLS[skill_id]
        assert skill["ambiguous"] and form in skill["exact"]
        assert norm(form) not in {norm(alias) for alias in skill["aliases"]}


def test_surface_forms_belong_to_one_skill():
    owner: dict[str, str] = {}
    for skill in SKILLS.values():
        for form in forms(skill):
            assert owner.setdefault(form, skill["id"]) == skill["id"], f"{form!r}: {owner[form]} and {skill['id']}"


def test_spark_is_not_linked_to_escos_java_spark():
    assert SKILLS["apache_spark"]["esco_uri"] != ESCO_JAVA_SPARK
    assert not [s["id"] for s in SKILLS.values() if s["esco_uri"] == ESCO_JAVA_SPARK]
    assert SKILLS["apache_spark"]["onet_example"] == "Apache Spark"


def test_links_and_attribution():
    assert sum(bool(s["esco_uri"]) for s in SKILLS.values()) >= 100
    assert sum(bool(s["onet_example"]) for s in SKILLS.values()) >= 200
    assert SKILLS["python"]["hot"] and SKILLS["python"]["esco_uri"].startswith("http://data.europa.eu/esco/skill/")
    assert any("ESCO, European Commission" in line for line in TABLE["attribution"])
    assert any("O*NET 29.2" in line and "CC BY 4.0" in line for line in TABLE["attribution"])


@pytest.mark.skipif(not TAXONOMY.is_dir(), reason=f"taxonomy folder not found at {TAXONOMY} (../shared/data)")
def test_rebuilding_from_the_seed_reproduces_the_committed_table():
    result = build_skills.build_from_files(build_skills.DEFAULT_SEED, TAXONOMY)
    assert build_skills.render(result.document) == build_skills.DEFAULT_OUT.read_text(encoding="utf-8")
    assert not [note for note in result.notes if "not found" in note]


def test_missing_taxonomy_folder_is_a_one_line_error(tmp_path, capsys):
    out = tmp_path / "skills.json"
    assert build_skills.main(["--taxonomy", str(tmp_path / "absent"), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "taxonomy folder not found" in error
    assert not out.exists()


def seed(*skills: dict, families: list[dict] | None = None) -> dict:
    """A minimal seed dict, as load_seed returns it."""
    families = families or [{"id": "lang", "name": "Languages", "name_fr": "Langages", "parent": ""}]
    return {"version": "t", "family": families, "skill": [{**build_skills.SKILL_DEFAULTS, **s} for s in skills]}


def skill(skill_id: str, **fields) -> dict:
    return {"id": skill_id, "name": skill_id.title(), "name_fr": skill_id.title(), "family": "lang", **fields}


@pytest.mark.parametrize("bad_seed, message", [
    (seed(skill("go"), skill("go")), "skill 'go': duplicate id"),
    (seed(skill("go", family="nope")), "skill 'go': unknown family 'nope'"),
    (seed(skill("go", ambiguous=True)), "skill 'go': ambiguous skills need"),
    (seed(skill("go", aliases=["golang"]), skill("golang2", aliases=["Golang"])), "already belongs to skill 'go'"),
    (seed(skill("go", exact=["Go"], aliases=["go"])), "skill 'go': 'go' is in `exact`"),
    (seed(skill("Go")), "skill 'Go': id must be snake_case"),
    (seed(skill("go", alias=["x"])), "skill 'go': unknown key 'alias'"),
    (seed(skill("go"), families=[{"id": "lang", "name": "L", "name_fr": "L", "parent": "sub"},
                                 {"id": "sub", "name": "S", "name_fr": "S", "parent": "lang"}]), "parent cycle"),
])
def test_seed_problems_are_reported_by_name(bad_seed, message):
    with pytest.raises(BuildError) as error:
        validate(bad_seed)
    assert message in str(error.value)
