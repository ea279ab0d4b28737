"""The three ways `jobfit notify` sends: a mail digest (smtplib), a JSON webhook, a ntfy topic.

Each sender yields (posting ids, error or None) for what it tried, so a half-done send records both halves.
"""

from __future__ import annotations

import json
import os
import smtplib
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.header import Header
from email.message import EmailMessage
from html import escape

from jobfit import __version__
from jobfit.matcher.profile import Profile
from jobfit.report.atom import summary

USER_AGENT = f"jobfit/{__version__} (notify)"


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"


def digest_text(profile: Profile, rows: list[dict]) -> str:
    """The mail digest as plain text."""
    parts = [f"{len(rows)} new matches for {profile.name}", ""]
    for row in rows:
        parts += [f"{row['title']} — {row.get('company') or 'unknown company'}", *summary(row).splitlines(),
                  row.get("url") or "", ""]
    return "\n".join(parts)


def digest_html(profile: Profile, rows: list[dict]) -> str:
    """The mail digest as HTML, every posting text escaped."""
    items = []
    for row in rows:
        title = escape(f"{row['title']} — {row.get('company') or 'unknown company'}")
        url = row.get("url") or ""
        heading = f'<a href="{escape(url)}">{title}</a>' if url.startswith(("http://", "https://")) else title
        lines = "<br>".join(escape(line) for line in summary(row).splitlines())
        items.append(f"<li><p><strong>{heading}</strong><br>{lines}</p></li>")
    return (f"<!DOCTYPE html><html><body><h1>{len(rows)} new matches for {escape(profile.name)}</h1>"
            f"<ul>{''.join(items)}</ul></body></html>")


def send_email(settings, profile: Profile, rows: list[dict]) -> Iterator[tuple[list[str], str | None]]:
    """One digest mail (text and HTML) with every row."""
    from jobfit.notify import host_port

    ids = [row["id"] for row in rows]
    message = EmailMessage()
    message["Subject"] = f"jobfit: {len(rows)} new matches for {profile.name}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message.set_content(digest_text(profile, rows))
    message.add_alternative(digest_html(profile, rows), subtype="html")
    host, port = host_port(settings.smtp)
    try:
        with smtplib.SMTP(host, port, timeout=settings.timeout) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.username:
                smtp.login(settings.username, os.environ.get(settings.password_env, ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        yield ids, _error(exc)
        return
    yield ids, None


def _post(url: str, body: bytes, headers: dict, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="POST", headers={"User-Agent": USER_AGENT, **headers})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 — the user's own URL
        response.read()


def send_webhook(settings, profile: Profile, rows: list[dict]) -> Iterator[tuple[list[str], str | None]]:
    """One JSON POST: {"profile", "profile_name", "matches": [the rows of `report --format json`]}."""
    body = json.dumps({"profile": profile.id, "profile_name": profile.name, "matches": rows},
                      ensure_ascii=False).encode("utf-8")
    try:
        _post(settings.webhook, body, {"Content-Type": "application/json; charset=utf-8"}, settings.timeout)
    except (OSError, urllib.error.URLError, ValueError) as exc:
        yield [row["id"] for row in rows], _error(exc)
        return
    yield [row["id"] for row in rows], None


def _header(text: str) -> str:
    """An HTTP header value: ASCII as is, else RFC 2047 encoded (ntfy decodes it)."""
    text = " ".join(text.split())
    return text if text.isascii() else Header(text, "utf-8").encode()


def send_ntfy(settings, profile: Profile, rows: list[dict]) -> Iterator[tuple[list[str], str | None]]:
    """One ntfy message per match: the title and company as its title, the summary as its body, a click link."""
    for n, row in enumerate(rows):
        headers = {"Title": _header(f"{row['title']} — {row.get('company') or '?'} ({row['score']:g})"),
                   "Tags": "briefcase", "Content-Type": "text/plain; charset=utf-8"}
        if (url := row.get("url") or "").startswith(("http://", "https://")) and url.isascii():
            headers["Click"] = url
        try:
            _post(settings.ntfy, summary(row).encode("utf-8"), headers, settings.timeout)
        except (OSError, urllib.error.URLError, ValueError) as exc:
            # The rest of this batch waits for the next run too: the topic is likely down.
            yield [r["id"] for r in rows[n:]], _error(exc)
            return
        yield [row["id"]], None


SENDERS = {"email": send_email, "webhook": send_webhook, "ntfy": send_ntfy}
