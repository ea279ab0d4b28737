"""The demo pipeline: build the site, serve it on 127.0.0.1, crawl it, extract, score, rank."""

from __future__ import annotations

import tempfile
from pathlib import Path

from jobfit.config import find_profile
from jobfit.crawl import run_spiders
from jobfit.db import open_db
from jobfit.db.queries import top_matches
from jobfit.demo.server import LocalServer
from jobfit.demo.site import build_site
from jobfit.pipeline import extract_pending, score_pending
from jobfit.report import report_rows

DEMO_PROFILE = "expert_ia"


def remove_database(path: Path) -> None:
    """Delete a SQLite database and its WAL files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def run_demo(db_path: Path, top: int = 10, keep_site: Path | None = None):
    """Crawl the demo into a fresh `db_path`; returns (report rows, profile, crawl runs)."""
    from jobfit.matcher.extract import Extractor
    from jobfit.matcher.profile import load_profile

    remove_database(db_path)
    with tempfile.TemporaryDirectory(prefix="jobfit-demo-") as tmp:
        root = Path(keep_site) if keep_site else Path(tmp)
        with LocalServer(root) as server:
            entry = build_site(root, server.base_url)
            jobs = [("jsonld", {"url": entry["sitemap"]})]
            jobs += [("greenhouse", {"url": b["url"], "company": b["company"], "label": name})
                     for name, b in entry["boards"].items()]
            runs = run_spiders(jobs, db_path, "jobfit.crawler.settings.local")
    extractor = Extractor()
    profile = load_profile(find_profile(DEMO_PROFILE), extractor.table.skills)
    db = open_db(db_path)
    extract_pending(db, extractor)
    score_pending(db, profile, extractor.table)
    rows = report_rows(top_matches(db, profile.id, top))
    db.close()
    return rows, profile, runs
