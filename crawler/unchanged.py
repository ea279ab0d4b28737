"""Skip what has not changed since the last complete crawl: a board listing whose body hashes the same (one
request, no parsing, no upserts), a sitemap page whose lastmod is the same (no request at all)."""

from __future__ import annotations

import hashlib

from scrapy import signals

from jobfit.crawler.spiders.base import BoardSpider, FeedSpider
from jobfit.crawler.verdict import run_errors
from jobfit.db import open_db
from jobfit.db.listings import listing_digest, page_lastmods, save_listing_digests, save_page_lastmods


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


class UnchangedPages:
    """The sitemap pages a spider read, by lastmod, and the postings each held.

    A page whose sitemap entry carries the lastmod the last complete, error-free crawl read it at is not fetched:
    its postings are kept as seen and unchanged. What this crawl reads is stored only when it ends complete, so a
    killed or failed crawl reads its pages again next time. Entries without a lastmod are always fetched.
    """

    def __init__(self, crawler, spider_name: str):
        self.crawler = crawler
        self.spider_name = spider_name
        self.db_path = crawler.settings.get("JOBFIT_DB")
        self.enabled = bool(self.db_path) and crawler.settings.getbool("JOBFIT_SKIP_UNCHANGED", True)
        self.known: dict[str, tuple[str, list[str]]] | None = None
        self.lastmods: dict[str, str] = {}  # url -> lastmod its sitemap gives, for the pages requested
        self.read: dict[str, tuple[str, list[str]]] = {}  # url -> (lastmod, posting ids) of pages read or kept
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def unchanged(self, url: str, lastmod: str | None) -> list[str] | None:
        """The posting ids of the page at `url` when its sitemap `lastmod` is the one last read; else None."""
        if not lastmod:
            return None
        self.lastmods[url] = lastmod
        if not self.enabled:
            return None
        if self.known is None:
            db = open_db(self.db_path)
            try:
                self.known = page_lastmods(db, self.spider_name)
            finally:
                db.close()
        last = self.known.get(url)
        if last and last[0] == lastmod and last[1]:
            self.read[url] = last
            self.crawler.stats.inc_value("jobfit/unchanged_pages")
            return last[1]
        return None

    def page_read(self, url: str, posting_ids: list[str]) -> None:
        """Note the postings a page requested from the sitemap held."""
        if lastmod := self.lastmods.get(url):
            self.read[url] = (lastmod, posting_ids)

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        complete = (reason == "finished" and not run_errors(stats) and not stats.get("jobfit/store/lost_postings"))
        if self.read and complete and self.db_path:
            db = open_db(self.db_path)
            try:
                save_page_lastmods(db, self.spider_name, [(u, m, ids) for u, (m, ids) in self.read.items()])
            finally:
                db.close()
