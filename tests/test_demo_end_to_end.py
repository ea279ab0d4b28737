"""The whole demo through real Scrapy, a local HTTP server on 127.0.0.1 and a real SQLite file."""

import json
import subprocess
import sys

import pytest

from jobfit.crawler.normalize.text import clean_title
from jobfit.demo.site import load_corpus


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = subprocess.run(
        [sys.executable, "-m", "jobfit", "demo", "--db", str(db), "--top", "1000", "--format", "json"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout), result.stderr, db


def test_demo_stores_every_posting_once(demo_report):
    import sqlite3

    rows, _, db = demo_report
    corpus = load_corpus()
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from postings").fetchone()[0] == len(corpus)
        assert conn.execute("select count(distinct title || company) from postings").fetchone()[0] == len(corpus)
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert len(rows) == len(corpus)


def test_demo_ranks_every_core_ml_role_above_every_non_tech_role(demo_report):
    rows, _, _ = demo_report
    category = {(clean_title(p["title"]), p["company"]): p["category"] for p in load_corpus()}
    ranked = [(category[(r["title"], r["company"])], r["score"], r["title"]) for r in rows]
    worst_core = min(score for cat, score, _ in ranked if cat == "core_ml")
    best_non_tech = max(score for cat, score, _ in ranked if cat == "non_tech")
    assert worst_core > best_non_tech, ranked


def test_demo_report_explains_matches(demo_report):
    rows, stderr, _ = demo_report
    top = rows[0]
    assert top["matched"] and all(m["evidence"] for m in top["matched"])
    assert "jsonld: ok" in stderr and "greenhouse:" in stderr
    assert "failed" not in stderr
