"""Retries that wait: Retry-After when a server sends it (429, 503), else exponential backoff."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """RetryMiddleware that waits before retrying: Retry-After (capped), else JOBFIT_RETRY_BACKOFF × 2^attempt s."""

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("JOBFIT_RETRY_BACKOFF", 1.0)
        self.max_wait = settings.getfloat("JOBFIT_RETRY_MAX_WAIT", 300.0)

    async def process_response(self, request, response, spider=None):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        attempt = request.meta.get("retry_times", 0)
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        if wait is None:
            wait = self.backoff * 2 ** attempt
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if wait > 0:
            self.crawler.stats.inc_value("jobfit/retry_waits")
            await asyncio.sleep(min(wait, self.max_wait))
        return retry
