"""A local HTTP server on 127.0.0.1 for end-to-end crawls: static fixtures, POST answered like GET, planned faults."""

from __future__ import annotations

from pathlib import Path

from jobfit.demo.server import LocalServer, _Handler


class FixtureHandler(_Handler):
    """The demo's static handler (PATH.json for extensionless API paths) plus POST and planned faults."""

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


class FixtureServer(LocalServer):
    """The demo's LocalServer with FixtureHandler; `faults[path]` = [(status, headers)…] answered first, in order."""

    def __init__(self, root: Path):
        super().__init__(root, handler=FixtureHandler)
        self.httpd.faults = {}
        self.httpd.requests = []

    @property
    def faults(self) -> dict:
        return self.httpd.faults

    @property
    def requests(self) -> list:
        return self.httpd.requests
