"""Helpers for tests that run `jobfit run` as a subprocess (Scrapy's reactor cannot restart in one process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.faultserver import FaultServer, greenhouse_board, greenhouse_job, job_posting, page, sitemap


def write_sources(path: Path, sources: dict[str, tuple[str, dict]]) -> Path:
    """A sources file of {name: (spider, args)}."""
    lines = []
    for name, (spider, args) in sources.items():
        arg_text = ", ".join(f'{k} = "{v}"' for k, v in args.items())
        lines += ["[[source]]", f'name = "{name}"', f'spider = "{spider}"', f"args = {{ {arg_text} }}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def jobfit(*args: str, timeout: float = 300, **popen) -> subprocess.CompletedProcess:
    """Run `python -m jobfit ARGS` with this test's environment (its database and data directory)."""
    return subprocess.run([sys.executable, "-m", "jobfit", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ}, **popen)


def jobfit_run(db: Path, sources: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`jobfit run --local` on `db` and `sources`."""
    return jobfit("run", "--local", "--db", str(db), "--sources", str(sources), *args, timeout=timeout)


def serve_site(server: FaultServer, count: int, delay: float = 0.0, prefix: str = "/jobs/") -> list[str]:
    """Serve `count` JSON-LD posting pages and their sitemap; returns the page paths."""
    paths = [f"{prefix}{n}.html" for n in range(count)]
    for n, path in enumerate(paths):
        server.routes[path] = page(job_posting(f"{prefix}{n}", title=f"Ingénieur ML {n}"), delay=delay)
    server.routes["/sitemap.xml"] = sitemap(server.base_url, paths)
    return paths


def serve_board(server: FaultServer, name: str, count: int) -> str:
    """Serve a Greenhouse board of `count` jobs; returns its URL."""
    path = f"/v1/boards/{name}/jobs"
    server.routes[path] = greenhouse_board([greenhouse_job(n, title=f"Data Scientist {n}") for n in range(count)])
    return server.base_url + path
