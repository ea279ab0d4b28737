"""Serve a folder on 127.0.0.1 in a background thread, as the demo's stand-in for the web."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    """Static files; an extensionless API path such as /v1/boards/x/jobs serves jobs.json beside it."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".json": "application/json",
                      ".html": "text/html; charset=utf-8", ".xml": "application/xml"}

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if not Path(local).exists() and Path(local + ".json").is_file():
            return local + ".json"
        return local

    def log_message(self, format, *args):  # keep the demo's output to the report
        pass


class _Server(ThreadingHTTPServer):
    # Scrapy opens many connections at once; the default backlog of 5 drops some, each costing a retry.
    request_queue_size = 128


class BackgroundServer:
    """An HTTP server on 127.0.0.1 and a free port, serving from a thread; started and stopped as a context manager."""

    def __init__(self, handler, port: int = 0):
        self.httpd = _Server(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class LocalServer(BackgroundServer):
    """The static files under `root`, served on 127.0.0.1."""

    def __init__(self, root: Path, port: int = 0, handler: type[_Handler] = _Handler):
        super().__init__(partial(handler, directory=str(root)), port)
