"""Item pipelines, one job each, in the order settings.ITEM_PIPELINES declares: normalise, validate, store."""

from __future__ import annotations

import hashlib
import logging

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem

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
    """Upsert postings into SQLite in batched transactions and record the crawl run."""

    def __init__(self, db_path, batch_size, stats):
        self.db_path = db_path
        self.batch_size = batch_size
        self.stats = stats
        self.buffer: list[dict] = []
        self.counts = {"new": 0, "updated": 0, "unchanged": 0}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        pipeline = cls(settings.get("JOBFIT_DB"), settings.getint("JOBFIT_STORE_BATCH", 100), crawler.stats)
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

    def process_item(self, item, spider=None):
        posting = {k: v for k, v in ItemAdapter(item).asdict().items() if k != "description_html"}
        posting["id"] = posting_id(posting["source"], str(posting["external_id"]))
        posting["content_hash"] = content_hash(posting)
        self.buffer.append(posting)
        if len(self.buffer) >= self.batch_size:
            self.flush()
        return item

    def flush(self) -> None:
        """Write the buffered postings in one transaction."""
        if not self.buffer:
            return
        # The same posting twice in one batch: keep the last version.
        batch = list({p["id"]: p for p in self.buffer}.values())
        self.buffer = []
        for key, n in upsert_postings(self.db, batch).items():
            self.counts[key] += n
            self.stats.inc_value(f"jobfit/postings/{key}", n)

    def close_spider(self, spider=None):
        self.flush()

    def spider_closed(self, spider, reason):
        """Record the run's outcome and counters."""
        if not hasattr(self, "run_id"):  # the spider failed before the pipeline opened
            return
        stats = self.stats.get_stats()
        errors = stats.get("log_count/ERROR", 0)
        pages = stats.get("response_received_count", 0)
        failed = errors > 0 or reason != "finished" or (pages == 0 and not sum(self.counts.values()))
        finish_crawl_run(
            self.db, self.run_id,
            status="failed" if failed else "ok",
            pages=pages,
            items=sum(self.counts.values()),
            new=self.counts["new"],
            updated=self.counts["updated"],
            dropped=stats.get("item_dropped_count", 0),
            errors=errors,
            error_text=None if not failed else f"finish_reason={reason}, errors={errors}, pages={pages}",
            stats=stats,
        )
        self.db.close()
