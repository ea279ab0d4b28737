"""On a Scrapyd node: the verdict of each crawl, written beside its feed for `jobfit collect` (JOB.summary.json)."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from scrapy import signals
from w3lib.url import file_uri_to_path

from jobfit.crawler.board_closer import BoardCloser
from jobfit.crawler.errorcount import SpiderErrorCounter
from jobfit.crawler.spiders.base import run_source
from jobfit.crawler.verdict import RunVerdict

SUFFIX = ".summary.json"


def summary_path(feed_uri: str) -> Path | None:
    """Where the summary of the crawl whose feed is at `feed_uri` goes: JOB.summary.json beside JOB.jl."""
    if not feed_uri.startswith("file://") and "://" in feed_uri:
        return None  # a remote feed storage: no place beside it
    path = Path(file_uri_to_path(feed_uri) if feed_uri.startswith("file://") else feed_uri)
    return path.with_name(path.stem + SUFFIX)


class NodeRunSummary:
    """A Scrapy extension judging each node crawl as CrawlRunRecorder does, without a database.

    The summary holds the run's name, status, pages, items scraped, errors, why it failed, whether its listing was
    complete (postings its boards no longer list may then be closed centrally) and Scrapy's stats.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.errors = SpiderErrorCounter()
        feeds = crawler.settings.getdict("FEEDS")
        self.paths = [p for uri in feeds if (p := summary_path(str(uri)))]

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.errors.spider = spider
        logging.getLogger().addHandler(self.errors)

    def spider_closed(self, spider, reason):
        logging.getLogger().removeHandler(self.errors)
        stats = self.crawler.stats.get_stats()
        scraped = stats.get("item_scraped_count", 0)
        verdict = RunVerdict.judge(reason, stats, {"new": scraped}, skip_reason=getattr(spider, "skip_reason", None),
                                   logged_errors=self.errors.count, first_logged_error=self.errors.first)
        summary = {"source": run_source(spider), "spider": spider.name, "status": verdict.status,
                   "errors": verdict.errors, "error_text": verdict.error_text,
                   "pages": stats.get("response_received_count", 0), "items": scraped,
                   "complete": BoardCloser.listing_complete(spider, verdict), "reason": reason,
                   "stats": stats}
        for path in self.paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(summary, default=str, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)  # whole or absent, never half written
