"""The README documents every command, so its command list cannot rot."""

import re

import pytest

from jobfit.cli import cli
from tests.conftest import TESTS

README = (TESTS.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented_in_the_readme(command):
    assert re.search(rf"^#+ `?jobfit {command}\b", README, re.MULTILINE), f"README has no section for {command}"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    assert "Example:" in (cli.commands[command].help or "")


def readme_block(after_heading: str, language: str) -> str:
    """The first ```language block of the README section that starts with `after_heading`."""
    section = README.split(after_heading, 1)[1]
    return re.search(rf"```{language}\n(.*?)```", section, re.DOTALL).group(1)


def test_the_readmes_profile_example_is_the_profile_it_describes(tmp_path):
    from jobfit.config import all_profiles
    from jobfit.matcher.profile import load_profile
    from jobfit.matcher.skills import SkillTable

    path = tmp_path / "mine.toml"
    path.write_text(readme_block("## Profiles", "toml"), encoding="utf-8")
    profile = load_profile(path, SkillTable.load().skills)
    assert profile.titles == ("machine learning", "data scientist", "ingenieur ia")  # not swallowed by a skill
    assert [r.skills[0] for r in profile.requirements] == ["python", "pytorch"]
    assert profile.filters["exclude_titles"] == ["recruiter", "sales"]
    # Its id is not a shipped profile's, whose stored scores it would overwrite.
    assert profile.id not in {p.stem for p in all_profiles()}


def test_the_readmes_extract_example_prints_what_it_says():
    import json
    import shlex

    from click.testing import CliRunner

    command = readme_block("### jobfit extract", "sh").strip()
    echo, _, extract = command.partition(" | ")
    assert extract == "jobfit extract"
    text = shlex.split(echo)[1]
    result = CliRunner().invoke(cli, ["extract"], input=text + "\n")
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.output.splitlines()]
    assert line["id"] == 1 and line["lang"] == "fr"
    assert [(s["id"], s["section"]) for s in line["skills"]] == [("python", "required"), ("pytorch", "required"),
                                                                ("statistics", "required")]
