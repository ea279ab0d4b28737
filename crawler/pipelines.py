"""Item pipelines, one job each, in the order settings.ITEM_PIPELINES declares: normalise, validate, store.

`normalize_posting` and `missing_field` are plain functions so that imports (jobfit import) share them.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from datetime import datetime, timezone

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

from jobfit.crawler.errorcount import SpiderErrorCounter
from jobfit.crawler.normalize.contract import normalize_contract
from jobfit.crawler.normalize.dates import parse_date
from jobfit.crawler.normalize.location import clean_city, country_code, parse_location
from jobfit.crawler.normalize.remote import normalize_remote, remote_from_text
from jobfit.crawler.normalize.requirements import education, experience_years, seniority, seniority_from_years
from jobfit.crawler.normalize.salary import annual_range, normalize_period, parse_salary, salary_from_text
from jobfit.crawler.normalize.text import clean_title, html_to_text
from jobfit.crawler.store import PostingStore, content_hash
from jobfit.db import open_db
from jobfit.db.crawl_runs import finish_crawl_run, start_crawl_run

logger = logging.getLogger(__name__)

__all__ = ["NormalizePipeline", "StatsPipeline", "ValidatePipeline", "StorePipeline", "normalize_posting",
           "missing_field", "content_hash"]

REQUIRED_FIELDS = ("source", "external_id", "title")


def normalize_posting(posting, now: datetime | None = None):
    """Bring a posting's fields (a dict or item, changed in place) into jobfit's vocabulary; returns it."""
    now = now or datetime.now(timezone.utc)
    posting["title"] = clean_title(posting.get("title"))
    if not posting.get("description") and posting.get("description_html"):
        posting["description"] = html_to_text(posting["description_html"])
    description = posting.get("description") or ""
    posting["contract"] = normalize_contract(posting.get("contract"))
    posting["remote"] = normalize_remote(posting.get("remote")) or remote_from_text(description)
    _normalize_salary(posting)
    for key in ("company", "location", "city", "country", "postal_code"):
        if isinstance(posting.get(key), str):
            posting[key] = posting[key].strip() or None
    if posting.get("location") and not posting.get("city"):
        for key, value in parse_location(posting["location"]).items():
            if not posting.get(key):
                posting[key] = value
    posting["city"] = clean_city(posting.get("city"))
    posting["country"] = country_code(posting.get("country"))
    for key in ("posted_at", "valid_through"):
        if posting.get(key) not in (None, ""):
            raw, posting[key] = posting[key], parse_date(posting[key], now)
            if posting[key] is None:
                logger.warning("blanked %s of %s: %s %r is not a readable date", key,
                               posting.get("url") or posting.get("external_id"), key, raw)
    years = posting.get("experience_years")
    if not isinstance(years, int) or isinstance(years, bool):
        years = experience_years(str(years)) if years not in (None, "") else None
    posting["experience_years"] = years if years is not None else experience_years(description)
    posting["seniority"] = (seniority(posting.get("seniority")) or seniority(posting.get("title"))
                            or seniority_from_years(posting["experience_years"]))
    posting["education"] = education(posting.get("education")) or education(description)
    return posting


def _normalize_salary(posting) -> None:
    if posting.get("salary_min") is None and posting.get("salary_max") is None:
        salary = parse_salary(posting.get("salary_text")) or salary_from_text(posting.get("description"))
        if salary:
            posting["salary_min"], posting["salary_max"] = salary.min, salary.max
            posting["salary_currency"] = posting.get("salary_currency") or salary.currency
            posting["salary_period"] = posting.get("salary_period") or salary.period
    if posting.get("salary_min") is None and posting.get("salary_max") is None:
        return
    posting["salary_period"] = normalize_period(posting.get("salary_period")) or "year"
    if isinstance(posting.get("salary_currency"), str):
        posting["salary_currency"] = posting["salary_currency"].strip().upper() or None
    posting["salary_annual_min"], posting["salary_annual_max"] = annual_range(
        posting.get("salary_min"), posting.get("salary_max"), posting["salary_period"])


def missing_field(posting) -> str | None:
    """The first required field a posting lacks, or None when it can be stored."""
    return next((f for f in REQUIRED_FIELDS if not posting.get(f)), None)


class NormalizePipeline:
    """Bring every field into jobfit's vocabulary (see normalize_posting)."""

    def process_item(self, item, spider=None):
        normalize_posting(ItemAdapter(item))
        return item


class StatsPipeline:
    """A pipeline that counts what it does in the crawl's stats."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)


class ValidatePipeline(StatsPipeline):
    """Drop items that cannot be stored (no id or no title), counting each reason in the stats."""

    def process_item(self, item, spider=None):
        posting = ItemAdapter(item)
        if field := missing_field(posting):
            self.stats.inc_value(f"jobfit/dropped/missing_{field}")
            raise DropItem(f"posting without {field}: {posting.get('url') or posting.get('external_id')}")
        return item


class StorePipeline:
    """Upsert postings into SQLite in batched transactions, record the crawl run, close postings gone from a board.

    A batch is written when it is full or `JOBFIT_STORE_INTERVAL` seconds old, so a killed crawl loses at most one
    batch, which the next run fetches again. A batch that cannot be written stays buffered and is retried.
    """

    def __init__(self, db_path, batch_size, stats, interval: float = 5.0, run_id: int | None = None):
        self.db_path = db_path
        self.batch_size = batch_size
        self.interval = interval
        self.run_id_of_run = run_id
        self.stats = stats
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
        # The pipeline decides when to write (batch size or age), so the store never flushes by itself.
        self.store = PostingStore(self.db, batch_size=0)
        source = getattr(spider, "source", None) or spider.name
        label = getattr(spider, "label", None)
        self.source = f"{source}:{label}" if label else source
        self.run_id = start_crawl_run(self.db, self.source)
        self.stats.set_value("jobfit/crawl_run_id", self.run_id)  # how the caller finds the row it made
        with self.db.conn:
            self.db["crawl_runs"].update(self.run_id, {"pid": os.getpid(), "run_id": self.run_id_of_run})
        # Scrapy counts every crawler's log lines in every crawler's stats; count this spider's errors alone.
        self.errors.spider = spider
        logging.getLogger().addHandler(self.errors)

    def process_item(self, item, spider=None):
        self.store.add(ItemAdapter(item).asdict())
        if len(self.store.buffer) >= self.batch_size or time.monotonic() - self.last_flush >= self.interval:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered postings in one transaction; on a database error keep them for the next try."""
        self.last_flush = time.monotonic()
        if not self.store.buffer:
            return
        try:
            self.store.flush()
        except sqlite3.OperationalError as exc:  # locked or full: the batch stays buffered
            self.stats.inc_value("jobfit/store/retried_batches")
            logger.error("could not store %d postings of %s, will retry: %s", len(self.store.buffer), self.source,
                         exc, extra={"spider": self.errors.spider})

    def close_spider(self, spider=None):
        self.flush()
        if self.store.buffer:
            self.flush()  # one last try after the busy timeout
        if self.store.buffer:
            self.stats.set_value("jobfit/store/lost_postings", len(self.store.buffer))

    def spider_closed(self, spider, reason):
        """Record the run's outcome and counters; after a complete listing, close the postings it no longer has."""
        logging.getLogger().removeHandler(self.errors)
        if not hasattr(self, "run_id"):  # the spider failed before the pipeline opened
            return
        for key, n in self.store.counts.items():
            self.stats.set_value(f"jobfit/postings/{key}", n)
        stats = self.stats.get_stats()
        errors = max(self.errors.count, run_errors(stats))
        pages = stats.get("response_received_count", 0)
        ignored = stats.get("httperror/response_ignored_count", 0)
        counts = self.store.counts
        stored = counts["new"] + counts["updated"] + counts["unchanged"]
        skipped = getattr(spider, "skip_reason", None)
        # A source fails when its spider broke, when postings could not be stored, or when it brought nothing
        # back and something went wrong on the way (HTTP errors, timeouts); one bad page among many is not a failure.
        failed = not skipped and (
            reason != "finished" or stats.get("spider_exceptions/count", 0) > 0 or bool(self.store.buffer)
            or (not stored and (pages == 0 or errors > 0 or ignored > 0)))
        closed = 0
        # Only a listing read without any error is complete enough to close what it no longer shows.
        if not failed and not skipped and not errors and getattr(spider, "lists_whole_board", False) \
                and not getattr(spider, "truncated", False):
            closed = self.store.close_unseen()
        self.stats.set_value("jobfit/postings/closed", closed)
        finish_crawl_run(
            self.db, self.run_id,
            status="skipped" if skipped else "failed" if failed else "ok",
            pages=pages,
            items=stored,
            new=counts["new"],
            updated=counts["updated"],
            closed=closed,
            dropped=stats.get("item_dropped_count", 0),
            errors=errors,
            error_text=skipped or (None if not failed else failure_text(reason, stats, errors, self.errors.first)),
            stats=self.stats.get_stats(),
        )
        self.db.close()


def failure_text(reason: str, stats: dict, errors: int, first_error: str | None = None) -> str:
    """Why a run failed, in one line: the finish reason, the errors and the first failing URL when known."""
    text = (f"finish_reason={reason}, errors={errors}, pages={stats.get('response_received_count', 0)}, "
            f"http_errors={stats.get('httperror/response_ignored_count', 0)}")
    if url := stats.get("jobfit/first_error_url"):
        text += f", first error at {url}"
        if kind := stats.get("jobfit/first_error"):
            text += f": {kind}"
    elif first_error:
        text += f", first error: {first_error}"
    return text


def run_errors(stats: dict) -> int:
    """This crawler's own errors: failed requests and unreadable pages its spider counted, and callback exceptions.

    Scrapy's log_count/ERROR counts every crawler of the process, so one failing source would taint the others.
    """
    exceptions = sum(v for k, v in stats.items() if k.startswith("spider_exceptions/") and isinstance(v, int))
    return stats.get("jobfit/errors", 0) + exceptions
