"""Crawling on Scrapyd nodes, end to end: two `jobfit node` processes on 127.0.0.1, a local board site, then
`jobfit dispatch` and `jobfit collect` store what the nodes crawled exactly as a local crawl stores it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.faultserver import FaultServer, greenhouse_board, greenhouse_job
from tests.jobfit_run import jobfit, serve_site, write_sources
from tests.notify_servers import free_port

pytest.importorskip("scrapyd", reason="scrapyd is not installed (pip install -e '.[test]' installs it)")

PAGES = 40  # JSON-LD posting pages of the site
SHARED = 5  # board jobs that are also pages of the site (same company, title and city): duplicate groups


def get_json(url: str, timeout: float = 30) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as answer:
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    """Two Scrapyd nodes started by `jobfit node`, each in its own folder; yields [(URL, folder)]."""
    started = []
    for n in (1, 2):
        folder = tmp_path_factory.mktemp(f"node{n}")
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "jobfit", "node", "--dir", str(folder), "--port", str(port),
                                    "--poll-interval", "0.3", "--max-proc", "2"],
                                   stdout=subprocess.DEVNULL, stderr=open(folder / "node.err", "wb"),
                                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
        started.append((process, f"http://127.0.0.1:{port}", folder))
    try:
        for process, url, folder in started:
            deadline = time.monotonic() + 90
            while True:
                try:
                    # listspiders runs `scrapy list` on the node: it answers once jobfit's spiders load there.
                    spiders = get_json(f"{url}/listspiders.json?project=jobfit", timeout=60)
                    assert "jsonld" in spiders.get("spiders", []), spiders
                    break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"node {url} did not start: {(folder / 'node.err').read_text()[-2000:]}")
                    time.sleep(0.3)
        yield [(url, folder) for _, url, folder in started]
    finally:
        for process, _, _ in started:
            process.terminate()
        for process, _, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def site():
    """A board site: PAGES JSON-LD pages with their sitemap, and a Greenhouse board sharing SHARED of its jobs."""
    with FaultServer(max_requests=100_000) as server:
        serve_site(server, PAGES)
        jobs = [greenhouse_job(n, title=f"Data Scientist {n}") for n in range(100, 110)]
        for n in range(SHARED):  # the same job as the site's page n: Acme, "Ingénieur ML n", Paris
            jobs.append({**greenhouse_job(n, title=f"Ingénieur ML {n}"), "location": {"name": "Paris"}})
        server.routes["/v1/boards/acme/jobs"] = greenhouse_board(jobs)
        yield server


def sources_file(path: Path, site) -> Path:
    # site-a and site-b list the same pages: a posting crawled by both nodes is still one posting.
    return write_sources(path, {
        "site-a": ("jsonld", {"url": site.base_url + "/sitemap.xml"}),
        "site-b": ("jsonld", {"url": site.base_url + "/sitemap.xml"}),
        "acme": ("greenhouse", {"url": site.base_url + "/v1/boards/acme/jobs", "company": "Acme"}),
    })


def dispatch(db: Path, sources: Path, nodes, *names: str) -> subprocess.CompletedProcess:
    node_args = [a for url, _ in nodes for a in ("--node", url)]
    return jobfit("dispatch", "--db", str(db), "--sources", str(sources), "--local", *node_args, *names)


def wait_for_jobs(db: Path, timeout: float = 180) -> list[dict]:
    """Wait until every job in node_jobs has finished on its node; returns the jobs."""
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        jobs = [dict(r) for r in conn.execute("select * from node_jobs")]
    deadline = time.monotonic() + timeout
    for node in {j["node"] for j in jobs}:
        mine = {j["job"] for j in jobs if j["node"] == node}
        while True:
            finished = {j["id"] for j in get_json(f"{node}/listjobs.json?project=jobfit")["finished"]}
            if mine <= finished:
                break
            assert time.monotonic() < deadline, f"jobs {mine - finished} did not finish on {node}"
            time.sleep(0.5)
    return jobs


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def stored_postings(db: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in rows(db, "select id, content_hash, title, company, city, remote, posted_at, "
                                          "description, board, closed_at is null from postings")}


def duplicate_groups(db: Path) -> set[frozenset]:
    """The posting ids of each duplicate group (its canonical id is whichever was stored first)."""
    return {frozenset(json.loads(ids)) for (ids,) in rows(db, "select posting_ids from canonical_postings")}


def test_two_nodes_crawl_and_collect_stores_each_posting_once_as_a_local_crawl(nodes, site, tmp_path):
    sources = sources_file(tmp_path / "sources.toml", site)
    db = tmp_path / "central.db"
    scheduled = dispatch(db, sources, nodes)
    assert scheduled.returncode == 0, scheduled.stderr
    jobs = wait_for_jobs(db)
    # Least-loaded over two idle nodes: both get work.
    assert sorted(j["source"] for j in jobs) == ["acme", "site-a", "site-b"]
    assert {j["node"] for j in jobs} == {url for url, _ in nodes}

    collected = jobfit("collect", "--db", str(db))
    assert collected.returncode == 0, collected.stderr
    assert "3 jobs collected" in collected.stderr and str(db) in collected.stderr

    postings = stored_postings(db)
    assert len(postings) == PAGES + 10 + SHARED  # site-a and site-b stored their pages once
    groups = rows(db, "select n_postings, sources from canonical_postings where n_postings > 1")
    assert len(groups) == SHARED and all(n == 2 for n, _ in groups)  # the board's copies of the site's jobs
    runs = rows(db, "select source, status, pages, items from crawl_runs order by source")
    assert [(s, status) for s, status, _, _ in runs] == [
        ("greenhouse:acme", "ok"), ("jsonld:site-a", "ok"), ("jsonld:site-b", "ok")]
    assert all(pages > 0 and items > 0 for _, _, pages, items in runs)
    assert rows(db, "select count(*) from node_jobs where collected_at is null") == [(0,)]

    # The same sources crawled on this machine store the same postings, hashes and duplicate groups.
    local_db = tmp_path / "local.db"
    local = jobfit("crawl", "--local", "--db", str(local_db), "--sources", str(sources))
    assert local.returncode == 0, local.stderr
    assert stored_postings(local_db) == postings
    assert duplicate_groups(local_db) == duplicate_groups(db)

    # Incremental: a second collect has nothing left to fetch or store.
    again = jobfit("collect", "--db", str(db))
    assert again.returncode == 0 and "0 jobs collected" in again.stderr, again.stderr
    assert rows(db, "select count(*) from crawl_runs") == [(3,)]


def test_a_malformed_feed_line_and_a_dead_node_lose_nothing_and_are_named(nodes, site, tmp_path):
    from jobfit.db import open_db
    from jobfit.db.node_jobs import record_dispatched

    sources = sources_file(tmp_path / "sources.toml", site)
    db = tmp_path / "central.db"
    dead = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    scheduled = dispatch(db, sources, [(dead, None), *nodes], "site-a")
    assert scheduled.returncode == 0, scheduled.stderr
    assert f"node {dead}: not answering" in scheduled.stderr  # named, skipped: the live nodes take the job
    [job] = wait_for_jobs(db)
    assert job["node"] != dead
    folder = next(f for url, f in nodes if url == job["node"])
    feed = folder / "items" / "jobfit" / "jsonld" / f"{job['job']}.jl"
    lines = feed.read_bytes().splitlines()
    assert len(lines) == PAGES
    feed.write_bytes(b"\n".join([*lines[:3], b'{"source": "jsonld", "title": cut', *lines[3:]]) + b"\n")
    database = open_db(db)
    record_dispatched(database, dead, "lost-job", "jobfit", "jsonld", "site-b", {})
    database.close()

    collected = jobfit("collect", "--db", str(db))
    assert collected.returncode == 3, collected.stderr
    assert f"{job['node']} job {job['job']} line 4: not a JSON object" in collected.stderr
    assert f"node {dead}: not answering" in collected.stderr and str(db) in collected.stderr
    assert len(stored_postings(db)) == PAGES  # every good line stored
    assert rows(db, "select node, collected_at is not null, errors from node_jobs order by node") == sorted(
        [(job["node"], 1, 1), (dead, 0, None)])  # the dead node's job stays to collect
    [(status, error_text)] = rows(db, "select status, error_text from crawl_runs")
    assert status == "partial" and "line 4" in error_text


def test_a_collect_killed_midway_stores_everything_once_when_run_again(nodes, site, tmp_path):
    from jobfit.crawler.nodes import ingest_feed
    from jobfit.db import open_db
    from jobfit.db.node_jobs import jobs_to_collect

    big = FaultServer(max_requests=10_000)
    with big:
        serve_site(big, 260)
        sources = write_sources(tmp_path / "sources.toml", {"big": ("jsonld", {"url": big.base_url + "/sitemap.xml"})})
        db = tmp_path / "central.db"
        scheduled = dispatch(db, sources, nodes)
        assert scheduled.returncode == 0, scheduled.stderr
        [job] = wait_for_jobs(db)
    folder = next(f for url, f in nodes if url == job["node"])
    lines = (folder / "items" / "jobfit" / "jsonld" / f"{job['job']}.jl").read_bytes().splitlines()
    assert len(lines) == 260

    def killed_at(n):  # the feed as read by a process killed at line n
        yield from lines[:n]
        raise KeyboardInterrupt

    database = open_db(db)
    with pytest.raises(KeyboardInterrupt):
        ingest_feed(database, killed_at(230), job["node"], jobs_to_collect(database)[0], None, _Stats())
    committed = len(stored_postings(db))
    assert 0 < committed < 260  # a batch was committed before the kill, the rest was not
    assert len(jobs_to_collect(database)) == 1  # not marked collected
    database.close()

    collected = jobfit("collect", "--db", str(db))
    assert collected.returncode == 0, collected.stderr
    assert len(stored_postings(db)) == 260
    assert rows(db, "select count(*), count(distinct id) from postings") == [(260, 260)]
    assert rows(db, "select collected_at is not null, items, errors from node_jobs") == [(1, 260, 0)]


def test_a_complete_node_listing_closes_what_its_board_no_longer_lists_as_a_local_crawl_does(tmp_path):
    from jobfit.crawler.nodes import ingest_feed
    from jobfit.db import open_db
    from jobfit.db.node_jobs import record_dispatched

    def feed(*numbers):
        return [json.dumps({"source": "jsonld", "external_id": f"acme.example/jobs/{n}", "title": f"Job {n}",
                            "company": "Acme", "board": "acme.example"}).encode() for n in numbers]

    db = open_db(tmp_path / "central.db")
    for name in ("j1", "j2", "j3"):
        record_dispatched(db, "http://n1:6800", name, "jobfit", "jsonld", "site", {})
    job = {"job": "j1", "source": "site"}
    ok = {"source": "jsonld:site", "status": "ok", "complete": True, "pages": 4}
    assert ingest_feed(db, feed(1, 2, 3), "http://n1:6800", job, ok, _Stats()).closed == 0
    # An incomplete listing (an error on the node) closes nothing; a complete one closes what it no longer lists.
    failed = {**ok, "status": "failed", "complete": False, "error_text": "HTTP 500"}
    assert ingest_feed(db, feed(1), "http://n1:6800", {**job, "job": "j2"}, failed, _Stats()).closed == 0
    assert ingest_feed(db, feed(1, 3), "http://n1:6800", {**job, "job": "j3"}, ok, _Stats()).closed == 1
    assert [r[0] for r in db.execute("select id from postings where closed_at is not null")] == [
        "jsonld:acme.example/jobs/2"]
    assert [r[0] for r in db.execute("select status from crawl_runs order by id")] == ["ok", "failed", "ok"]
    db.close()


class _Stats:
    """The stats a pipeline counts into (Scrapy's StatsCollector interface, as far as the pipelines use it)."""

    def __init__(self):
        self.values = {}

    def inc_value(self, key, count=1, start=0):
        self.values[key] = self.values.get(key, start) + count


def test_the_scrapy_cfg_deploy_targets_name_the_project_jobfit_dispatches():
    from scrapy.utils.conf import get_config

    from jobfit.crawler.nodes import DEFAULT_PROJECT
    from jobfit.nodes import NodesConfig, node_scrapy_cfg

    config = get_config()
    targets = [s for s in config.sections() if s.startswith("deploy")]
    assert targets and all(config.get(s, "project") == DEFAULT_PROJECT for s in targets)
    assert f"{DEFAULT_PROJECT} = jobfit.crawler.settings.node" in node_scrapy_cfg()
    # A deploy target's name is also a node for jobfit.
    assert NodesConfig.resolve(("local",)).nodes[0].url == config.get("deploy:local", "url").rstrip("/")


def test_nodes_come_from_options_else_the_environment_else_the_config_file(tmp_path, monkeypatch):
    from jobfit.nodes import NodesConfig, NodesError

    config = tmp_path / "config.toml"
    config.write_text('[scrapyd]\nnodes = ["http://a:6800", "http://user:secret@b:6800/"]\nproject = "jf"\n')
    monkeypatch.delenv("JOBFIT_SCRAPYD_NODES", raising=False)
    resolved = NodesConfig.resolve((), config)
    assert [n.url for n in resolved.nodes] == ["http://a:6800", "http://b:6800"] and resolved.project == "jf"
    assert resolved.nodes[1].auth.startswith("Basic ")  # credentials go in a header, never in logs of the URL
    monkeypatch.setenv("JOBFIT_SCRAPYD_NODES", "http://c:6800,http://d:6800")
    assert [n.url for n in NodesConfig.resolve((), config).nodes] == ["http://c:6800", "http://d:6800"]
    assert [n.url for n in NodesConfig.resolve(("http://e:1",), config).nodes] == ["http://e:1"]
    monkeypatch.delenv("JOBFIT_SCRAPYD_NODES")
    with pytest.raises(NodesError, match="no Scrapyd node"):
        NodesConfig.resolve((), tmp_path / "absent.toml")
