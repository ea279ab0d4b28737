"""Each crawl's row in crawl_runs: started when its spider opens, finished with the run's verdict when it closes."""

from __future__ import annotations

import logging
import os

from scrapy import signals

from jobfit.crawler.board_closer import BoardCloser
from jobfit.crawler.errorcount import SpiderErrorCounter
from jobfit.crawler.pipelines import StorePipeline
from jobfit.crawler.spiders.base import run_source
from jobfit.crawler.verdict import RunVerdict
from jobfit.db import open_db
from jobfit.db.crawl_runs import finish_crawl_run, start_crawl_run

NO_COUNTS = {"new": 0, "updated": 0, "unchanged": 0, "grouped": 0}


class CrawlRunRecorder:
    """A Scrapy extension that records one crawl run per spider, with its pid and the `JOBFIT_RUN_ID` setting.

    The row's id goes into the stats as `jobfit/crawl_run_id` as soon as it exists, so whoever ran the crawler
    can read which row it made. At the close it judges the run (RunVerdict), lets BoardCloser close what the boards
    no longer list, and writes the outcome, the counters and the stats.
    """

    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.db_path = crawler.settings.get("JOBFIT_DB")
        self.run_id = crawler.settings.getint("JOBFIT_RUN_ID") or None  # the `jobfit run` this crawl is part of
        self.db = None
        self.crawl_run_id: int | None = None
        self.errors = SpiderErrorCounter()

    @classmethod
    def from_crawler(cls, crawler):
        recorder = cls(crawler)
        crawler.signals.connect(recorder.spider_opened, signal=signals.spider_opened)
        # The finish reason is known only once the spider has closed, after the pipelines.
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_opened(self, spider):
        self.db = open_db(self.db_path)
        self.crawl_run_id = start_crawl_run(self.db, run_source(spider), pid=os.getpid(), run_id=self.run_id)
        self.stats.set_value("jobfit/crawl_run_id", self.crawl_run_id)
        # Scrapy counts every crawler's log lines in every crawler's stats; count this spider's errors alone.
        self.errors.spider = spider
        logging.getLogger().addHandler(self.errors)

    def spider_closed(self, spider, reason):
        """Judge the run, close what its boards no longer list after a complete listing, record the outcome."""
        logging.getLogger().removeHandler(self.errors)
        if self.crawl_run_id is None:  # the row could not be started
            if self.db is not None:
                self.db.close()
            return
        try:
            pipeline = self.crawler.get_item_pipeline(StorePipeline)
            store = pipeline.store if pipeline else None
            counts = store.counts if store else NO_COUNTS
            stats = self.stats.get_stats()
            verdict = RunVerdict.judge(reason, stats, counts, lost=len(store.buffer) if store else 0,
                                       skip_reason=getattr(spider, "skip_reason", None),
                                       logged_errors=self.errors.count, first_logged_error=self.errors.first)
            closed = BoardCloser(self.db).close(store.seen if store else {}, spider, verdict)
            self.stats.set_value("jobfit/postings/closed", closed)
            finish_crawl_run(
                self.db, self.crawl_run_id,
                status=verdict.status,
                pages=stats.get("response_received_count", 0),
                items=counts["new"] + counts["updated"] + counts["unchanged"],
                new=counts["new"],
                updated=counts["updated"],
                closed=closed,
                dropped=stats.get("item_dropped_count", 0),
                errors=verdict.errors,
                error_text=verdict.error_text,
                stats=self.stats.get_stats(),
            )
        finally:
            self.db.close()
