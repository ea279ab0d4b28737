"""The pieces behind the fault suite, one at a time: Retry-After, plausibility, charset fallback, the HTTP cache."""

import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.http import HtmlResponse, JsonResponse
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from jobfit.crawler.httpcache import CrashSafeCacheStorage, prune_cache
from jobfit.crawler.middlewares import CharsetFallbackMiddleware, parse_retry_after
from jobfit.crawler.plausibility import implausible_date, implausible_salary


@pytest.mark.parametrize("value, seconds", [
    (b"120", 120.0), ("0", 0.0), (b"Fri, 27 Nov 2026 10:00:30 GMT", 30.0), (b"Fri, 27 Nov 2026 09:00:00 GMT", 0.0),
    (b"soon", None), (None, None), (b"", None),
])
def test_retry_after_reads_seconds_and_http_dates(value, seconds):
    now = datetime(2026, 11, 27, 10, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after(value, now) == seconds


@pytest.mark.parametrize("posting, reason", [
    ({"salary_min": 45000, "salary_max": 55000, "salary_period": "year"}, None),
    ({"salary_min": 550, "salary_max": 700, "salary_period": "day"}, None),
    ({"salary_min": -5, "salary_max": 50000}, "salary -5 outside"),
    ({"salary_min": 1e15}, "salary 1e+15 outside"),
    ({"salary_min": 60000, "salary_max": 50000}, "salary minimum 60000 above maximum 50000"),
    ({"salary_min": 90000, "salary_period": "hour"}, "salary 90000 outside (0, 5000] per hour"),
])
def test_implausible_salaries_are_named(posting, reason):
    found = implausible_salary(posting)
    assert (found is None) if reason is None else (reason in found)


@pytest.mark.parametrize("field, value, bad", [
    ("posted_at", "2026-11-20", False), ("posted_at", "2026-11-20T09:00:00Z", False),
    ("posted_at", "2026-13-45", True), ("posted_at", "1970-01-01", True), ("posted_at", "2031-01-01", True),
    ("valid_through", "2027-06-30", False), ("valid_through", "9999-12-31", True), ("posted_at", "hier", True),
])
def test_implausible_dates_are_named(field, value, bad):
    today = datetime(2026, 11, 27).date()
    assert bool(implausible_date(field, value, today)) is bad


def charset_middleware():
    return CharsetFallbackMiddleware(MemoryStatsCollector(get_crawler()))


def test_charset_fallback_decodes_cp1252_declared_as_utf8():
    body = "<html><body>Équipe à Nîmes – 3 000 €</body></html>".encode("cp1252")
    response = HtmlResponse("http://x/", body=body, headers={"Content-Type": "text/html; charset=utf-8"})
    fixed = charset_middleware().process_response(Request("http://x/"), response)
    assert "Équipe à Nîmes – 3 000 €" in fixed.text


def test_charset_fallback_leaves_valid_utf8_and_declared_charsets_alone():
    middleware = charset_middleware()
    utf8 = HtmlResponse("http://x/", body="Équipe".encode(), headers={"Content-Type": "text/html"})
    assert middleware.process_response(Request("http://x/"), utf8) is utf8
    koi8 = HtmlResponse("http://x/", body="Привет".encode("koi8-r"),
                        headers={"Content-Type": "text/html; charset=koi8-r"})
    assert middleware.process_response(Request("http://x/"), koi8).text == "Привет"
    data = JsonResponse("http://x/", body=b'{"a": 1}')
    assert middleware.process_response(Request("http://x/"), data) is data


class _Spider(Spider):
    name = "cachetest"


@pytest.fixture
def storage(tmp_path):
    settings = {"HTTPCACHE_DIR": str(tmp_path / "cache"), "HTTPCACHE_GZIP": True}
    spider = get_crawler(_Spider, settings)._create_spider()
    store = CrashSafeCacheStorage(Settings(settings))
    store.open_spider(spider)
    return store, spider


def test_cache_entry_is_written_whole_and_read_back(storage):
    store, spider = storage
    request = Request("http://x/page")
    store.store_response(spider, request, HtmlResponse("http://x/page", body=b"<p>v1</p>"))
    store.store_response(spider, request, HtmlResponse("http://x/page", body=b"<p>v2</p>"))
    assert store.retrieve_response(spider, request).body == b"<p>v2</p>"
    entry = Path(store._get_request_path(spider, request))
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no side folder left


def test_truncated_cache_entry_is_a_miss_not_a_crash(storage):
    store, spider = storage
    request = Request("http://x/page")
    store.store_response(spider, request, HtmlResponse("http://x/page", body=b"<p>v1</p>"))
    entry = Path(store._get_request_path(spider, request))
    (entry / "response_body").write_bytes(b"\x1f\x8b\x08 truncated gzip")  # as a killed writer would leave it
    assert store.retrieve_response(spider, request) is None
    assert not entry.exists()


def test_prune_removes_old_entries_and_leftovers_only(storage):
    store, spider = storage
    for url in ("http://x/old", "http://x/new"):
        store.store_response(spider, Request(url), HtmlResponse(url, body=b"x"))
    old = Path(store._get_request_path(spider, Request("http://x/old")))
    past = time.time() - 40 * 86400
    os.utime(old / "pickled_meta", (past, past))
    leftover = old.with_name(old.name + ".new-99999")
    leftover.mkdir()
    os.utime(leftover, (past, past))
    assert prune_cache(Path(store.cachedir), 30) == 2
    assert not old.exists() and not leftover.exists()
    assert store.retrieve_response(spider, Request("http://x/new")).body == b"x"
