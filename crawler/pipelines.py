"""Item pipelines, one job each, in the order settings.ITEM_PIPELINES declares: normalise, validate, store."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import time

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from crawler.errorcount import SpiderErrorCounter
from crawler.normalize.contract import normalize_contract
from crawler.normalize.remote import normalize_remote, remote_from_text
from crawler.normalize.salary import parse_salary
from crawler.normalize.text import clean_title, html_to_text
from db import open_db
from db.queries import finish_crawl_run, posting_id, start_crawl_run, upsert_postings

logger = logging.getLogger(__name__)

HASHED_FIELDS = ("title", "company", "location", "remote", "contract", "salary_text", "description")


def content_hash(posting: dict) -> str:
    """A short fingerprint of what a reader sees in the posting; it changes when the posting is edited."""
    text = "\x1f".join(str(posting.get(f) or "") for f in HASHED_FIELDS)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class NormalizePipeline:
    """Bring every field into jobfit's vocabulary: text from HTML, contract, remote policy, salary, id, hash."""

    def process_item(self, item, spider=None):
        posting = ItemAdapter(item)
        posting["title"] = clean_title(posting.get("title"))
        if not posting.get("description") and posting.get("description_html"):
            posting["description"] = html_to_text(posting["description_html"])
        posting["contract"] = normalize_contract(posting.get("contract"))
        posting["remote"] = normalize_remote(posting.get("remote")) or remote_from_text(posting.get("description"))
        if posting.get("salary_min") is None and posting.get("salary_text"):
            salary = parse_salary(posting["salary_text"])
            if salary:
                posting["salary_min"], posting["salary_max"] = salary.min, salary.max
                posting["salary_currency"] = posting.get("salary_currency") or salary.currency
                posting["salary_period"] = posting.get("salary_period") or salary.period
        for key in ("company", "location", "city", "country"):
            if isinstance(posting.get(key), str):
                posting[key] = posting[key].strip() or None
        return item


class ValidatePipeline:
    """Drop items that cannot be stored (no id or no title), counting each reason in the stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item, spider=None):
        posting = ItemAdapter(item)
        for field in ("source", "external_id", "title"):
            if not posting.get(field):
                self.stats.inc_value(f"jobfit/dropped/missing_{field}")
                raise DropItem(f"posting without {field}: {posting.get('url') or posting.get('external_id')}")
        return item


class StorePipeline:
    """Upsert postings into SQLite in batched transactions and record the crawl run.

    A batch is written when it is full or `JOBFIT_STORE_INTERVAL` seconds old, so a killed crawl loses at most one
    batch, which the next run fetches again. A batch that cannot be written stays buffered and is retried.
    """

    def __init__(self, db_path, batch_size, stats, interval: float = 5.0, run_id: int | None = None):
        self.db_path = db_path
        self.batch_size = batch_size
        self.interval = interval
        self.run_id_of_run = run_id
        self.stats = stats
        self.buffer: list[dict] = []
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}
        self.last_flush = time.monotonic()
        self.errors = SpiderErrorCounter()

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(settings.get("JOBFIT_DB"), settings.getint("JOBFIT_STORE_BATCH", 100), crawler.stats,
                       settings.getfloat("JOBFIT_STORE_INTERVAL", 5.0), settings.getint("JOBFIT_RUN_ID") or None)
        pipeline.crawler = crawler
        # The finish reason is known only once the spider has closed, after the pipelines.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider=None):
        spider = spider or self.crawler.spider
        self.db = open_db(self.db_path)
        source = getattr(spider, "source", None) or spider.name
        label = getattr(spider, "label", None)
        self.source = f"{source}:{label}" if label else source
        self.run_id = start_crawl_run(self.db, self.source)
        with self.db.conn:
            self.db["crawl_runs"].update(self.run_id, {"pid": os.getpid(), "run_id": self.run_id_of_run})
        # Scrapy counts every crawler's log lines in every crawler's stats; count this spider's errors alone.
        self.errors.spider = spider
        logging.getLogger().addHandler(self.errors)

    def process_item(self, item, spider=None):
        posting = {k: v for k, v in ItemAdapter(item).asdict().items() if k != "description_html"}
        posting["id"] = posting_id(posting["source"], str(posting["external_id"]))
        posting["content_hash"] = content_hash(posting)
        self.buffer.append(posting)
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush >= self.interval:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered postings in one transaction; on a database error keep them for the next try."""
        self.last_flush = time.monotonic()
        if not self.buffer:
            return
        # The same posting twice in one batch: keep the last version.
        batch = list({p["id"]: p for p in self.buffer}.values())
        try:
            counts = upsert_postings(self.db, batch)
        except sqlite3.OperationalError as exc:  # locked or full: nothing of the batch was written
            self.stats.inc_value("jobfit/store/retried_batches")
            logger.error("could not store %d postings of %s, will retry: %s", len(batch), self.source, exc,
                         extra={"spider": self.errors.spider})
            return
        self.buffer = []
        for key, n in counts.items():
            self.counts[key] += n
            self.stats.inc_value(f"jobfit/postings/{key}", n)

    def close_spider(self, spider=None):
        self.flush()
        if self.buffer:
            self.flush()  # one last try after the busy timeout
        if self.buffer:
            self.stats.set_value("jobfit/store/lost_postings", len(self.buffer))

    def spider_closed(self, spider, reason):
        """Record the run's outcome and counters."""
        logging.getLogger().removeHandler(self.errors)
        if not hasattr(self, "run_id"):  # the spider failed before the pipeline opened
            return
        stats = self.stats.get_stats()
        errors = self.errors.count
        pages = stats.get("response_received_count", 0)
        ignored = stats.get("httperror/response_ignored_count", 0)
        # A source fails when its spider broke, when postings could not be stored, or when it brought nothing
        # back and something went wrong on the way (HTTP errors, timeouts); one bad page among many is not a failure.
        failed = (reason != "finished" or stats.get("spider_exceptions/count", 0) > 0 or bool(self.buffer)
                  or (not sum(self.counts.values()) and (pages == 0 or errors > 0 or ignored > 0)))
        finish_crawl_run(
            self.db, self.run_id,
            status="failed" if failed else "ok",
            pages=pages,
            items=sum(self.counts.values()),
            new=self.counts["new"],
            updated=self.counts["updated"],
            dropped=stats.get("item_dropped_count", 0),
            errors=errors,
            error_text=None if not failed else (
                f"finish_reason={reason}, errors={errors}, pages={pages}, http_errors={ignored}"
                + (f", first error: {self.errors.first}" if self.errors.first else "")),
            stats=stats,
        )
        self.db.close()

