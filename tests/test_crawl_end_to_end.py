"""Several sources crawled at once by `jobfit crawl` from a local server on 127.0.0.1 into a real SQLite file."""

import json
import sqlite3

import pytest

from tests.fixture_sources import DATA, crawl, fixture_jobs
from tests.local_server import FixtureServer

EXPECTED = {"lever": 3, "workable": 2, "smartrecruiters": 2, "recruitee": 2, "workday": 2, "francetravail": 3,
            "apec": 2, "hellowork": 2, "welcometothejungle": 2}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("e2e")
    db = tmp / "jobfit.db"
    with FixtureServer(DATA) as server:
        # one source answers 429 with Retry-After first; one board does not exist; one source has no credentials
        server.faults["/recruitee/acmevision.json"] = [(429, {"Retry-After": "1"})]
        jobs = fixture_jobs(server.base_url, shared=False) + [
            ("greenhouse", {"board": "gone", "url": f"{server.base_url}/greenhouse/gone.json"}),
            ("francetravail", {"motsCles": "ia", "url": f"{server.base_url}/francetravail/search.json"}),
        ]
        result = crawl(db, jobs, tmp, drop_env=("FRANCE_TRAVAIL_CLIENT_ID", "FRANCE_TRAVAIL_CLIENT_SECRET"))
        requests = list(server.requests)
    return db, result, requests, tmp


def counts(db):
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("select source, count(*) from postings group by source").fetchall())


def test_every_source_stores_its_fixture(crawled):
    db, result, _, _ = crawled
    assert counts(db) == EXPECTED, result.stderr


def test_fields_are_filled_for_every_source(crawled):
    db, _, _, _ = crawled
    with sqlite3.connect(db) as conn:
        for source in EXPECTED:
            for field in ("title", "company", "city", "contract", "posted_at", "url", "description"):
                # a fully remote posting has no city
                empty = conn.execute(f"select count(*) from postings where source = ? and ({field} is null "
                                     f"or {field} = '') and not (? = 'city' and remote = 'remote')",
                                     [source, field]).fetchone()[0]
                assert empty == 0, (source, field)


def test_a_failing_source_does_not_stop_the_others_and_is_named(crawled):
    db, result, _, _ = crawled
    assert result.returncode == 2
    failed = [line for line in result.stderr.splitlines() if ": failed," in line]
    assert len(failed) == 1 and failed[0].startswith("greenhouse:greenhouse-10")
    assert "greenhouse/gone.json: HTTP 404" in failed[0]


def test_france_travail_without_credentials_is_skipped_in_one_line(crawled):
    _, result, _, _ = crawled
    [line] = [line for line in result.stderr.splitlines() if ": skipped," in line]
    assert line.startswith("francetravail:francetravail-11: skipped") and "FRANCE_TRAVAIL_CLIENT_ID" in line


def test_429_is_retried_after_the_wait(crawled):
    _, _, requests, _ = crawled
    assert [path for method, path in requests if path.startswith("/recruitee/")] == [
        "/recruitee/acmevision.json", "/recruitee/acmevision.json"]
    assert ("POST", "/workday/wday/cxs/criteo/Criteo/jobs.json") in requests


def test_duplicates_across_sources_are_grouped(crawled):
    db, _, _, _ = crawled
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        merged = conn.execute("select * from canonical_postings where n_postings > 1 order by id").fetchall()
        total = conn.execute("select count(*) from canonical_postings").fetchone()[0]
    assert total == sum(EXPECTED.values()) - 2
    assert sorted(sorted(json.loads(g["posting_ids"])) for g in merged) == [
        ["francetravail:198XKQW", "hellowork:51000001"],
        ["lever:acme-ai:5f1c2b7e-0001-4c1e-9a11-3b1f0a6d0001",
         "welcometothejungle:acme-ai:machine-learning-engineer-llm_paris"]]


def test_a_posting_gone_from_its_board_is_closed_not_deleted(crawled):
    db, _, _, tmp = crawled
    board = json.loads((DATA / "lever/acme-ai.json").read_text(encoding="utf-8"))
    shorter = tmp / "acme-ai-shorter.json"
    shorter.write_text(json.dumps(board[:2]), encoding="utf-8")
    broken = tmp / "acme-ai-broken.json"
    broken.write_text("{not json", encoding="utf-8")
    lever = {"board": "acme-ai", "company": "Acme AI"}
    assert crawl(db, [("lever", {**lever, "url": broken.as_uri()})], tmp).returncode == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from postings where closed_at is not null").fetchone()[0] == 0
    assert crawl(db, [("lever", {**lever, "url": shorter.as_uri()})], tmp).returncode == 0
    with sqlite3.connect(db) as conn:
        closed = conn.execute("select id from postings where closed_at is not null").fetchall()
        assert closed == [("lever:acme-ai:5f1c2b7e-0003-4c1e-9a11-3b1f0a6d0003",)]
        assert conn.execute("select count(*) from postings where source = 'lever'").fetchone()[0] == 3
        last_run = "select closed from crawl_runs where source like 'lever%' order by id desc limit 1"
        assert conn.execute(last_run).fetchone()[0] == 1


def test_a_skipped_source_alone_is_not_a_failure(tmp_path):
    result = crawl(tmp_path / "skip.db", [("francetravail", {"motsCles": "ia"})], tmp_path,
                   drop_env=("FRANCE_TRAVAIL_CLIENT_ID", "FRANCE_TRAVAIL_CLIENT_SECRET"))
    assert result.returncode == 0, result.stderr
    assert "francetravail:francetravail-1: skipped" in result.stderr
