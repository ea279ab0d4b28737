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
