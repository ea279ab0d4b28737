"""A local HTTP server on 127.0.0.1 for end-to-end crawls: static fixtures, POST answered like GET, planned faults."""

from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class FixtureHandler(SimpleHTTPRequestHandler):
    """Serves a folder; an API path without extension serves PATH.json; `faults` answers some paths with errors."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".json": "application/json",
                      ".html": "text/html; charset=utf-8", ".xml": "application/xml"}

    def translate_path(self, path: str) -> str:
        local = super().translate_path(path)
        if not Path(local).exists() and Path(local + ".json").is_file():
            return local + ".json"
        return local

    def do_GET(self):
        self.server.requests.append((self.command, self.path))
        path = self.path.split("?", 1)[0]
        planned = self.server.faults.get(path)
        if planned:
            status, headers = planned.pop(0)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.do_GET()

    def log_message(self, format, *args):
        pass


class FixtureServer:
    """FixtureHandler on 127.0.0.1 and a free port, as a context manager; `faults[path]` = [(status, headers)…]."""

    def __init__(self, root: Path):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(FixtureHandler, directory=str(root)))
        self.httpd.faults = {}
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def faults(self) -> dict:
        return self.httpd.faults

    @property
    def requests(self) -> list:
        return self.httpd.requests

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
