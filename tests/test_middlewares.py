"""Retry-After parsing for the retrying middleware."""

from datetime import datetime, timezone

from jobfit.crawler.middlewares import parse_retry_after


def test_parse_retry_after_and_http_dates():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(b"120") == 120
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert parse_retry_after("Thu, 01 Jan 2026 11:00:00 GMT", now) == 0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
