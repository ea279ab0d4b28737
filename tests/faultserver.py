"""A fault-injecting HTTP server on 127.0.0.1 for crawl tests (synthetic pages, written for jobfit's tests).

Each path maps to a `Reply`, or to a function of the path's hit count returning one, so a test can serve a 429
first and the page after. The server stops by itself: past `max_requests` it answers 410 to everything, and the
context manager shuts it down.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from jobfit.demo.server import BackgroundServer


@dataclass
class Reply:
    """One HTTP response: status, headers, body (or `size` bytes streamed), after `delay` seconds."""

    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    size: int = 0  # stream this many filler bytes instead of `body`


Route = Reply | Callable[[int], Reply]


def page(obj: dict | str | None, charset: str | None = "utf-8", extra_html: str = "", encoding: str | None = None,
         **reply) -> Reply:
    """An HTML page carrying `obj` as JSON-LD (a string is inserted verbatim), encoded in `encoding`."""
    # "</" escaped as JSON allows, as sites do, so that "</script>" inside a value does not end the script element.
    script = obj if isinstance(obj, str) else json.dumps(obj, ensure_ascii=False).replace("</", "<\\/") if obj else ""
    text = (f"<!doctype html><html><head><title>Offre</title>"
            f'<script type="application/ld+json">{script}</script></head><body>{extra_html}</body></html>')
    content_type = f"text/html; charset={charset}" if charset else "text/html"
    return Reply(body=text.encode(encoding or charset or "utf-8"), headers={"Content-Type": content_type}, **reply)


def job_posting(n: int | str, title: str | None = "Ingénieur Machine Learning", company: str | None = "Acme",
                description: str | None = "<p>Python, PyTorch et MLOps. Télétravail partiel.</p>", **extra) -> dict:
    """A schema.org JobPosting; None leaves a field out."""
    posting = {"@context": "https://schema.org", "@type": "JobPosting", "identifier": str(n),
               "title": title, "description": description, "datePosted": "2026-11-20",
               "hiringOrganization": {"@type": "Organization", "name": company} if company else None,
               "jobLocation": {"@type": "Place", "address": {"addressLocality": "Paris", "addressCountry": "FR"}}}
    posting.update(extra)
    return {k: v for k, v in posting.items() if v is not None}


def sitemap(base_url: str, paths: list[str]) -> Reply:
    """A sitemap listing `paths` on this server."""
    urls = "".join(f"<url><loc>{html.escape(base_url + p)}</loc></url>" for p in paths)
    body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    return Reply(body=body.encode(), headers={"Content-Type": "application/xml"})


def greenhouse_board(jobs: list[dict]) -> Reply:
    """A Greenhouse Job Board API answer with content."""
    return json_reply({"jobs": jobs, "meta": {"total": len(jobs)}})


def greenhouse_job(n: int, title: str = "Data Scientist", content: str = "&lt;p&gt;Python et SQL.&lt;/p&gt;") -> dict:
    return {"id": n, "title": title, "content": content, "absolute_url": f"https://example.org/jobs/{n}",
            "location": {"name": "Lyon"}, "updated_at": "2026-11-20T10:00:00Z"}


def json_reply(data) -> Reply:
    return Reply(body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


def gzip_bomb(uncompressed: int) -> Reply:
    """A gzip body that inflates to `uncompressed` bytes of zeros."""
    chunk = b"\0" * (1 << 20)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as f:
        for _ in range(uncompressed // len(chunk)):
            f.write(chunk)
    out = buffer.getvalue()
    return Reply(body=out, headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})


class FaultServer(BackgroundServer):
    """Serve `routes` on 127.0.0.1 in a background thread; records every request."""

    def __init__(self, routes: dict[str, Route] | None = None, max_requests: int = 5000):
        self.routes: dict[str, Route] = dict(routes or {})
        self.max_requests = max_requests
        self.hits: Counter[str] = Counter()
        self.log: list[tuple[float, str, dict]] = []
        self.lock = threading.Lock()
        super().__init__(self._handler_class())

    def times(self, path: str) -> list[float]:
        """When `path` was requested."""
        return [t for t, p, _ in self.log if p == path]

    def reply_for(self, path: str) -> Reply:
        with self.lock:
            self.hits[path] += 1
            count = self.hits[path]
            total = sum(self.hits.values())
        if total > self.max_requests:
            return Reply(410, b"request budget spent")
        route = self.routes.get(path)
        if route is None:
            return Reply(404, b"not found")
        return route(count) if callable(route) else route

    def _handler_class(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.log.append((time.monotonic(), path, dict(self.headers)))
                reply = server.reply_for(path)
                validator = reply.headers.get("Last-Modified")
                if validator and self.headers.get("If-Modified-Since") == validator:
                    reply = Reply(304, headers={"Last-Modified": validator})
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    length = reply.size or len(reply.body)
                    self.send_header("Content-Length", str(length))
                    self.end_headers()
                    if reply.size:
                        chunk = b"x" * (1 << 20)
                        for start in range(0, reply.size, len(chunk)):
                            self.wfile.write(chunk[: min(len(chunk), reply.size - start)])
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the crawler hung up, as it should on an oversized body

            def log_message(self, format, *args):
                pass

        return Handler

