"""The demo's walk through the flow: build the site, serve it on 127.0.0.1, crawl it, extract, score, rank."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jobfit.config import find_profile
from jobfit.demo.server import LocalServer
from jobfit.demo.site import build_site
from jobfit.flow import Flow, settings_module

DEMO_PROFILE = "expert_ia"


def remove_database(path: Path) -> None:
    """Delete a SQLite database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run_demo(db_path: Path, top: int = 10, keep_site: Path | None = None):
    """Crawl the demo into a fresh `db_path`; returns (report rows, profile, crawl runs)."""
    remove_database(db_path)
    with Flow(db_path, settings_module(local=True)) as flow:
        [profile] = flow.load_profiles([find_profile(DEMO_PROFILE)])
        with tempfile.TemporaryDirectory(prefix="jobfit-demo-") as tmp:
            root = Path(keep_site) if keep_site else Path(tmp)
            with LocalServer(root) as server:
                entry = build_site(root, server.base_url)
                jobs = [("jsonld", {"url": entry["sitemap"]})]
                jobs += [("greenhouse", {"url": b["url"], "company": b["company"], "label": name})
                         for name, b in entry["boards"].items()]
                runs = flow.crawl(jobs)
        flow.match([profile])
        return flow.ranked(profile.id, top), profile, runs
