"""The clock every stored timestamp comes from."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> str:
    """Now, as an ISO 8601 UTC timestamp with seconds."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
