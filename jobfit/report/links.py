"""Links a report may show: only web addresses, never javascript: or data: URLs from a posting."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_url(url: str | None) -> str:
    """`url` when it is an http(s) address, else ""."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""
