"""Incremental runs: `jobfit run` over unchanged sources, against the first run over the same sources.

Serves the demo corpus (copied --copies times under new ids) on 127.0.0.1 with a static server that answers
conditional requests (Last-Modified / If-Modified-Since -> 304), then times, each as a fresh process:
  1. the first run: empty database and HTTP cache;
  2. a second run over the unchanged sources: nothing is re-extracted nor re-scored, pages come back 304;
  3. the same second run with the HTTP cache off, to separate what conditional requests save.
Prints the wall times, what each run did, and the ratios to the first run.

    python benchmarks/incremental_run.py [--copies 4]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jobfit.demo.server import _Handler  # noqa: E402
from jobfit.demo.site import build_site, load_corpus  # noqa: E402


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # the default 5 drops the SYNs of a crawl burst (1 s retransmits skew timings)


def corpus_copies(copies: int) -> list[dict]:
    """The demo corpus `copies` times, each copy under its own keys."""
    corpus = load_corpus()
    return [{**p, "key": f"{p['key']}-{n}", "title": p["title"] + (f" ({n})" if n else "")}
            for n in range(copies) for p in corpus]


def write_sources(path: Path, entry: dict) -> None:
    lines = ["[[source]]", 'name = "site"', 'spider = "jsonld"', f'args = {{ url = "{entry["sitemap"]}" }}', ""]
    for board, spec in entry["boards"].items():
        lines += ["[[source]]", f'name = "{board}"', 'spider = "greenhouse"',
                  f'args = {{ url = "{spec["url"]}", company = "{spec["company"]}" }}', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def timed_run(db: Path, sources: Path, env: dict, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    # --local (no delays) turns the HTTP cache off; the production default is on.
    result = subprocess.run([sys.executable, "-m", "jobfit", "run", "--local", "--db", str(db), "--sources",
                             str(sources), "-s", "HTTPCACHE_ENABLED=True", *extra], capture_output=True, text=True,
                            env=env)
    took = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"jobfit run failed ({result.returncode}): {result.stderr}")
    return took, result.stderr.strip()


def http_counts(db: Path, since_id: int) -> tuple[int, int, float]:
    """(responses, responses revalidated by a 304, longest spider time) over the crawl runs after `since_id`."""
    total = not_modified = 0
    crawl = 0.0
    with sqlite3.connect(db) as conn:
        for (stats,) in conn.execute("select stats from crawl_runs where id > ?", [since_id]):
            stats = json.loads(stats)
            total += stats.get("downloader/response_count", 0)
            # The cache turns a 304 into the stored 200 before the downloader stats see it.
            not_modified += stats.get("httpcache/revalidate", 0)
            crawl = max(crawl, stats.get("elapsed_time_seconds", 0.0))
    return total, not_modified, crawl


def last_run_id(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select coalesce(max(id), 0) from crawl_runs").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=4, help="Copies of the 84-posting demo corpus.")
    parser.add_argument("--repeat", type=int, default=2, help="Repeat the three runs; the best time of each counts.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jobfit-bench-") as tmp:
        tmp = Path(tmp)
        root = tmp / "site"
        httpd = Server(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{httpd.server_address[1]}"
        entry = build_site(root, base_url, corpus=corpus_copies(args.copies))
        sources = tmp / "sources.toml"
        write_sources(sources, entry)
        best: dict[str, tuple] = {}
        for attempt in range(args.repeat):
            # Each attempt starts from an empty database and HTTP cache.
            db = tmp / f"jobs{attempt}.db"
            env = {**os.environ, "XDG_DATA_HOME": str(tmp / f"data{attempt}"), "JOBFIT_DB": str(db)}
            env.pop("JOBFIT_PROFILES", None)
            for label, extra in (("first run (empty database and cache)", ()),
                                 ("second run, unchanged sources", ()),
                                 ("second run, unchanged, HTTP cache off", ("-s", "HTTPCACHE_ENABLED=False"))):
                before = last_run_id(db) if db.exists() else 0
                took, summary = timed_run(db, sources, env, *extra)
                responses, not_modified, crawl = http_counts(db, before)
                did = re.search(r"(\d+) postings \((\d+) new, (\d+) updated\); (\d+) extracted, (\d+) scored",
                                summary)
                if label not in best or took < best[label][0]:
                    best[label] = (took, crawl, did.groups(), responses, not_modified)
        httpd.shutdown()

    rows = list(best.items())
    first = rows[0][1][0]
    print(f"jobfit run over {rows[0][1][2][0]} postings ({args.copies} x demo corpus), {os.cpu_count()} CPUs, "
          f"best of {args.repeat}")
    for label, (took, crawl, (_, new, updated, extracted, scored), responses, not_modified) in rows:
        print(f"  {label:<40} {took:6.2f} s (spiders {crawl:5.2f} s)   ratio {took / first:4.2f}   {new} new, "
              f"{updated} updated, {extracted} extracted, {scored} scored; {responses} HTTP responses, "
              f"{not_modified} answered 304")
    second = rows[1][1][0]
    print(f"second run / first run: {second / first:.2f} ({first / second:.1f}x faster)")

if __name__ == "__main__":
    main()
