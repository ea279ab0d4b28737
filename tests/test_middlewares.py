"""Retry-After parsing for the retrying middleware."""

from datetime import datetime, timezone

from crawler.middlewares import retry_after_seconds


def test_retry_after_seconds_and_http_dates():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"120") == 120
    assert retry_after_seconds("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert retry_after_seconds("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
