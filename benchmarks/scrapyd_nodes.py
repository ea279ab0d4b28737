"""Crawling on Scrapyd nodes against crawling here: pages per second of `jobfit crawl` and of dispatch + collect.

Serves --sites demo sites (--copies times the demo corpus each: JSON-LD posting pages and a sitemap; the first
site's Greenhouse boards as one more source) on 127.0.0.1, then, with --local settings (no delays: this measures
CPU and the cost of a Scrapyd job, not politeness):
  1. `jobfit crawl` of every source in one process (the baseline);
  2. `jobfit dispatch` to one `jobfit node`, waiting for its jobs, then `jobfit collect`;
  3. the same with two nodes.
Prints wall times, pages per second and the ratio to the baseline; the collect's own postings per second (what
the central machine spends per posting crawled elsewhere); the node crawls' pages per second from their stats.

    python benchmarks/scrapyd_nodes.py [--sites 2 --copies 4]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.demo.server import _Handler  # noqa: E402
from jobfit.demo.site import build_site, load_corpus  # noqa: E402


class Server(ThreadingHTTPServer):
    request_queue_size = 128


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(root: Path, site: int, copies: int) -> tuple[str, dict]:
    """Serve the demo site with its corpus `copies` times under new keys; returns (base URL, entry points)."""
    httpd = Server(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    corpus = [{**p, "key": f"{p['key']}-{site}-{n}", "title": p["title"] + (f" ({n})" if n else "")}
              for n in range(copies) for p in load_corpus()]
    return base, build_site(root, base, corpus=corpus)


def write_sources(path: Path, entries: list[dict]) -> None:
    """One source per site, and the first site's Greenhouse boards as one source (a spider takes a URL list)."""
    lines = []
    for n, entry in enumerate(entries):
        lines += ["[[source]]", f'name = "site{n}"', 'spider = "jsonld"', f'args = {{ url = "{entry["sitemap"]}" }}',
                  ""]
    urls = ",".join(spec["url"] for spec in entries[0]["boards"].values())
    lines += ["[[source]]", 'name = "boards"', 'spider = "greenhouse"', f'args = {{ url = "{urls}" }}', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def jobfit(env: dict, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "jobfit", *args], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"jobfit {args[0]} failed ({result.returncode}): {result.stderr[-2000:]}")
    return time.perf_counter() - started


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=60) as answer:
        return json.loads(answer.read())


def start_nodes(tmp: Path, count: int) -> list[tuple[subprocess.Popen, str]]:
    nodes = []
    for n in range(count):
        port = free_port()
        process = subprocess.Popen([sys.executable, "-m", "jobfit", "node", "--dir", str(tmp / f"node{count}-{n}"),
                                    "--port", str(port), "--poll-interval", "0.2"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   env={**os.environ, "PYTHONWARNINGS": "ignore"})
        nodes.append((process, f"http://127.0.0.1:{port}"))
    for process, url in nodes:
        deadline = time.monotonic() + 120
        while True:
            try:
                get_json(f"{url}/listspiders.json?project=jobfit")  # warm: `scrapy list` has run once
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"node {url} did not start")
                time.sleep(0.3)
    return nodes


def wait_finished(db: Path) -> list[float]:
    """Wait for every dispatched job to finish; returns each job's time on its node (process start to end)."""
    from datetime import datetime

    with sqlite3.connect(db) as conn:
        jobs = conn.execute("select node, job from node_jobs").fetchall()
    spans = []
    for node in {n for n, _ in jobs}:
        mine = {j for n, j in jobs if n == node}
        while True:
            finished = get_json(f"{node}/listjobs.json?project=jobfit")["finished"]
            if mine <= {j["id"] for j in finished}:
                break
            time.sleep(0.2)
        spans += [(datetime.fromisoformat(j["end_time"]) - datetime.fromisoformat(j["start_time"])).total_seconds()
                  for j in finished if j["id"] in mine]
    return spans


def crawl_figures(db: Path) -> tuple[int, int, float]:
    """(pages, postings, longest spider time) over the database's crawl runs."""
    pages = postings = 0
    longest = 0.0
    with sqlite3.connect(db) as conn:
        for page_count, stats in conn.execute("select pages, stats from crawl_runs"):
            pages += page_count or 0
            longest = max(longest, json.loads(stats or "{}").get("elapsed_time_seconds", 0.0))
        postings = conn.execute("select count(*) from postings").fetchone()[0]
    return pages, postings, longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=2, help="Demo sites served, one source each.")
    parser.add_argument("--copies", type=int, default=4, help="Copies of the demo corpus on each site.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobfit-bench-nodes-") as tmp:
        tmp = Path(tmp)
        entries = [serve(tmp / f"site{n}", n, args.copies)[1] for n in range(args.sites)]
        sources = tmp / "sources.toml"
        write_sources(sources, entries)
        env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data")}
        env.pop("JOBFIT_PROFILES", None)

        local_db = tmp / "local.db"
        local = jobfit(env, "crawl", "--local", "--db", str(local_db), "--sources", str(sources))
        pages, postings, _ = crawl_figures(local_db)
        print(f"{pages} pages, {postings} postings ({args.sites} sites of {args.copies} x the demo corpus, and its "
              f"boards as one source), "
              f"{os.cpu_count()} CPUs")
        print(f"  jobfit crawl, this machine        {local:6.2f} s  {pages / local:6.1f} pages/s   ratio 1.00")
        for count in (1, 2):
            nodes = start_nodes(tmp, count)
            try:
                db = tmp / f"nodes{count}.db"
                node_args = [a for _, url in nodes for a in ("--node", url)]
                started = time.perf_counter()
                jobfit(env, "dispatch", "--local", "--db", str(db), "--sources", str(sources), *node_args)
                spans = wait_finished(db)
                crawled = time.perf_counter() - started
                collect = jobfit(env, "collect", "--db", str(db))
                took = time.perf_counter() - started
                node_pages, node_postings, longest = crawl_figures(db)
                assert node_postings == postings, (node_postings, postings)
                print(f"  {count} node{'s' if count > 1 else ' '}: dispatch+crawl+collect {took:6.2f} s  "
                      f"{node_pages / took:6.1f} pages/s   ratio {local / took:4.2f}")
                print(f"      dispatch+crawl {crawled:5.2f} s; {len(spans)} jobs, each {min(spans):5.2f}-"
                      f"{max(spans):5.2f} s on its node (process included), longest spider {longest:5.2f} s; "
                      f"collect {collect:5.2f} s = {node_postings / collect:6.1f} postings/s")
            finally:
                for process, _ in nodes:
                    process.terminate()
                for process, _ in nodes:
                    process.wait(timeout=30)


if __name__ == "__main__":
    main()
