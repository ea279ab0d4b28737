"""Shared fixtures: a temporary database for every test, the small skill table, the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfit.matcher.skills import SkillTable

TESTS = Path(__file__).parent
SHARED_DATA = TESTS.parents[1] / "shared" / "data"
SMALL_TABLE = TESTS / "data" / "skills_small.json"


def shared_file(relative: str) -> Path:
    """A file of ../shared/data, or skip the test when that folder is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"shared test data not found at {path} (the read-only ../shared/data folder beside the repo)")
    return path


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Point jobfit's default database and data directory at a temporary folder."""
    monkeypatch.setenv("JOBFIT_DB", str(tmp_path / "jobfit.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("JOBFIT_PROFILES", raising=False)


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def fresh_db(db_path):
    from jobfit.db import open_db

    db = open_db(db_path)
    yield db
    db.close()


@pytest.fixture(scope="session")
def small_table() -> SkillTable:
    return SkillTable.load(SMALL_TABLE)


@pytest.fixture(scope="session")
def small_extractor(small_table):
    from jobfit.matcher.extract import Extractor

    return Extractor(small_table)
