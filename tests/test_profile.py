import pytest

from jobfit.matcher.profile import ProfileError, load_profile
from tests.conftest import TESTS

REPO = TESTS.parent


def test_expert_ia_profile_loads_against_the_bundled_table():
    from jobfit.matcher.skills import SkillTable

    table = SkillTable.load()
    profile = load_profile(REPO / "profiles" / "expert_ia.toml", table.skills)
    assert profile.id == "expert_ia"
    assert {"python", "pytorch", "scikit_learn", "deep_learning", "nlp", "mlops"} <= profile.skill_ids
    assert any(r.tier == "required" for r in profile.requirements)


def test_any_of_group_and_default_weights(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[[skills]]\nany_of = ["pytorch", "tensorflow"]\ntier = "required"\n'
                    '[[skills]]\nid = "docker"\ntier = "bonus"\n')
    profile = load_profile(path)
    assert [(r.skills, r.weight) for r in profile.requirements] == [(("pytorch", "tensorflow"), 3.0),
                                                                    (("docker",), 1.0)]
    assert profile.id == "p"


@pytest.mark.parametrize("content, message", [
    ('[[skills]]\nid = "python"\ntier = "mandatory"\n', "tier must be one of"),
    ('[[skills]]\ntier = "required"\n', "needs id"),
    ('[[skills]]\nid = "python"\nweight = -1\n', "weight must be a positive number"),
    ('name = "x"\n', "at least one [[skills]]"),
    ('[[skills]\nid = "python"\n', "line 1"),
    ('[[skills]]\nid = "python"\n[filters]\nremote = "yes"\n', "line 4: filters.remote must be a list"),
    ('[[skills]]\nid = "python"\n[filters]\ncontracts = ["ever"]\n', "line 4: filters.contracts: unknown value 'ever'"),
    ('[[skills]]\nid = "python"\n[filters]\nmin_salary = -3\n', "line 4: filters.min_salary must be a positive"),
    ('[[skills]]\nid = "python"\n[filters]\nmax_age = 3\n', "line 4: unknown filter 'max_age'"),
    ('[[skills]]\nid = "python"\n\n[[skills]]\nid = "java"\ntier = "top"\n', "line 4: [[skills]] entry 2"),
    ('titles = "ml"\n[[skills]]\nid = "python"\n', "line 1: titles must be a list"),
    ('[[skills]]\nid = "python"\n[filters]\nsalary_band = [80000, 45000]\n', "line 4: filters.salary_band must be"),
])
def test_broken_profile_errors_name_the_file_and_problem(tmp_path, content, message):
    path = tmp_path / "broken.toml"
    path.write_text(content)
    with pytest.raises(ProfileError) as info:
        load_profile(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_unknown_skill_is_rejected_when_the_table_is_given(tmp_path, small_table):
    path = tmp_path / "p.toml"
    path.write_text('[[skills]]\nid = "kubernetes_wizardry"\n')
    with pytest.raises(ProfileError, match="unknown skill id kubernetes_wizardry"):
        load_profile(path, small_table.skills)


@pytest.mark.parametrize("name", ["expert_ia", "data_engineer", "pentester"])
def test_shipped_profiles_load_with_filters_and_titles(name):
    from jobfit.matcher.skills import SkillTable

    profile = load_profile(REPO / "profiles" / f"{name}.toml", SkillTable.load().skills)
    assert profile.id == name and profile.titles and profile.filters["seniority"]
