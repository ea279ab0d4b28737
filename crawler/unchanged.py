"""Skip board listings that have not changed since the last complete crawl: one request, no parsing, no upserts."""

from __future__ import annotations

import hashlib

from scrapy import signals

from jobfit.crawler.spiders.base import BoardSpider, FeedSpider
from jobfit.crawler.verdict import run_errors
from jobfit.db import open_db
from jobfit.db.listings import listing_digest, save_listing_digests


def _nothing(response, **kwargs):
    return []


class UnchangedListingMiddleware:
    """A downloader middleware for spiders whose one response lists a whole board (JSON APIs, partner feeds).

    When that response's body (after the HTTP cache has answered a 304 with the stored body) hashes as the one the
    last complete, error-free crawl stored, its callback is skipped: nothing is parsed, upserted or closed. Digests
    are stored only when the crawl ends complete, so a killed or failed crawl reads its boards again next time.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("JOBFIT_DB")
        self.enabled = crawler.settings.getbool("JOBFIT_SKIP_UNCHANGED", True)
        self.db = None
        self.pending: dict[str, tuple[str, str, str, str]] = {}
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _key(self, request, spider) -> str:
        who = f"{spider.name}\x1f{getattr(spider, 'company', '') or ''}\x1f{request.method}\x1f{request.url}"
        return hashlib.sha256(who.encode() + b"\x1f" + (request.body or b"")).hexdigest()[:32]

    def process_response(self, request, response, spider=None):
        spider = spider or self.crawler.spider
        if (not self.enabled or response.status != 200 or not isinstance(spider, (BoardSpider, FeedSpider))
                or request.callback != spider.parse):
            return response
        key = self._key(request, spider)
        digest = hashlib.sha256(response.body).hexdigest()
        self.pending[key] = (key, spider.name, request.url, digest)
        if self.db is None:
            self.db = open_db(self.db_path)
        if listing_digest(self.db, key) != digest:
            return response
        self.crawler.stats.inc_value("jobfit/unchanged_listings")
        return response.replace(request=request.replace(callback=_nothing, errback=None))

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        complete = (reason == "finished" and not run_errors(stats) and not stats.get("jobfit/store/lost_postings"))
        if self.pending and complete:
            if self.db is None:
                self.db = open_db(self.db_path)
            save_listing_digests(self.db, self.pending.values())
        if self.db is not None:
            self.db.close()
            self.db = None
