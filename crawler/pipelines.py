"""Item pipelines, one job each, in the order settings.ITEM_PIPELINES declares: normalise, validate, store.

`normalize_posting` and `missing_field` are plain functions so that imports (jobfit import) share them.
"""

from __future__ import annotations

import logging
import sqlite3
import time
import unicodedata
from datetime import datetime, timezone

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from jobfit.crawler.items import UnchangedPage
from jobfit.crawler.normalize.dates import parse_date
from jobfit.crawler.normalize.location import clean_city, country_code, parse_location
from jobfit.crawler.normalize.requirements import experience_years, seniority_from_years
from jobfit.crawler.normalize.salary import annual_range, parse_salary, salary_from_text
from jobfit.crawler.normalize.text import clean_title, html_to_text
from jobfit.crawler.spiders.base import run_source
from jobfit.crawler.store import PostingStore, content_hash
from jobfit.db import open_db
from jobfit.db.vocabulary import (
    education,
    normalize_contract,
    normalize_period,
    normalize_remote,
    remote_from_text,
    seniority_of,
)

logger = logging.getLogger(__name__)

__all__ = ["NormalizePipeline", "StatsPipeline", "ValidatePipeline", "StorePipeline", "normalize_posting",
           "missing_field", "content_hash"]

REQUIRED_FIELDS = ("source", "external_id", "title")


def normalize_posting(posting, now: datetime | None = None):
    """Bring a posting's fields (a dict or item, changed in place) into jobfit's vocabulary; returns it."""
    now = now or datetime.now(timezone.utc)
    for key, value in list(posting.items()):
        # Decomposed accents (NFD, as macOS and some exports write them) are composed where text comes in, so
        # matching, folding and section headings see one form.
        if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
            posting[key] = unicodedata.normalize("NFC", value)
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
    posting["seniority"] = (seniority_of(posting.get("seniority")) or seniority_of(posting.get("title"))
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
        if not isinstance(item, UnchangedPage):
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
        if isinstance(item, UnchangedPage):
            return item
        if field := missing_field(posting):
            self.stats.inc_value(f"jobfit/dropped/missing_{field}")
            raise DropItem(f"posting without {field}: {posting.get('url') or posting.get('external_id')}")
        return item


class StorePipeline:
    """Upsert postings into SQLite in batched transactions, counting them in the stats (jobfit/postings/...).

    A batch is written when it is full or `JOBFIT_STORE_INTERVAL` seconds old, so a killed crawl loses at most one
    batch, which the next run fetches again. A batch that cannot be written stays buffered and is retried.
    Recording the run and closing postings gone from a board are crawl_run.CrawlRunRecorder's, which reads `store`.
    """

    def __init__(self, db_path, batch_size, stats, interval: float = 5.0):
        self.db_path = db_path
        self.batch_size = batch_size
        self.interval = interval
        self.stats = stats
        self.last_flush = time.monotonic()
        self.store: PostingStore | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(settings.get("JOBFIT_DB"), settings.getint("JOBFIT_STORE_BATCH", 100), crawler.stats,
                       settings.getfloat("JOBFIT_STORE_INTERVAL", 5.0))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self, spider=None):
        self.spider = spider or self.crawler.spider
        self.source = run_source(self.spider)
        self.db = open_db(self.db_path)
        # The pipeline decides when to write (batch size or age), so the store never flushes by itself.
        self.store = PostingStore(self.db, batch_size=0)

    def process_item(self, item, spider=None):
        if isinstance(item, UnchangedPage):
            self.store.keep(item["source"], item.get("board"), item["posting_ids"])
            return item
        self.store.add(ItemAdapter(item).asdict())
        if len(self.store.buffer) >= self.batch_size or time.monotonic() - self.last_flush >= self.interval:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered postings in one transaction; on a database error keep them for the next try."""
        self.last_flush = time.monotonic()
        if not self.store.buffer and not self.store.untouched:
            return
        try:
            self.store.flush()
        except sqlite3.OperationalError as exc:  # locked or full: the batch stays buffered
            self.stats.inc_value("jobfit/store/retried_batches")
            # Logged with the spider, so that the run counts it among its own errors.
            logger.error("could not store %d postings of %s, will retry: %s", len(self.store.buffer), self.source,
                         exc, extra={"spider": self.spider})

    def close_spider(self, spider=None):
        self.flush()
        if self.store.buffer:
            self.flush()  # one last try after the busy timeout
        if self.store.buffer:
            self.stats.set_value("jobfit/store/lost_postings", len(self.store.buffer))
        for key, n in self.store.counts.items():
            self.stats.set_value(f"jobfit/postings/{key}", n)
        self.db.close()
