"""Local stand-ins for what `jobfit notify` talks to, on 127.0.0.1: an SMTP server (aiosmtpd) that keeps the mail
it receives, and an HTTP server that keeps the POSTs it receives and can fail on purpose."""

from __future__ import annotations

import email
import email.policy
import socket
from http.server import BaseHTTPRequestHandler

from jobfit.demo.server import BackgroundServer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    """An SMTP server on 127.0.0.1 keeping each message it receives (parsed) in `messages`."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's handler hook
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class HookServer(BackgroundServer):
    """An HTTP server keeping every POST as (path, headers, body); answers `statuses` in turn, then 200."""

    def __init__(self):
        self.received: list[tuple[str, dict, bytes]] = []
        self.statuses: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status = outer.statuses.pop(0) if outer.statuses else 200
                if status == 200:
                    outer.received.append((self.path, dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format, *args):
                pass

        super().__init__(Handler)
