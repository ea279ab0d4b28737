"""The built wheel: one import package, `jobfit`, with its profiles, sources, skill table and demo corpus, working
outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Built from a copy without build/ or *.egg-info: a stale build/lib would put deleted modules in the wheel,
    # and the repository is left as it was.
    source = tmp_path_factory.mktemp("source") / "jobfit"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", ".scrapy", "*.db*"))
    # --no-build-isolation: the test environment's setuptools builds it, no download needed.
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(out), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    [path] = out.glob("jobfit-*.whl")
    return path


def test_wheel_installs_one_import_package_with_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top == {"jobfit"}
    for data in ("jobfit/profiles/expert_ia.toml", "jobfit/profiles/data_engineer.toml",
                 "jobfit/crawler/sources.toml", "jobfit/matcher/data/skills.json", "jobfit/demo/corpus.toml",
                 "jobfit/crawler/spiders/ashby.py", "jobfit/db/migrations.py"):
        assert data in names
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata


def test_the_unpacked_wheel_finds_its_bundled_profiles_and_sources_outside_the_repo(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "JOBFIT_DB": str(tmp_path / "jobs.db")}
    env.pop("JOBFIT_SOURCES", None)
    env.pop("JOBFIT_PROFILES", None)

    def jobfit(*args):
        return subprocess.run([sys.executable, "-m", "jobfit", *args], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import jobfit.matcher, jobfit.crawler; "
                            "print(jobfit.__file__); print(jobfit.crawler.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True)
    assert all(line.startswith(str(site)) for line in where.stdout.split()), where.stdout + where.stderr
    profiles = jobfit("profiles")
    assert profiles.returncode == 0, profiles.stderr
    assert "expert_ia" in profiles.stdout and str(site / "jobfit" / "profiles") in profiles.stdout
    sources = jobfit("sources")
    assert sources.returncode == 0, sources.stderr
    assert str(site / "jobfit" / "crawler" / "sources.toml") in sources.stdout
    spiders = jobfit("crawl", "nosuchspider")
    assert "known: apec" in spiders.stderr  # the spiders are found inside the package


def test_the_unpacked_wheel_runs_the_demo_outside_the_repo(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "jobfit", "demo", "--top", "3", "--format", "json",
                             "--db", str(tmp_path / "demo.db")], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    import json

    rows = json.loads(result.stdout)
    assert len(rows) == 3 and rows[0]["score"] >= rows[2]["score"] > 0
