"""Downloader middlewares: retries that wait as the server asks (Retry-After) or back off; a charset fallback."""

from __future__ import annotations

import codecs
import ipaddress
import logging
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import JsonResponse, Request, TextResponse
from scrapy.utils.response import response_status_message

logger = logging.getLogger(__name__)


def parse_retry_after(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (same codes, same RETRY_TIMES), each after a wait.

    The wait is the response's Retry-After when it has one, else RETRY_BACKOFF_BASE * 2**(attempt - 1) capped at
    RETRY_BACKOFF_MAX. A Retry-After longer than RETRY_AFTER_MAX is not waited for: the request is given up, logged.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 300.0)

    async def process_response(self, request, response):
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.retry_after_max:
            self.crawler.stats.inc_value("jobfit/retry_after/over_max")
            logger.error("Gave up on %s: HTTP %d asks to retry after %.0f s, more than RETRY_AFTER_MAX (%.0f s)",
                         request.url, response.status, retry_after, self.retry_after_max,
                         extra={"spider": self.crawler.spider})
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if retry_after is not None:
            self.crawler.stats.inc_value("jobfit/retry_after/honoured")
        await self._wait(retry_after if retry_after is not None else self._backoff(retry))
        return retry

    async def process_exception(self, request, exception):
        retry = super().process_exception(request, exception)
        if retry is not None:
            await self._wait(self._backoff(retry))
        return retry

    def _backoff(self, retry) -> float:
        return min(self.backoff_max, self.backoff_base * 2 ** (retry.meta.get("retry_times", 1) - 1))

    async def _wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        from scrapy.utils.defer import maybe_deferred_to_future
        from twisted.internet import reactor
        from twisted.internet.task import deferLater

        self.crawler.stats.inc_value("jobfit/retry/waited_seconds", seconds)
        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class CharsetFallbackMiddleware:
    """Decode as cp1252 an HTML or XML body that is not UTF-8 although it says so or says nothing.

    French sites still serve latin-1/cp1252 pages under a default "charset=utf-8" header, or with no charset at all,
    where encoding detection may guess a central-European code page ("à" read as "ŕ"). A body that declares
    another charset is left as declared.
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response):
        if not isinstance(response, TextResponse) or isinstance(response, JsonResponse) or not response.body:
            return response
        declared = response._declared_encoding()  # header, BOM or <meta> charset, as Scrapy reads it
        if declared and codecs.lookup(declared).name != "utf-8":
            return response
        try:
            response.body.decode("utf-8")
        except UnicodeDecodeError:
            self.stats.inc_value("jobfit/charset/cp1252_fallback")
            logger.info("%s is not UTF-8 (declared: %s): decoding it as cp1252", response.url, declared or "nothing")
            return response.replace(encoding="cp1252")
        return response


INTERNAL_NAMES = re.compile(r"(^|\.)(localhost|localdomain|internal|local)$", re.IGNORECASE)


def is_internal_host(host: str | None) -> bool:
    """True for loopback, private, link-local (169.254.169.254, cloud metadata), reserved or unspecified addresses
    written as IP literals, and for names such as localhost or metadata.google.internal."""
    if not host:
        return False
    host = host.strip("[]").rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return bool(INTERNAL_NAMES.search(host))
    return (address.is_loopback or address.is_private or address.is_link_local or address.is_reserved
            or address.is_unspecified or address.is_multicast)


def refused_target(origin: str, target: str) -> str | None:
    """Why a request for `target` that a page at `origin` led to must not be made, or None.

    A page from the web never leads to a local file (file://, or any scheme but http and https), nor to an internal
    address, unless it is itself on one (a site on this machine may link to itself).
    """
    source, goal = urlsplit(origin), urlsplit(target)
    if source.scheme not in ("http", "https"):
        return None  # a local file or a start URL the user named may lead anywhere
    if goal.scheme not in ("http", "https"):
        return f"{target}: a page from the web ({origin}) may not lead to a {goal.scheme or 'schemeless'} URL"
    if is_internal_host(goal.hostname) and not is_internal_host(source.hostname):
        return f"{target}: a page from the web ({origin}) may not lead to an internal address"
    return None


class OriginMiddleware:
    """Spider middleware: each request a response leads to remembers that response's URL (meta jobfit_from)."""

    @staticmethod
    def _stamp(response, item):
        if isinstance(item, Request) and response is not None:
            item.meta.setdefault("jobfit_from", response.url)
        return item

    def process_spider_output(self, response, result, spider=None):
        for item in result:
            yield self._stamp(response, item)

    async def process_spider_output_async(self, response, result, spider=None):
        async for item in result:
            yield self._stamp(response, item)


class LocalAddressGuard:
    """Downloader middleware: drop a request a web page (or a redirect from one) leads to when `refused_target`
    says so; the start URLs the user gives are never refused."""

    def __init__(self, stats=None):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request, spider=None):
        # What led here: the page the request was found on, and the URLs that redirected to it.
        origins = [u for u in (request.meta.get("jobfit_from"), *request.meta.get("redirect_urls", [])) if u]
        for origin in origins:
            if reason := refused_target(origin, request.url):
                if self.stats is not None:
                    self.stats.inc_value("jobfit/refused_requests")
                logger.warning("Refused %s", reason)
                raise IgnoreRequest(reason)
        return None
